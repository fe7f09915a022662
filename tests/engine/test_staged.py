"""What a commit takes away: the index compared with HEAD, and HEAD's instance types in the
deleted or modified files, for the workloads that still use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.core.span import Location, Role, Span
from linter.discovery.configs import load_settings
from linter.engine import passes
from linter.engine.staged import may_remove, removed_definitions, staged_changes
from tests.support.cli_project import INSTANCE_TYPE, write_project
from tests.support.engine_project import write_engine_project
from tests.support.git_repo import git

COMPUTE = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json
name: k8s
type: kubernetes
resource_id: /subscriptions/0/resourceGroups/ml/providers/Microsoft.ContainerService/x/k
"""
JOB = """\
command: python train.py
compute: azureml:k8s
resources:
  instance_type: small
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed project: `types.yaml` defines "small", `more.yaml` defines "a" and "b"."""
    write_engine_project(tmp_path, 'exclude = ["vendor/**"]\n')
    two = INSTANCE_TYPE.format(name="a") + "---\n" + INSTANCE_TYPE.format(name="b")
    write_project(tmp_path, {"notes.txt": "x\n", "more.yaml": two})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def test_outside_git_or_before_the_first_commit_nothing_is_known(tmp_path: Path) -> None:
    assert staged_changes(tmp_path) is None
    git(tmp_path, "init", "-q")
    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    git(tmp_path, "add", "a.yaml")
    assert staged_changes(tmp_path) is None
    assert not may_remove(str(tmp_path))


def test_only_what_the_index_deletes_or_modifies_is_a_change(repo: Path) -> None:
    assert staged_changes(repo) == []
    (repo / "notes.txt").write_text("y\n", encoding="utf-8")
    (repo / "legacy" / "old.yaml").write_text("x: 1\n", encoding="utf-8")  # not staged
    (repo / "new.yaml").write_text("x: 1\n", encoding="utf-8")
    git(repo, "add", "notes.txt", "new.yaml")
    assert staged_changes(repo) == ["notes.txt"]
    assert not may_remove(str(repo))  # no YAML file loses anything
    git(repo, "rm", "-q", "charts/t.yaml")
    assert staged_changes(repo) == ["charts/t.yaml", "notes.txt"]
    assert may_remove(str(repo))


def test_head_s_definitions_in_the_changed_files_that_the_config_takes_in(repo: Path) -> None:
    git(repo, "rm", "-q", "types.yaml", "vendor/v.yaml", "charts/t.yaml")
    (repo / "more.yaml").write_text("changed: 1\n", encoding="utf-8")
    git(repo, "add", "more.yaml")
    found = removed_definitions(load_settings(repo))
    assert [(d.name, d.path, d.document) for d in found] == [
        ("a", "more.yaml", 0), ("b", "more.yaml", 1), ("small", "types.yaml", 0)
    ]


def test_a_workload_using_a_removed_instance_type_is_aml401_pointing_at_head(
    tmp_path: Path,
) -> None:
    small = INSTANCE_TYPE.format(name="small").replace("cpu: 1,", 'cpu: "1",').replace("2GB", "2Gi")
    write_project(tmp_path, {"amlarc-lint.toml": "", "types.yaml": small,
                             "compute.yaml": COMPUTE, "jobs/train.yaml": JOB})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "rm", "-q", "types.yaml")
    settings = load_settings(tmp_path)
    [finding] = passes.run(settings, (), committed=removed_definitions(settings)).findings
    assert (finding.path, finding.span, finding.rule_id) == (
        "jobs/train.yaml", Span(4, 18, 4, 23), "AML401"
    )
    assert finding.message.startswith(
        'instance type "small" is not defined in this repository (this commit removes it)'
    )
    assert finding.related == (
        Location("types.yaml", Span(4, 9, 4, 14), role=Role.RELATED,
                 note='instance type "small" was defined here before this commit (HEAD)'),
    )
