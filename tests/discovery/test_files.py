"""Commit-time runs, through the CLI as pre-commit runs it: only the
staged files are named, yet the project context is the whole repository, in both directions."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.discovery import files as discover
from tests.support.cli_project import check, write_project

COMPUTE = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json
name: k8s-compute
type: kubernetes
resource_id: /subscriptions/0/resourceGroups/ml/providers/Microsoft.ContainerService/x/k
"""

GPU_T4 = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: gpu-t4
spec:
  resources:
    requests: {{cpu: "2", memory: "8Gi"}}
    limits: {{cpu: "{cpu}", memory: "16Gi", nvidia.com/gpu: 1}}
"""

DEPLOYMENT = """\
name: blue
type: kubernetes
endpoint_name: churn-endpoint
model: azureml:churn-model:3
code_configuration: {code: ./src, scoring_script: score.py}
instance_type: gpu-t4
resources:
  requests: {cpu: "2", memory: "8Gi"}
  limits: {cpu: "4", memory: "16Gi", nvidia.com/gpu: "1"}
"""

TYPO_JOB = """\
command: python train.py
compute: azureml:k8s-compute
resources:
  instance_type: gpu-t5
"""

MISPLACED_JOB = """\
command: python eval.py
compute: azureml:k8s-compute
instance_type: gpu-t4
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (its config marks the root) whose instance type allows 4 cpu."""
    write_project(
        tmp_path,
        {
            "amlarc-lint.toml": "",
            "compute.yaml": COMPUTE,
            "clusters/gpu-t4.yaml": GPU_T4.format(cpu="4"),
            "deploy/blue.yaml": DEPLOYMENT,
            "jobs/train.yaml": TYPO_JOB,
            "jobs/eval.yaml": MISPLACED_JOB,
        },
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_staged_workload_is_checked_against_unstaged_definitions(repo: Path) -> None:
    write_project(repo, {"deploy/blue.yaml": DEPLOYMENT.replace('cpu: "4"', 'cpu: "8"')})
    run = check("--format", "concise", "deploy/blue.yaml", "jobs/train.yaml")
    assert run.found == [
        ("deploy/blue.yaml", 9, 17, "AML403", "error"),
        ("jobs/train.yaml", 4, 18, "AML401", "error"),
    ]
    assert 'is more than instance type "gpu-t4" allows (limits.cpu 4)' in run.stdout
    assert 'did you mean "gpu-t4"?' in run.stdout
    assert run.exit_code == 1


def test_a_staged_instance_type_reports_the_unstaged_deployment_it_breaks(repo: Path) -> None:
    write_project(repo, {"clusters/gpu-t4.yaml": GPU_T4.format(cpu="2")})
    run = check("--format", "concise", "clusters/gpu-t4.yaml")
    # The deployment's limit (4) now exceeds the staged limit (2); the unstaged jobs' own
    # problems (a typo, a misplaced key) are not caused by this change and stay unreported.
    assert (run.found, run.exit_code) == ([("deploy/blue.yaml", 9, 17, "AML403", "error")], 1)
    run = check("--format", "text", "clusters/gpu-t4.yaml")
    assert "related: clusters/gpu-t4.yaml:8:19: instance type \"gpu-t4\": its limits.cpu" in (
        run.stdout
    )


def test_a_staged_instance_type_that_breaks_nothing_passes(repo: Path) -> None:
    run = check("--format", "concise", "clusters/gpu-t4.yaml")
    assert (run.found, run.exit_code) == ([], 0)


def test_a_directory_argument_is_only_checked_itself(repo: Path) -> None:
    write_project(repo, {"clusters/gpu-t4.yaml": GPU_T4.format(cpu="2")})
    run = check("--format", "concise", "clusters")
    assert (run.found, run.exit_code) == ([], 0)


def test_the_whole_repository(repo: Path) -> None:
    run = check("--format", "concise")
    assert run.found == [
        ("jobs/eval.yaml", 3, 1, "AML406", "error"),
        ("jobs/train.yaml", 4, 18, "AML401", "error"),
    ]


def test_config_and_run_share_one_walk(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The nested-config search and the project context use one listing of the repository."""
    walked: list[Path] = []
    real_listing = discover.listing

    def counting_listing(directory: Path) -> tuple[str, ...]:
        walked.append(directory)
        return real_listing(directory)

    monkeypatch.setattr(discover, "listing", counting_listing)
    run = check("--format", "concise", "jobs/train.yaml")
    assert run.found == [("jobs/train.yaml", 4, 18, "AML401", "error")]
    assert walked == [repo]
