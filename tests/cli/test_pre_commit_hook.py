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
                   env=_environment(cwd), timeout=60)


def _snapshot(target: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, check=True, capture_output=True, timeout=60,
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
def hook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hook repository's snapshot, and a pre-commit home that keeps its environment."""
    return _snapshot(tmp_path_factory.mktemp("hook-repo")), tmp_path_factory.mktemp("home")


def _try_repo(hook: tuple[Path, Path], work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    hook_repo, home = hook
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "amlarc-lint",
         "--verbose", *args],
        cwd=work, env=_environment(home), capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def try_repo(hook: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("user-repo")
    (work / "bad.yaml").write_text(MIS_INDENTED_LIMITS, encoding="utf-8")
    (work / "good.yaml").write_text(GOOD, encoding="utf-8")
    (work / "notes.txt").write_text("not YAML\n", encoding="utf-8")
    (work / "train.py").write_text(SDK_SCRIPT, encoding="utf-8")
    (work / "deploy.ipynb").write_text(SDK_NOTEBOOK, encoding="utf-8")
    _git(work, "init", "-q")
    _git(work, "add", "-A")

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return _try_repo(hook, work, "--files", *files)

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


def test_the_manifest_is_valid() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"],
        cwd=PROJECT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# A commit that removes an instance type still in use is blocked, all three ways.
TYPES = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: gpu-t4
    spec:
      resources:
        requests: {cpu: "2", memory: "8Gi"}
        limits: {cpu: "4", memory: "16Gi", nvidia.com/gpu: 1}
  - metadata:
      name: cpu-small
    spec:
      resources:
        requests: {cpu: "1", memory: "1Gi"}
        limits: {cpu: "1", memory: "1Gi"}
"""
TRAIN = "command: python train.py\ncompute: azureml:k8s\nresources:\n  instance_type: {}\n"
REMOVED = (
    'jobs/train.yaml:4:18: AML401 instance type "gpu-t4" is not defined in this repository '
    "(this commit removes it)"
)
BEFORE = (
    'related: clusters/types.yaml:5:13: instance type "gpu-t4" was defined here before this commit'
)


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    """A repository whose first commit defines gpu-t4 and cpu-small and uses both."""
    (tmp_path / "clusters").mkdir()
    (tmp_path / "jobs").mkdir()
    (tmp_path / "clusters" / "types.yaml").write_text(TYPES, encoding="utf-8")
    (tmp_path / "jobs" / "train.yaml").write_text(TRAIN.format("gpu-t4"), encoding="utf-8")
    (tmp_path / "jobs" / "eval.yaml").write_text(TRAIN.format("cpu-small"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("notes\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def test_deleting_the_file_that_defines_a_used_instance_type_fails(hook, committed) -> None:  # type: ignore[no-untyped-def]
    _git(committed, "rm", "-q", "clusters/types.yaml")
    outcome = _try_repo(hook, committed)
    output = outcome.stdout + outcome.stderr
    assert outcome.returncode == 1, output
    assert REMOVED in output and BEFORE in output
    assert 'jobs/eval.yaml:4:18: AML401 instance type "cpu-small"' in output


def test_deleting_a_used_item_of_a_list_fails(hook, committed) -> None:  # type: ignore[no-untyped-def]
    types = committed / "clusters" / "types.yaml"
    types.write_text(TYPES[: TYPES.index("  - metadata:\n      name: cpu-small")], encoding="utf-8")
    _git(committed, "add", "-A")
    output = _try_repo(hook, committed).stdout
    assert 'jobs/eval.yaml:4:18: AML401 instance type "cpu-small" is not defined' in output
    assert 'clusters/types.yaml:11:13: instance type "cpu-small" was defined here before' in output
    assert "jobs/train.yaml" not in output


def test_renaming_a_used_instance_type_fails(hook, committed) -> None:  # type: ignore[no-untyped-def]
    types = committed / "clusters" / "types.yaml"
    types.write_text(TYPES.replace("name: gpu-t4", "name: gpu-t4-v2"), encoding="utf-8")
    _git(committed, "add", "-A")
    outcome = _try_repo(hook, committed)
    assert outcome.returncode == 1
    assert REMOVED + '; did you mean "gpu-t4-v2"?' in outcome.stdout and BEFORE in outcome.stdout


def test_a_commit_touching_no_yaml_passes_and_all_files_lints_everything(hook, committed) -> None:  # type: ignore[no-untyped-def]
    (committed / "notes.txt").write_text("more notes\n", encoding="utf-8")
    _git(committed, "add", "notes.txt")
    outcome = _try_repo(hook, committed)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert "Passed" in outcome.stdout
    types = committed / "clusters" / "types.yaml"
    types.write_text(TYPES.replace('memory: "16Gi"', 'memory: "16GB"'), encoding="utf-8")
    _git(committed, "add", "-A")
    everything = _try_repo(hook, committed, "--all-files")
    assert everything.returncode == 1
    assert "clusters/types.yaml:9:36: AML201" in everything.stdout
    assert "3 files checked" in everything.stdout
