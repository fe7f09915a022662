"""The command-line habits users bring from ruff and checkov: `--output-format`, `-q`, `-v`
(which files were linted, which skipped and why), `--statistics`, `rules --format json`, and
the config's `baseline` key (`--show-files` and `--show-settings`: test_show.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from linter.engine.registry import load_rules
from tests.support.cli_project import check, write_habits_project, write_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_habits_project(tmp_path)


def test_output_format_is_an_alias_of_format(project: Path) -> None:
    assert check("--output-format", "concise").stdout == check("--format", "concise").stdout
    assert check("--output-format", "sarif=r.sarif").exit_code == 1
    assert json.loads((project / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_quiet_prints_the_findings_and_nothing_else(project: Path) -> None:
    loud, quiet = check("--format", "concise"), check("--format", "concise", "-q")
    assert quiet.stdout == loud.stdout.rsplit("Found ", 1)[0]
    assert quiet.stdout.count("\n") == 2 and quiet.exit_code == 1
    assert check("--quiet").stdout.count("Found ") == 0


def test_verbose_says_which_files_were_linted_and_why_others_were_not(project: Path) -> None:
    os.symlink("gone.yaml", project / "pipe.yaml")  # git lists a symlink; a FIFO it does not
    run = check("-v")
    assert run.exit_code == 1
    lines = [line for line in run.stderr.splitlines() if ".amlarc-lint-cache" not in line]
    assert lines == [
        "amlarc-lint: skipped build/: ignored by git (the whole folder)",
        "amlarc-lint: skipped charts/templates/it.yaml: a template ({{ … }} actions): not YAML "
        "until rendered; lint the rendered output, e.g. `helm template chart | amlarc-lint "
        "check --stdin-filename rendered.yaml`",
        "amlarc-lint: linted it.yaml",
        'amlarc-lint: skipped legacy/old.yaml: excluded by "legacy/**" (the config\'s exclude)',
        "amlarc-lint: skipped notes.yaml: not ours: it holds no Azure ML or Kubernetes document "
        "that amlarc-lint checks",
        "amlarc-lint: skipped pipe.yaml: a dangling symlink",
    ]
    assert check("-v", "legacy/old.yaml").stderr.endswith(
        'amlarc-lint: skipped legacy/old.yaml: excluded by "legacy/**" (the config\'s exclude)\n'
    )


def test_statistics_count_findings_per_rule(project: Path) -> None:
    run = check("--statistics")
    assert run.exit_code == 1
    assert run.stdout == (
        "1  AML201  invalid-quantity\n"
        "1  AML204  quoting\n"
        "Found 2 findings (1 error, 1 warning); 1 file checked, 2 files skipped.\n"
    )
    rows = json.loads(check("--statistics", "--format", "json").stdout)
    assert rows == [
        {"rule_id": "AML201", "rule_name": "invalid-quantity", "count": 1, "fixable": True},
        {"rule_id": "AML204", "rule_name": "quoting", "count": 1, "fixable": True},
    ]


def test_rules_format_json_lists_every_rule() -> None:
    outcome = CliRunner().invoke(main, ["rules", "--format", "json"])
    listed = json.loads(outcome.stdout)
    assert [rule["id"] for rule in listed] == [rule.id for rule in load_rules()]
    assert set(listed[0]) == {"id", "name", "severity", "fixable", "summary", "help_uri", "doc"}
    alias = CliRunner().invoke(main, ["rules", "--output-format", "json"])
    assert alias.stdout == outcome.stdout


def test_the_config_names_the_baseline(project: Path) -> None:
    assert check("--write-baseline", "baseline.json").exit_code == 0
    config = 'exclude = ["legacy/**"]\nbaseline = "baseline.json"\n'
    write_project(project, {"amlarc-lint.toml": config})
    run = check()  # what a pre-commit hook without args runs
    assert (run.exit_code, run.stdout.splitlines()[-1]) == (
        0, "Found 0 findings; 1 file checked, 2 files skipped, 2 baselined."
    )
    # --write-baseline rewrites it from every finding, not only the new ones.
    assert check("--write-baseline", "baseline.json").stderr.endswith("wrote 2 findings to "
                                                                      "baseline.json\n")
    (project / "baseline.json").unlink()
    missing = check()
    assert missing.exit_code == 2 and "baseline.json" in missing.stderr
