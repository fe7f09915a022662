"""`linter.lint`: the in-process way in. Same findings as `amlarc-lint check`; options as
values; an overlay of unsaved text that is linted and never cached; the facts cache loaded
and saved around the engine, not inside it; importing `linter` does not import the API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import linter
from linter.config.errors import ConfigError
from linter.discovery.configs import load_settings
from linter.engine import passes as engine
from linter.engine.facts_cache import CACHE_DIR
from linter.engine.run_result import RunResult
from tests.support.cli_project import INSTANCE_TYPE, check, write_project

JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py
environment: azureml:env@latest
compute: azureml:k8s
resources:
  instance_type: {name}
"""
UNCACHED = linter.LintOptions(cache=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path,
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            "amlarc-lint.toml": 'kubernetes-computes = ["k8s"]\n',
            "types.yaml": INSTANCE_TYPE.format(name="small"),
            "job.yaml": JOB.format(name="small"),
        },
    )


def found(result: RunResult) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.span.start_line, f.span.start_col, f.rule_id) for f in result.findings]


def test_lint_finds_what_check_prints(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = linter.lint(["."], UNCACHED)
    printed = check("--no-cache", "--format", "concise", ".").found
    assert [(p, line, col, rule) for p, line, col, rule, _ in printed] == found(result)
    assert {rule for *_, rule in found(result)} == {"AML201", "AML204"}


def test_relative_paths_and_files_are_taken_from_cwd(project: Path) -> None:
    options = linter.LintOptions(cwd=project, cache=False, select=("AML201",))
    assert found(linter.lint(["types.yaml"], options)) == [("types.yaml", 10, 32, "AML201")]


def test_select_ignore_and_isolated(project: Path) -> None:
    (project / "amlarc-lint.toml").write_text('ignore = ["AML201"]\n', encoding="utf-8")
    configured = linter.LintOptions(cwd=project, cache=False)
    assert "AML201" not in {rule for *_, rule in found(linter.lint(["."], configured))}
    isolated = linter.LintOptions(cwd=project, cache=False, isolated=True)
    assert {rule for *_, rule in found(linter.lint(["."], isolated))} == {"AML201", "AML204"}
    ignored = linter.LintOptions(cwd=project, cache=False, isolated=True, ignore=("AML204",))
    assert {rule for *_, rule in found(linter.lint(["."], ignored))} == {"AML201"}


def test_a_bad_config_raises_its_one_line_error(project: Path) -> None:
    (project / "amlarc-lint.toml").write_text("ignor = []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'ignor'"):
        linter.lint(["."], linter.LintOptions(cwd=project))


def test_a_baseline_hides_what_it_recorded(project: Path) -> None:
    assert check("--write-baseline", str(project / "baseline.json"), str(project)).exit_code == 0
    options = linter.LintOptions(cwd=project, cache=False, baseline=Path("baseline.json"))
    result = linter.lint(["."], options)
    assert result.findings == []
    assert (result.suppressed, result.baselined) == (0, 2)


def test_the_overlay_is_linted_instead_of_the_disk_and_never_cached(project: Path) -> None:
    unsaved = {str(project / "job.yaml"): JOB.format(name="huge")}
    options = linter.LintOptions(cwd=project)
    in_editor = linter.lint(["job.yaml"], options, overlay=unsaved)
    assert ("job.yaml", 6, 18, "AML401") in found(in_editor)  # no instance type "huge"
    on_disk = linter.lint(["job.yaml"], options)
    assert "AML401" not in {rule for *_, rule in found(on_disk)}
    written = [path.read_bytes() for path in (project / CACHE_DIR).iterdir()]
    assert written
    assert not any(b"huge" in data for data in written)


def test_an_unsaved_new_file_is_linted(project: Path) -> None:
    unsaved = {str(project / "new-job.yaml"): JOB.format(name="huge")}
    result = linter.lint(["new-job.yaml"], linter.LintOptions(cwd=project), overlay=unsaved)
    assert ("new-job.yaml", 6, 18, "AML401") in found(result)


def test_the_cache_is_the_api_s_not_the_engine_s(project: Path) -> None:
    engine.run(load_settings(project), (str(project),))
    assert not (project / CACHE_DIR).exists()
    linter.lint(["."], linter.LintOptions(cwd=project))
    assert (project / CACHE_DIR).is_dir()
    linter.lint(["."], linter.LintOptions(cwd=project, cache=False))  # and off means off
    assert sorted(p.name for p in (project / CACHE_DIR).iterdir()) == [".gitignore", "facts.cache"]


def test_importing_linter_does_not_import_the_api() -> None:
    probe = (
        "import sys, linter; loaded = 'linter.api' in sys.modules; "
        "linter.lint; print(loaded, 'linter.api' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]
