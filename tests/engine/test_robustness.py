"""Bad input (the README's "Bad input and limits"), through the command line: each gets a
located finding or a one-line error, never a traceback; every other file is still linted;
exit 0/1 for findings, 2 only for usage and configuration problems."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from linter.cli.app import main
from linter.core.finding import Report, Severity
from linter.discovery import files as discover
from linter.discovery.configs import load_settings
from linter.engine import passes as engine
from linter.engine.registry import load_rules
from linter.rule import rule
from linter.source.kinds import Kind
from linter.source.text import MAX_FILE_BYTES
from linter.source.yaml_reader import MAX_DEPTH, MAX_NODES
from tests.conftest import NetworkBlocked

HEAD = "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: {name}\n"
GOOD = HEAD + textwrap.dedent(
    """\
    spec:
      resources:
        requests:
          cpu: "1"
          memory: "2Gi"
        limits:
          cpu: "1"
          memory: "2Gi"
    """
)
# A neighbour with one known finding: it must be reported whatever else is in the folder.
LIMITS = 'limits:\n      cpu: "1"\n      memory: "2Gi"\n'
SIBLING = GOOD.format(name="sibling").replace("    " + LIMITS, "  " + LIMITS.replace("    ", "  "))
SIBLING_FINDING = (
    'sibling.yaml:10:3: error: AML102 unknown field "limits" in spec; limits belongs under '
    "spec.resources (indent it one level deeper)"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "sibling.yaml").write_text(SIBLING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def check(*args: str) -> Result:
    result = CliRunner().invoke(main, ["check", "--format", "concise", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback:\n{result.output}") from result.exception
    assert "Traceback" not in result.output
    return result


def findings(result: Result) -> list[str]:
    """The finding lines (the summary line dropped)."""
    return [line for line in result.stdout.splitlines() if not line.startswith("Found ")]


def assert_reported(result: Result, *expected: str) -> None:
    """Exactly these findings besides the sibling's, which is still reported; exit 1."""
    assert sorted(findings(result)) == sorted([*expected, SIBLING_FINDING])
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'spec: {resources: [cpu: "1"\n',
            "6:1: error: AML001 while parsing a flow sequence: did not find expected ',' or ']'",
            id="unclosed-flow",
        ),
        pytest.param(
            "spec:\n  resources: x\n requests: y\n",
            "7:2: error: AML001 while parsing a block mapping: did not find expected key",
            id="bad-indentation",
        ),
        pytest.param(
            "spec:\n\tresources: {}\n",
            "6:1: error: AML001 while scanning for the next token: found character that "
            "cannot start any token",
            id="tab-indentation",
        ),
        pytest.param(
            'spec: "never closed\n',
            "6:1: error: AML001 while scanning a quoted scalar: found unexpected end of stream",
            id="unterminated-quote",
        ),
        pytest.param(
            "spec: *nowhere\n",
            "5:7: error: AML001 found undefined alias",
            id="undefined-alias",
        ),
        pytest.param(
            "spec: {}\n}\n",
            "6:1: error: AML001 while parsing a block mapping: did not find expected key",
            id="stray-brace",
        ),
    ],
)
def test_malformed_yaml_is_located(project: Path, text: str, expected: str) -> None:
    (project / "bad.yaml").write_text(HEAD.format(name="bad") + text, encoding="utf-8")
    assert_reported(check("."), f"bad.yaml:{expected}")


