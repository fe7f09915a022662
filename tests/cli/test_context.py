"""`amlarc-lint context`: per cluster scope, its instance types, computes, nodes and pools,
extension settings and where each instance type fits; text and versioned JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from tests.support.cli_project import write_project

CONFIG = """\
[[clusters]]
name = "prod"
instance-types = ["prod/**"]
computes = ["k8s-prod"]
nodes = ["prod/nodes.yaml"]
extension-settings = "prod/extension-settings.json"

[[clusters.node-pools]]
name = "gpupool"
labels = { agentpool = "gpupool" }
taints = ["sku=gpu:NoSchedule"]
allocatable = { cpu = "5840m", memory = "51573948Ki", "nvidia.com/gpu" = "1" }
min-count = 0
max-count = 4
"""
NODES = """\
apiVersion: v1
kind: List
items:
- kind: Node
  metadata:
    name: aks-cpupool-0
    labels: {agentpool: cpupool}
  status:
    allocatable: {cpu: 3860m, memory: 12899172Ki}
    conditions: [{type: Ready, status: "True"}]
"""
TYPES = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
- metadata: {name: cpu-small}
  spec:
    nodeSelector: {agentpool: cpupool}
    resources:
      requests: {cpu: "1", memory: 4Gi}
      limits: {cpu: "1", memory: 4Gi}
- metadata: {name: gpu-t4}
  spec:
    nodeSelector: {agentpool: gpupool}
    resources:
      requests: {cpu: "1", memory: 4Gi}
      limits: {cpu: "1", memory: 4Gi, nvidia.com/gpu: 1}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {
        "amlarc-lint.toml": CONFIG,
        "prod/nodes.yaml": NODES,
        "prod/extension-settings.json": '{"enableTraining": "True"}',
        "prod/types.yaml": TYPES,
    })


def _context(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["context", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_shows_scopes_nodes_pools_and_fits(project: Path) -> None:
    code, out, _ = _context()
    assert code == 0
    assert 'cluster scope "prod"' in out
    assert "instance types: cpu-small, gpu-t4" in out
    assert "Kubernetes computes: k8s-prod" in out
    assert "training on, inference off" in out
    assert "aks-cpupool-0  allocatable cpu 3860m, memory 12899172Ki" in out
    assert "gpupool  min-count 0, max-count 4" in out
    assert "cpu-small: aks-cpupool-0" in out
    assert "gpu-t4: nowhere: a taint Azure ML does not tolerate (sku=gpu:NoSchedule)" in out


def test_json_is_versioned_and_lists_every_node(project: Path) -> None:
    code, out, _ = _context("--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    prod = next(scope for scope in data["scopes"] if scope["name"] == "prod")
    assert prod["instance_type_files"] == ["prod/types.yaml"]
    assert [n["name"] for n in prod["nodes"]] == ["aks-cpupool-0"]
    assert prod["nodes"][0]["line"] == 6
    assert prod["node_pools"][0]["allocatable"]["nvidia.com/gpu"] == "1"
    fits = {t["name"]: t["fits"] for t in prod["instance_types"]}
    assert fits["cpu-small"] == {"nodes": ["aks-cpupool-0"], "node_pools": [], "problem": None}
    assert fits["gpu-t4"]["problem"].startswith("a taint Azure ML does not tolerate")


def test_a_bad_cluster_file_is_one_line_and_exit_2(project: Path) -> None:
    (project / "prod" / "nodes.yaml").unlink()
    code, out, err = _context()
    assert (code, out) == (2, "")
    assert err == (
        'amlarc-lint: error: amlarc-lint.toml: cluster "prod": nodes: prod/nodes.yaml does '
        "not exist\n"
    )
