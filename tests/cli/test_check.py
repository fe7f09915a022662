"""`amlarc-lint check` as a function: options in, outputs written, exit status out (0 clean,
1 findings at or above `--fail-on`, 2 the run could not happen)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.cli.check import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, CheckOptions, run_check
from tests.support.cli_project import INSTANCE_TYPE, write_project

# INSTANCE_TYPE holds an AML204 warning at 9:21 and an AML201 error at 10:32.
ONLY_A_WARNING = INSTANCE_TYPE.replace("memory: 2GB", "memory: 2Gi")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"amlarc-lint.toml": "", "it.yaml": INSTANCE_TYPE.format(
        name="it"), "warn.yaml": ONLY_A_WARNING.format(name="warn")})


def _check(*paths: str, **options: object) -> int:
    return run_check(CheckOptions(paths=paths, cache=False)._replace(**options))


def test_the_exit_status_follows_fail_on_and_exit_zero(project: Path) -> None:
    assert _check("it.yaml") == EXIT_FINDINGS
    assert _check("warn.yaml") == EXIT_CLEAN
    assert _check("warn.yaml", fail_on="warning") == EXIT_FINDINGS
    assert _check("it.yaml", exit_zero=True) == EXIT_CLEAN


def test_the_printed_format_and_the_reports_go_where_they_are_sent(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _check("it.yaml", output_format="concise", output_file=Path("out.txt"),
                  report_files=(("json", Path("reports/r.json")),))
    assert (code, capsys.readouterr().out) == (EXIT_FINDINGS, "")
    assert (project / "out.txt").read_text(encoding="utf-8").splitlines()[:2] == [
        "it.yaml:9:21: warning: AML204 requests.cpu is the YAML number 1; cpu in an instance "
        'type should be a string: write "1"',
        'it.yaml:10:32: error: AML201 memory "2GB" is not a Kubernetes quantity: unknown suffix '
        '"GB"; did you mean "2G" (G = 10^9) or "2Gi" (Gi = 2^30)?',
    ]
    report = json.loads((project / "reports" / "r.json").read_text(encoding="utf-8"))
    assert [f["rule_id"] for f in report["findings"]] == ["AML204", "AML201"]


def test_a_bad_config_is_exit_2_and_an_annotation_at_the_config(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(project, {"amlarc-lint.toml": 'select = ["nothing"]\n'})
    assert _check(output_format="github") == EXIT_ERROR
    printed = capsys.readouterr()
    assert printed.err.startswith("amlarc-lint: error: amlarc-lint.toml: ")
    assert printed.out.startswith("::error file=amlarc-lint.toml,")
    assert "title=amlarc-lint did not run::" in printed.out


def test_standard_input_cannot_be_fixed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(stdin_filename="it.yaml", fix=True) == EXIT_ERROR
    assert capsys.readouterr().err == (
        "amlarc-lint: error: --fix and --diff cannot change standard input; lint a file to "
        "fix it\n"
    )


def test_fix_and_write_baseline_say_what_they_did(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check("warn.yaml", write_baseline=Path("b.json")) == EXIT_CLEAN
    assert capsys.readouterr().err.endswith("amlarc-lint: wrote 1 finding to b.json\n")
    # AML204's quotes are a fix; "2GB" stays, G or Gi is the author's choice.
    assert _check("it.yaml", fix=True, output_format="concise") == EXIT_FINDINGS
    printed = capsys.readouterr()
    assert printed.err.endswith("amlarc-lint: fixed 1 finding in 1 file\n")
    assert printed.out.startswith('it.yaml:10:32: error: AML201 memory "2GB"')
    fixed = (project / "it.yaml").read_text(encoding="utf-8")
    assert 'requests: {cpu: "1", memory: 2Gi}' in fixed and "memory: 2GB}" in fixed
