"""Inline suppression through the CLI: which findings a comment hides, what counts
as a comment, AML004 for directives that hide nothing, and the summary's count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli_project import check, write_project

HEAD = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: small
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"amlarc-lint.toml": ""})


def _lint(project: Path, body: str, *args: str) -> list[tuple[str, int, int, str, str]]:
    write_project(project, {"it.yaml": HEAD + body})
    return check("--format", "concise", *args).found


@pytest.mark.parametrize("rules", ["AML204", "quoting"])
def test_a_trailing_comment_hides_the_findings_of_its_line(project: Path, rules: str) -> None:
    """A rule is named by its id or its name."""
    body = f"""\
spec:
  resources:
    requests: {{cpu: 1, memory: 2Gi}}  # amlarc-lint: ignore[{rules}]
    limits: {{cpu: 1, memory: 2Gi}}
"""
    assert _lint(project, body) == [("it.yaml", 8, 19, "AML204", "warning")]


def test_an_unknown_rule_name_is_reported(project: Path) -> None:
    body = "spec: {resources: {requests: {cpu: 1, memory: 2Gi}}}  # amlarc-lint: ignore[quotin]\n"
    write_project(project, {"it.yaml": HEAD + body})
    run = check("--format", "json")
    findings = json.loads(run.stdout)["findings"]
    assert [f["message"] for f in findings if f["rule_id"] == "AML004"] == [
        '"quotin" is not the name of a rule; see `amlarc-lint rules` for the names and ids'
    ]
    assert "AML204" in {f["rule_id"] for f in findings}


def test_a_comment_alone_on_the_line_above_hides_the_next_line(project: Path) -> None:
    body = """\
spec:
  resources:
    # amlarc-lint: ignore[AML204]
    # (further comment lines may follow the directive)
    requests: {cpu: 1, memory: 2Gi}

    # amlarc-lint: ignore[AML204]

    limits: {cpu: 1, memory: 2Gi}
"""
    assert _lint(project, body) == [
        ("it.yaml", 11, 5, "AML004", "warning"),  # a blank line ends its reach
        ("it.yaml", 13, 19, "AML204", "warning"),
    ]


def test_any_line_of_a_multi_line_finding(project: Path) -> None:
    body = """\
spec:
  resources:
    requests:
      cpu: "1"
      memory: 2
        GB  # amlarc-lint: ignore[AML201]
    limits: {cpu: "1", memory: 2Gi}
"""
    assert _lint(project, body) == []


def test_a_bare_ignore_hides_every_rule_and_ignore_file_the_whole_file(project: Path) -> None:
    body = """\
spec:
  resources:
    requests: {cpu: 1, memory: 2GB}  # amlarc-lint: ignore
    limits: {cpu: 1, memory: 2GB}
# amlarc-lint: ignore-file[AML201, AML204]
"""
    assert _lint(project, body) == []


def test_a_hash_inside_a_string_or_block_scalar_is_not_a_comment(project: Path) -> None:
    body = """\
  annotations:
    quoted: 'x # amlarc-lint: ignore-file'
    block: |
      # amlarc-lint: ignore-file
    plain: a#amlarc-lint:ignore-file
spec:
  resources:
    requests: {cpu: "1", memory: 2Gi}
    limits: {cpu: 1, memory: 2Gi}
"""
    assert _lint(project, body) == [("it.yaml", 13, 19, "AML204", "warning")]


def test_unused_directives_are_reported_at_the_comment(project: Path) -> None:
    body = """\
spec:
  resources:
    requests: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore[AML204,AML999]
    limits: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore[204]
"""
    write_project(project, {"it.yaml": HEAD + body})
    run = check()
    assert run.exit_code == 0
    comment = '7 |     requests: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore[AML204,AML999]\n'
    underline = "  |" + " " * 40 + "^" * 36 + "\n"
    assert run.stdout == (
        "it.yaml:7:40: AML004 AML999 is not a rule; remove it from this comment\n"
        f"{comment}{underline}"
        "it.yaml:7:40: AML004 `ignore[AML204]` hides no AML204 finding on this line; "
        "remove AML204 from this comment\n"
        f"{comment}{underline}"
        'it.yaml:8:38: AML004 "204" is not a rule id; list full ids separated by commas, '
        "as in `ignore[AML201,AML204]`\n"
        '8 |     limits: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore[204]\n'
        "  |                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
        "Found 3 findings (3 warnings); 1 file checked, 0 files skipped.\n"
    )


def test_the_summary_counts_suppressed_findings(project: Path) -> None:
    body = """\
