"""`check -` and `check --stdin-filename PATH`: standard input linted as if it were that file,
in that file's project (the InstanceTypes on disk, the config, per-file ignores), with
nothing of it written to the facts cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE, CheckRun, write_project

# limits.cpu "1500m" on line 9, column 17: over the instance type's "1" (AML403).
OVER_THE_LIMIT = DEPLOYMENT.replace('cpu: "1",', 'cpu: "1500m",')


def check_stdin(text: str, *args: str) -> CheckRun:
    outcome = CliRunner().invoke(main, ["check", "--format", "concise", *args], input=text)
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        raise outcome.exception
    return CheckRun(outcome.exit_code, outcome.stdout, outcome.stderr)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {
        "amlarc-lint.toml": '[per-file-ignores]\n"legacy/*.yaml" = ["AML403"]\n',
        "types/small.yaml": SMALL_INSTANCE_TYPE,
        "deploy/red.yaml": DEPLOYMENT,
    })


def test_stdin_is_linted_as_the_named_file_against_the_project_on_disk(project: Path) -> None:
    run = check_stdin(OVER_THE_LIMIT, "--stdin-filename", "deploy/new.yaml")
    assert run.exit_code == 1
    assert run.found == [("deploy/new.yaml", 9, 17, "AML403", "error")]
    assert not (project / "deploy/new.yaml").exists()


def test_stdin_replaces_the_text_of_a_file_on_disk(project: Path) -> None:
    assert check_stdin("", "deploy/red.yaml").exit_code == 0  # the file on disk is clean
    run = check_stdin(OVER_THE_LIMIT, "--stdin-filename", "deploy/red.yaml")
    assert run.found == [("deploy/red.yaml", 9, 17, "AML403", "error")]


def test_the_named_files_per_file_ignores_apply(project: Path) -> None:
    run = check_stdin(OVER_THE_LIMIT, "--stdin-filename", "legacy/old.yaml")
    assert (run.exit_code, run.found) == (0, [])


def test_a_dash_reads_stdin_as_a_file_named_dash(project: Path) -> None:
    run = check_stdin(OVER_THE_LIMIT, "-")
    assert run.found == [("-", 9, 17, "AML403", "error")]


def test_an_unsaved_instance_type_is_never_cached(project: Path) -> None:
    check_stdin("", "deploy/red.yaml")  # fills the cache from disk
    lowered = SMALL_INSTANCE_TYPE.replace('cpu: "1"', 'cpu: "500m"')
    run = check_stdin(lowered, "--stdin-filename", "types/small.yaml")
    assert ("deploy/red.yaml", 9, 17, "AML403", "error") in run.found  # the text on stdin counts
    # The next run reads the InstanceType from disk again: limits.cpu "1" allows the "1".
    assert check_stdin("", "deploy/red.yaml").found == []


def test_other_paths_beside_stdin_are_a_usage_error(project: Path) -> None:
    run = check_stdin(OVER_THE_LIMIT, "-", "deploy/red.yaml")
    assert run.exit_code == 2
    assert "standard input (`-` or --stdin-filename) is linted alone" in run.stderr


def test_fix_on_stdin_is_a_one_line_error(project: Path) -> None:
    run = check_stdin(OVER_THE_LIMIT, "--fix", "-")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr.startswith("amlarc-lint: error: --fix and --diff cannot change standard")


def test_stdin_that_is_not_text_is_a_one_line_error(project: Path) -> None:
    outcome = CliRunner().invoke(main, ["check", "-"], input=b"name: \xff\xfe\x00x\n")
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("amlarc-lint: error: standard input: ")
    assert outcome.stderr.count("\n") == 1
