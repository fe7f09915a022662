"""The pre-commit hook through the real `pre-commit try-repo`, in a temporary git repository.

try-repo installs this repository into pre-commit's own environment (pip, from the package
index) and runs the hook from `.pre-commit-hooks.yaml` on the given files. It is pointed at
a one-commit snapshot of this working tree (tracked and untracked files that .gitignore does
not exclude): try-repo on the checkout itself would leave out files not yet committed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.format_fixture import MIS_INDENTED_LIMITS

PROJECT = Path(__file__).resolve().parents[2]
SDK_SCRIPT = "from azure.ai.ml import KubernetesOnlineDeployment\n"
SDK_NOTEBOOK = json.dumps({
    "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": [
        "from azure.ai.ml.entities import ResourceSettings\n",
        'limits = ResourceSettings(cpu="1", memory="2Gi", nvidia_gpu="1")',
    ]}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
})
GOOD = MIS_INDENTED_LIMITS.replace("\n  limits:", "\n    limits:").replace("cpu-small", "cpu-large")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit",
)


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {**env, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}


def _git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.name=amlarc-lint tests", "-c", "user.email=tests@example.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True,
                   env=_environment(cwd))


def _snapshot(target: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, check=True, capture_output=True,
    ).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return target


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    hook_repo = _snapshot(tmp_path_factory.mktemp("hook-repo"))
    home = tmp_path_factory.mktemp("pre-commit-home")
    work = tmp_path_factory.mktemp("user-repo")
    (work / "bad.yaml").write_text(MIS_INDENTED_LIMITS, encoding="utf-8")
    (work / "good.yaml").write_text(GOOD, encoding="utf-8")
    (work / "notes.txt").write_text("not YAML\n", encoding="utf-8")
    (work / "train.py").write_text(SDK_SCRIPT, encoding="utf-8")
    (work / "deploy.ipynb").write_text(SDK_NOTEBOOK, encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", "-A")

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "amlarc-lint",
             "--verbose", "--files", *files],
            cwd=work, env=_environment(home), capture_output=True, text=True, timeout=900,
        )

    return run


def test_the_hook_fails_on_a_bad_file_with_its_findings(try_repo) -> None:  # type: ignore[no-untyped-def]
    outcome = try_repo("bad.yaml", "notes.txt")
    output = outcome.stdout + outcome.stderr
    assert outcome.returncode == 1, output
    assert "amlarc-lint" in output and "Failed" in output
    assert (
        'bad.yaml:8:3: AML102 unknown field "limits" in spec; limits belongs under '
        "spec.resources (indent it one level deeper)"
    ) in output
    assert "notes.txt" not in output.split("- hook id: amlarc-lint", 1)[1]


def test_the_hook_passes_on_a_good_file(try_repo) -> None:  # type: ignore[no-untyped-def]
    outcome = try_repo("good.yaml")
    output = outcome.stdout + outcome.stderr
    assert outcome.returncode == 0, output
    assert "Passed" in output


def test_the_hook_checks_python_files_and_notebooks(try_repo) -> None:  # type: ignore[no-untyped-def]
    outcome = try_repo("train.py", "deploy.ipynb")
    output = outcome.stdout + outcome.stderr
    assert outcome.returncode == 1, output
    assert "train.py:1:25: AML503 azure.ai.ml has no name KubernetesOnlineDeployment" in output
    expected = 'deploy.ipynb:cell 1:2:50: AML501 ResourceSettings() has no keyword "nvidia_gpu"'
    assert expected in output