spec:
  resources:
    requests: {cpu: 1, memory: 2GB}  # amlarc-lint: ignore
    limits: {cpu: "1", memory: 2Gi}
"""
    write_project(project, {"it.yaml": HEAD + body})
    run = check()
    assert run.stdout == "Found 0 findings; 1 file checked, 0 files skipped, 2 suppressed.\n"
    assert run.exit_code == 0


def test_ids_not_selected_for_the_file_are_not_unused(project: Path) -> None:
    body = """\
spec:
  resources:
    requests: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore[AML201]
    limits: {cpu: "1", memory: 2Gi}
"""
    assert _lint(project, body) == [("it.yaml", 7, 40, "AML004", "warning")]
    assert _lint(project, body, "--select", "AML0,AML204") == []
    write_project(project, {"amlarc-lint.toml": '[per-file-ignores]\n"it.yaml" = ["AML201"]\n'})
    assert _lint(project, body) == []


def test_aml004_itself_follows_the_config(project: Path) -> None:
    write_project(project, {"amlarc-lint.toml": '[severity]\nAML004 = "error"\n'})
    body = """\
spec:
  resources:
    requests: {cpu: "1", memory: 2Gi}
    limits: {cpu: "1", memory: 2Gi}  # amlarc-lint: ignore
"""
    assert _lint(project, body) == [("it.yaml", 8, 38, "AML004", "error")]
    assert _lint(project, body, "--ignore", "AML004") == []


def test_a_broken_file_can_be_silenced_from_its_top(project: Path) -> None:
    body = """\
# amlarc-lint: ignore-file[AML001]
spec:
  resources: {{resources}}
    limits: [
"""
    assert _lint(project, body) == []


def test_directives_in_a_utf16_file(project: Path) -> None:
    body = """\
spec:
  resources:
    requests: {cpu: 1, memory: 2Gi}  # amlarc-lint: ignore[AML204]
    limits: {cpu: "1", memory: 2Gi}
"""
    write_project(project, {"it.yaml": (HEAD + body).encode("utf-16")})
    run = check("--format", "concise")
    assert (run.found, run.stdout.splitlines()[-1]) == (
        [],
        "Found 0 findings; 1 file checked, 0 files skipped, 1 suppressed.",
    )


def test_only_files_with_a_directive_are_read_again_for_suppression(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from linter.suppress import inline as suppression

    read_again: list[str] = []
    real_read = suppression.read_bytes

    def counting_read(path: Path) -> bytes:
        read_again.append(path.name)
        return real_read(path)

    monkeypatch.setattr(suppression, "read_bytes", counting_read)
    body = """\
spec:
  resources:
    requests: {cpu: 1, memory: 2Gi}{comment}
    limits: {cpu: 1, memory: 2Gi}
"""
    write_project(project, {
        "hidden.yaml": HEAD + body.replace("{comment}", "  # amlarc-lint: ignore[AML204]"),
        "shown.yaml": HEAD.replace("small", "other") + body.replace("{comment}", ""),
    })
    assert check("--format", "concise").found == [
        ("hidden.yaml", 8, 19, "AML204", "warning"),
        ("shown.yaml", 7, 21, "AML204", "warning"),
        ("shown.yaml", 8, 19, "AML204", "warning"),
    ]
    assert read_again == ["hidden.yaml"]


def test_an_unused_directive_shows_its_line_in_a_file_with_cr_line_breaks(project: Path) -> None:
    text = HEAD + "spec:\n  nodeSelector: {pool: cpu}  # amlarc-lint: ignore[AML204]\n"
    write_project(project, {"it.yaml": text.replace("\n", "\r").encode()})
    run = check("--format", "json")
    [unused] = [f for f in json.loads(run.stdout)["findings"] if f["rule_id"] == "AML004"]
    assert unused["span"]["start_line"] == 6
    assert unused["snippet"] == "  nodeSelector: {pool: cpu}  # amlarc-lint: ignore[AML204]"
