"""Baselines through the CLI: `--write-baseline` records, `--baseline` hides; fingerprints
survive edits that move lines and change when the finding changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.suppress.fingerprint import FINGERPRINT_VERSION
from tests.support.cli_project import INSTANCE_TYPE, check, write_project

CURRENT = json.dumps(FINGERPRINT_VERSION)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(
        tmp_path, {"amlarc-lint.toml": "", "it.yaml": INSTANCE_TYPE.format(name="small")}
    )


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "it.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_write_baseline_records_the_findings(project: Path) -> None:
    run = check("--write-baseline", "baseline.json")
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == "amlarc-lint: wrote 2 findings to baseline.json\n"
    recorded = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert list(recorded) == ["amlarc-lint-baseline", "fingerprint-version", "findings"]
    assert recorded["amlarc-lint-baseline"] == 1
    assert [(e["rule"], e["path"], sorted(e)) for e in recorded["findings"]] == [
        ("AML201", "it.yaml", ["fingerprint", "message", "path", "rule"]),
        ("AML204", "it.yaml", ["fingerprint", "message", "path", "rule"]),
    ]


def test_a_baseline_hides_what_it_recorded(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    run = check("--baseline", "baseline.json")
    assert run.exit_code == 0
    assert run.stdout == "Found 0 findings; 1 file checked, 0 files skipped, 2 baselined.\n"


def test_fingerprints_survive_edits_that_move_lines(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    before = (project / "baseline.json").read_bytes()
    _edit(project, "apiVersion:", "# A comment and a blank line above everything.\n\napiVersion:")
    _edit(project, "  resources:\n", "  # where the amounts are\n  resources:\n")
    assert check("--format", "concise", "--baseline", "baseline.json").found == []
    check("--write-baseline", "baseline.json")
    assert (project / "baseline.json").read_bytes() == before  # no line numbers inside


def test_rewriting_a_baseline_keeps_what_it_held(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    before = (project / "baseline.json").read_bytes()
    run = check("--baseline", "baseline.json", "--write-baseline", "baseline.json")
    assert run.stderr == "amlarc-lint: wrote 2 findings to baseline.json\n"
    assert (project / "baseline.json").read_bytes() == before


def test_a_changed_finding_is_new(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    _edit(project, "memory: 2GB", "memory: 3GB")
    run = check("--format", "concise", "--baseline", "baseline.json")
    assert run.exit_code == 1
    assert run.found == [("it.yaml", 10, 32, "AML201", "error")]


def test_new_findings_show_and_recorded_ones_stay_hidden(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    _edit(project, 'limits: {cpu: "1"', "limits: {cpu: 2")
    run = check("--format", "concise", "--baseline", "baseline.json")
    assert run.found == [("it.yaml", 10, 19, "AML204", "warning")]
    assert run.stdout.endswith(", 2 baselined.\n")


def test_copies_of_one_mistake_are_counted(project: Path) -> None:
    two = INSTANCE_TYPE.format(name="a") + "---\n" + INSTANCE_TYPE.format(name="b")
    write_project(project, {"it.yaml": two})
    check("--write-baseline", "baseline.json")
    write_project(project, {"it.yaml": two + "---\n" + INSTANCE_TYPE.format(name="c")})
    assert check("--format", "concise", "--baseline", "baseline.json").found == [
        ("it.yaml", 31, 21, "AML204", "warning"),
        ("it.yaml", 32, 32, "AML201", "error"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline.json: cannot read the baseline: No such file or directory"),
        ("{", "baseline.json: not a baseline file (invalid JSON: Expecting property name "
              "enclosed in double quotes: line 1 column 2 (char 1))"),
        ('{"amlarc-lint-baseline": 7}', "baseline.json: not an amlarc-lint baseline of "
                                         "version 1; write one with --write-baseline"),
        ('{"amlarc-lint-baseline": 1, "fingerprint-version": "v0", "findings": []}',
         "baseline.json: written with fingerprint recipe 'v0', this amlarc-lint uses "
         f"{FINGERPRINT_VERSION!r}; rewrite it with --write-baseline"),
        ('{"amlarc-lint-baseline": 1, "fingerprint-version": ' + CURRENT + ', "findings": [3]}',
         "baseline.json: 'findings' must be a list of entries with a 'fingerprint'"),
    ],
)
def test_a_bad_baseline_is_one_line_and_exit_2(
    project: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    run = check("--baseline", "baseline.json")
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"amlarc-lint: error: {message}\n")


def test_the_summary_counts_deselected_suppressed_and_baselined_apart(project: Path) -> None:
    check("--write-baseline", "baseline.json")
    two = INSTANCE_TYPE.format(name="two").replace(
        "memory: 2Gi}\n", "memory: 2Gi}  # amlarc-lint: ignore[quoting]\n", 1
    )
    config = '[per-file-ignores]\n"*.yaml" = ["AML201"]\n'
    write_project(project, {"amlarc-lint.toml": config, "two.yaml": two})
    run = check("--baseline", "baseline.json")
    assert run.stdout == (
        "Found 0 findings; 2 files checked, 0 files skipped, 2 deselected, 1 suppressed, "
        "1 baselined.\n"
    )
    summary = json.loads(check("--baseline", "baseline.json", "--format", "json").stdout)["summary"]
    assert (summary["deselected"], summary["suppressed"], summary["baselined"]) == (2, 1, 1)
