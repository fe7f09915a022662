"""`check --show-files` and `check --show-settings`: what a run would lint, and the settings
it would use with where each value comes from; neither lints anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter import api
from linter.cli.show import show_files, show_settings
from tests.support.cli_project import check, write_habits_project, write_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_habits_project(tmp_path)


def test_show_files_lists_what_would_be_linted_and_lints_nothing(project: Path) -> None:
    run = check("--show-files")
    assert (run.exit_code, run.stdout) == (0, "charts/templates/it.yaml\nit.yaml\nnotes.yaml\n")


def test_show_settings_says_where_each_value_comes_from(project: Path) -> None:
    run = check("--show-settings", "--ignore", "AML204")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[:2] == [f"# project root: {project}", "# config: amlarc-lint.toml"]
    assert 'exclude = ["legacy/**"]  # amlarc-lint.toml' in lines
    assert 'select = ["AML"]  # default' in lines
    assert 'ignore = ["AML204"]  # default + --ignore' in lines
    assert "baseline = (none)  # default" in lines
    assert 'select = ["AML2"]  # --select' in check("--show-settings", "--select", "AML2").stdout

def test_every_setting_is_listed_and_a_nested_config_s_keys_after_it(project: Path) -> None:
    write_project(project, {
        "team/amlarc-lint.toml": 'ignore = ["AML204"]\n[severity]\nAML201 = "warning"\n',
    })
    assert show_settings(api.prepare((".",), api.LintOptions())) == (
        f"# project root: {project}\n"
        "# config: amlarc-lint.toml\n"
        'include = ["**/*.yaml", "**/*.yml", "**/*.py", "**/*.ipynb"]  # default\n'
        'exclude = ["legacy/**"]  # amlarc-lint.toml\n'
        'select = ["AML"]  # default\n'
        "ignore = []  # default\n"
        "per-file-ignores = {}  # default\n"
        "severity = {}  # default\n"
        "baseline = (none)  # default\n"
        "known-instance-types = []  # default\n"
        "kubernetes-computes = []  # default\n"
        "extension-node-selector = {}  # default\n"
        "clusters = []  # default\n"
        "# files below team/: per-file keys of team/amlarc-lint.toml, else inherited\n"
        'team: select = ["AML"]  # inherited\n'
        'team: ignore = ["AML204"]  # team/amlarc-lint.toml\n'
        "team: per-file-ignores = {}  # inherited\n"
        'team: severity = {"AML201": "warning"}  # team/amlarc-lint.toml\n'
    )


def test_the_files_are_named_from_the_current_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(project, {"team/t.yaml": "a: 1\n"})
    monkeypatch.chdir(project / "team")
    request = api.prepare((str(project),), api.LintOptions())
    assert show_files(request) == (
        "../charts/templates/it.yaml\n../it.yaml\n../notes.yaml\nt.yaml\n"
    )