def test_invalid_utf8_is_located_at_the_bad_byte(project: Path) -> None:
    (project / "latin1.yaml").write_bytes(GOOD.format(name="x").encode() + b"# caf\xe9\n")
    assert_reported(
        check("."), "latin1.yaml:13:6: error: AML005 not valid UTF-8 text (byte 199); not linted"
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8-sig", "utf-32-le"])
def test_utf16_and_other_boms_lint_with_the_same_spans(project: Path, encoding: str) -> None:
    text = SIBLING.replace("sibling", "encoded")
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
    data = bom.get(encoding, b"") + text.encode(encoding)
    (project / "encoded.yaml").write_bytes(data)
    assert_reported(check("."), SIBLING_FINDING.replace("sibling.yaml", "encoded.yaml"))


def test_nul_bytes_make_a_binary_file(project: Path) -> None:
    (project / "binary.yaml").write_bytes(GOOD.format(name="x").encode() + b"  x: \x00\x01\n")
    assert_reported(
        check("."),
        "binary.yaml:13:6: error: AML005 binary file (contains NUL characters); not linted",
    )


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n...\n", "\n\n  \n"])
def test_empty_and_comment_only_files_are_skipped(project: Path, text: str) -> None:
    (project / "empty.yaml").write_text(text, encoding="utf-8")
    result = check("empty.yaml")
    assert findings(result) == []
    assert result.stdout.endswith("Found 0 findings; 0 files checked, 1 file skipped.\n")
    assert result.exit_code == 0


def test_billion_laughs_is_cut_off(project: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    (project / "bomb.yaml").write_text(HEAD.format(name="bomb") + "\n".join(lines) + "\n")
    assert_reported(
        check("."),
        # Where the 200,001st node is met: a "lol" of the anchor the aliases all expand to.
        f"bomb.yaml:5:36: error: AML005 document expands to more than {MAX_NODES:,} nodes "
        "(alias expansion?)",
    )


def test_alias_bomb_through_keys_shares_the_budget(project: Path) -> None:
    """Collection keys are built too: each must not get a budget of its own."""
    anchor = "big: &b [" + ", ".join(["[1, 2, 3, 4, 5, 6, 7, 8, 9]"] * 2000) + "]\n"
    keys = "".join(f"  ? [*b, {i}]\n  : 1\n" for i in range(200))
    (project / "keys.yaml").write_text(HEAD.format(name="keys") + anchor + "spec:\n" + keys)
    lines = findings(check("."))
    assert (
        f"keys.yaml:5:57890: error: AML005 document expands to more than {MAX_NODES:,} nodes "
        "(alias expansion?)"
    ) in lines
    assert SIBLING_FINDING in lines


@pytest.mark.parametrize(
    ("nested", "where"),
    [
        pytest.param("spec: " + "[" * 20_000 + "]" * 20_000 + "\n", "5:1006", id="flow-sequences"),
        pytest.param("spec: " + "{a: " * 20_000 + "x" + "}" * 20_000 + "\n", "5:4003",
                     id="flow-mappings"),
        pytest.param("spec:\n" + "- " * 20_000 + "x\n", "6:1999", id="block-sequences"),
        pytest.param("spec:\n  " + "? " * 20_000 + "x\n", "6:1999", id="complex-keys"),
    ],
)
def test_deep_nesting_is_cut_off_without_recursion_errors(
    project: Path, nested: str, where: str
) -> None:
    # libyaml itself stops at 1,000 levels; the builder stops at MAX_DEPTH.
    (project / "deep.yaml").write_text(HEAD.format(name="deep") + nested, encoding="utf-8")
    assert_reported(
        check("."), f"deep.yaml:{where}: error: AML005 nesting deeper than {MAX_DEPTH} levels"
    )


def test_nesting_between_the_builder_limit_and_libyamls(project: Path) -> None:
    depth = MAX_DEPTH + 100
    nested = "spec:\n  resources:\n    limits: " + "[" * depth + "]" * depth + "\n"
    (project / "deep.yaml").write_text(HEAD.format(name="deep") + nested, encoding="utf-8")
    lines = findings(check("."))
    assert f"deep.yaml:7:{13 + MAX_DEPTH - 2}: error: AML005 nesting deeper than {MAX_DEPTH} " \
        "levels" in lines
    assert SIBLING_FINDING in lines


def test_just_within_the_depth_limit_every_rule_runs(project: Path) -> None:
    """A document nested as deep as allowed reaches the rules (and JSON Schema) unharmed."""
    depth = MAX_DEPTH - 10
    nested = "spec:\n  resources:\n    limits:\n      cpu: " + "[" * depth + "]" * depth + "\n"
    (project / "deep.yaml").write_text(HEAD.format(name="deep") + nested, encoding="utf-8")
    lines = findings(check("."))
    assert not [line for line in lines if "AML003" in line or "AML005" in line]
    assert any(line.startswith("deep.yaml:8:12: error: AML103") for line in lines), lines


def test_a_50_mb_file_is_not_read(project: Path) -> None:
    with (project / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is what counts
    assert_reported(
        check("."),
        f"huge.yaml:1:1: error: AML005 file is 52,428,800 bytes, over the {MAX_FILE_BYTES:,}-byte"
        " limit; not linted",
    )


def test_too_many_nodes_are_refused_before_they_are_built(project: Path) -> None:
    items = ", ".join(["1"] * (MAX_NODES + 10))
    (project / "wide.yaml").write_text(HEAD.format(name="wide") + f"spec: [{items}]\n")
    [wide] = [line for line in findings(check(".")) if line.startswith("wide.yaml")]
    assert wide.startswith("wide.yaml:5:")
    assert wide.endswith(f"error: AML005 more than {MAX_NODES:,} YAML nodes in this file; "
                         "not linted")


def test_very_long_lines_keep_exact_columns(project: Path) -> None:
    label = "x" * 1_000_000
    text = HEAD.format(name="long") + f'  labels: {{a: "{label}", b: c}}\nspec: []\n'
    (project / "long.yaml").write_text(text, encoding="utf-8")
    assert_reported(
        check("."),
        "long.yaml:6:7: error: AML103 spec must be a mapping, not a list",
    )


@pytest.mark.parametrize("separator", ["\r", "\u2028", "\x85"], ids=["cr", "ls", "nel"])
def test_unusual_line_breaks_count_as_yaml_counts_them(project: Path, separator: str) -> None:
    text = SIBLING.replace("sibling", "breaks").replace("\n", separator)
    (project / "breaks.yaml").write_text(text, encoding="utf-8", newline="")
    assert_reported(check("."), SIBLING_FINDING.replace("sibling.yaml", "breaks.yaml"))


def test_python_tags_are_never_constructed(project: Path) -> None:
    marker = project / "constructed"
    text = HEAD.format(name="tagged") + (
        f"spec: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    (project / "tagged.yaml").write_text(text, encoding="utf-8")
    lines = findings(check("."))
    assert not marker.exists()
    assert (
        'tagged.yaml:5:7: error: AML001 tag "!!python/object/apply:os.system" is not a standard '
        "YAML tag; Azure ML and kubectl load YAML safely and reject it (it is never constructed "
        "here)"
    ) in lines
    assert SIBLING_FINDING in lines


def test_a_directory_named_like_a_yaml_file(project: Path) -> None:
    folder = project / "x.yaml"
    folder.mkdir()
    (folder / "inner.yaml").write_text(SIBLING.replace("sibling", "inner"), encoding="utf-8")
    inner = SIBLING_FINDING.replace("sibling.yaml", "x.yaml/inner.yaml")
    assert_reported(check("."), inner)
    # Named on the command line, it is a folder to walk, not a file to read.
    assert sorted(findings(check("x.yaml", "sibling.yaml"))) == sorted([inner, SIBLING_FINDING])


def test_symlink_loops(project: Path) -> None:
    os.symlink("loop-b.yaml", project / "loop-a.yaml")
    os.symlink("loop-a.yaml", project / "loop-b.yaml")
    os.symlink(".", project / "self")  # a folder loop: never followed
    assert_reported(check("."))
    assert_reported(
        check("loop-a.yaml", "sibling.yaml"),
        "loop-a.yaml:1:1: error: AML005 cannot read file: Too many levels of symbolic links",
    )


def test_a_fifo_is_not_read(project: Path) -> None:
    os.mkfifo(project / "pipe.yaml")
    assert_reported(
        check("pipe.yaml", "sibling.yaml"),
        "pipe.yaml:1:1: error: AML005 not a regular file (a pipe, socket or device); not linted",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod-000 file; see the next test")
def test_unreadable_file(project: Path) -> None:
    (project / "secret.yaml").write_text(GOOD.format(name="secret"), encoding="utf-8")
    (project / "secret.yaml").chmod(0)
    assert_reported(check("."), "secret.yaml:1:1: error: AML005 permission denied")


def test_unreadable_file_any_user(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as root can see it: opening the file is refused."""
    secret = project / "secret.yaml"
    secret.write_text(GOOD.format(name="secret"), encoding="utf-8")
    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("linter.source.bounded_read.os.open", refuse)
    assert_reported(check("."), "secret.yaml:1:1: error: AML005 permission denied")


def test_file_deleted_between_discovery_and_reading(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doomed = project / "doomed.yaml"
    doomed.write_text(GOOD.format(name="doomed"), encoding="utf-8")
    real_targets = discover.targets

    def targets_then_delete(*args: object, **kwargs: object) -> discover.Targets:
        found = real_targets(*args, **kwargs)  # type: ignore[arg-type]
        doomed.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(discover, "targets", targets_then_delete)
    assert_reported(
        check("."), "doomed.yaml:1:1: error: AML005 file vanished before it could be read"
    )


def test_a_path_given_twice_is_linted_once(project: Path) -> None:
    result = check("sibling.yaml", "sibling.yaml", "./sibling.yaml")
    assert_reported(result)
    assert result.stdout.endswith("1 file checked, 0 files skipped.\n")


def test_a_path_that_does_not_exist(project: Path) -> None:
    assert_reported(
        check("missing.yaml", "sibling.yaml"),
        "missing.yaml:1:1: error: AML005 path does not exist",
    )


def test_a_file_name_that_is_not_utf8(project: Path) -> None:
    (project / os.fsdecode(b"caf\xe9.yaml")).write_text(GOOD.format(name="cafe"))
    for output_format in ("json", "sarif", "github", "gitlab", "junit", "azure"):
        result = CliRunner().invoke(main, ["check", "--format", output_format, "."])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1, result.output
    assert_reported(
        check("."),
        "caf\ufffd.yaml:1:1: error: AML005 the file name is not valid UTF-8; rename the file "
        "to lint it",
    )


def test_a_file_name_that_is_not_utf8_with_a_directive(project: Path) -> None:
    """Suppression, which reads the targets' directives, never sees such a name either."""
    text = GOOD.format(name="cafe") + "# amlarc-lint: ignore\n"
    (project / os.fsdecode(b"caf\xe9.yaml")).write_text(text)
    for output_format in ("json", "text"):
        result = CliRunner().invoke(main, ["check", "--format", output_format, "."])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1, result.output
        assert "AML005" in result.output and "AML004" not in result.output


def test_a_bad_config_is_a_one_line_error_and_exit_2(project: Path) -> None:
    (project / "amlarc-lint.toml").write_text("select = [\n", encoding="utf-8")
    result = check(".")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("amlarc-lint: error: ") and "amlarc-lint.toml" in line


def test_a_current_folder_that_is_gone_is_a_one_line_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    script = "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); " + (
        "from linter.cli.app import main; main(['check', sys.argv[2]])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), str(tmp_path / "a.yaml")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "amlarc-lint: error: the current folder no longer exists\n"


def test_an_unknown_option_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_no_traceback_on_hostile_input_in_a_real_process(project: Path) -> None:
    """The installed command, with the process's own stdout encoding and limits."""
    (project / "deep.yaml").write_text(HEAD.format(name="deep") + "spec: " + "[" * 20_000)
    (project / "latin1.yaml").write_bytes(b"instance_type: caf\xe9\n")
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "concise", "."],
        cwd=project, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert SIBLING_FINDING in done.stdout.splitlines()


@rule("AML999", "always-crashes", Severity.ERROR, [Kind.INSTANCE_TYPE])
def _broken_rule(document: object, context: object) -> Iterator[Report]:
    """A rule with a bug, for the test below."""
    raise ZeroDivisionError("division by zero")
    yield  # a generator, like every rule


def test_a_crashing_rule_becomes_aml003_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "sibling.yaml").write_text(SIBLING, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD.format(name="good"), encoding="utf-8")
    settings = load_settings(tmp_path)
    result = engine.run(settings, (str(tmp_path),), rules=(*load_rules(), _broken_rule))
    lines = [f"{f.path}:{f.span.start_line}:{f.span.start_col}: {f.rule_id}"
             for f in result.findings]
    assert lines == [
        "good.yaml:1:1: AML003",
        "sibling.yaml:1:1: AML003",
        "sibling.yaml:10:3: AML102",  # the other rules still ran on the same document
    ]
    crash = result.findings[0]
    assert crash.message.startswith(
        "rule AML999 (always-crashes) crashed on this document: ZeroDivisionError: division by "
        "zero (at _broken_rule:"
    )
    assert crash.message.endswith("); please report this")
    assert result.files_checked == 2


def test_the_test_suite_cannot_reach_the_network() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("example.com", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw, pytest.raises(NetworkBlocked):
        raw.connect(("192.0.2.1", 80))
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as raw, pytest.raises(NetworkBlocked):
        raw.connect(("2001:db8::1", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw, pytest.raises(NetworkBlocked):
        raw.connect_ex(("192.0.2.1", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as raw, pytest.raises(NetworkBlocked):
        raw.sendto(b"x", ("192.0.2.1", 53))
    # Local sockets (multiprocessing's pipes, for one) still work.
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


def test_an_internal_error_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug outside the rules (here: the engine itself raising) never shows a traceback."""
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("engine exploded")

    monkeypatch.delenv("AMLARC_LINT_DEBUG", raising=False)
    monkeypatch.setattr(engine, "run", broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "it.yaml").write_text("a: 1\n", encoding="utf-8")
    outcome = CliRunner().invoke(main, ["check", "."])
    assert outcome.exit_code == 2
    assert outcome.stdout == ""
    [line] = outcome.stderr.splitlines()
    assert line.startswith("amlarc-lint: internal error: RuntimeError: engine exploded (at ")
    assert "Traceback" not in outcome.stderr
