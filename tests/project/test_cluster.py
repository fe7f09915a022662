"""The cluster from files kept in git: config keys and their errors, the snapshot reader
(whole, trimmed, single Node, JSON; exact spans in a large file), Kubernetes' toleration
matching, and the snapshot cache."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from linter.core.span import Span
from linter.discovery.configs import load_settings
from linter.domain.cluster import DEPLOYMENT_OVERHEAD, Toleration, demand_of, holds, room_for
from linter.engine import cluster_files
from linter.engine.cluster_files import load_clusters
from linter.source import node_snapshot
from linter.source.node_snapshot import (
    ClusterNode,
    Taint,
    nodes_as_json,
    read_extension_settings,
    read_nodes,
)
from tests.support.cli_project import check, write_project

NODE = """\
apiVersion: v1
kind: Node
metadata:
  name: {name}
  labels:
    agentpool: cpupool
status:
  allocatable:
    cpu: 3860m
    memory: 12899172Ki
"""
TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: cpu-small
spec:
  nodeSelector:
    agentpool: gpupool
  resources:
    requests: {cpu: "1", memory: 1Gi}
    limits: {cpu: "1", memory: 1Gi}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"types.yaml": TYPE})


def _error(project: Path, config: str, files: dict[str, str]) -> str:
    write_project(project, {"amlarc-lint.toml": config, **files})
    run = check("--format", "concise")
    assert (run.exit_code, run.stdout) == (2, ""), run.stdout
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    return run.stderr


@pytest.mark.parametrize(
    ("config", "files", "message"),
    [
        ('nodes = ["nodes.yaml"]\n', {}, "nodes: nodes.yaml does not exist"),
        ('nodes = ["snap/*.yaml"]\n', {}, "nodes: 'snap/*.yaml' matches no file"),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: List\nitems: [\n"},
         "nodes: nodes.yaml: not valid YAML at line 3, column 1"),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: Pod\nmetadata: {name: x}\n"},
         'nodes: nodes.yaml: the document at line 1 has "kind: Pod"'),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: Node\nmetadata: {}\n"},
         "nodes: nodes.yaml: the node at line 1 has no metadata.name"),
        ('extension-settings = "ext.json"\n', {"ext.json": '{"enableTraining": True}'},
         "extension-settings: ext.json: not valid JSON at line 1, column 20"),
        ('extension-settings = "ext.json"\n', {"ext.json": '{"nodeSelector": {"a": "b"}}'},
         "extension-settings: ext.json: not a flat JSON object of settings"),
        ('[[node-pools]]\nname = "gpu"\nallocatable = { cpu = "2 cores" }\n', {},
         'node-pools: node pool "gpu": allocatable.cpu:'),
        ('[[node-pools]]\nname = "gpu"\nmin-count = 3\nmax-count = 1\n', {},
         'node-pools: node pool "gpu": min-count 3 is more than max-count 1'),
        ('[[node-pools]]\nname = "gpu"\ntaints = ["sku=gpu"]\n', {},
         "bad value for 'node-pools[0].taints[0]': \"sku=gpu\"; allowed: a taint written"),
        ('nodes = ["n.yaml"]\n[[clusters]]\nname = "prod"\n', {},
         "'nodes' at the top level describes the one cluster"),
        ('[[clusters]]\nname = "prod"\nnodes = ["prod/n.yaml"]\n', {},
         'amlarc-lint.toml: cluster "prod": nodes: prod/n.yaml does not exist'),
    ],
)
def test_a_bad_cluster_file_is_a_config_error_naming_it(
    project: Path, config: str, files: dict[str, str], message: str
) -> None:
    assert message in _error(project, config, files)


def test_cluster_keys_in_a_nested_config_are_ignored_with_a_warning(project: Path) -> None:
    write_project(project, {"team/amlarc-lint.toml": 'nodes = ["n.yaml"]\n'})
    run = check("--format", "concise")
    assert "team/amlarc-lint.toml: 'nodes' is a project-level key" in run.stderr
    assert run.exit_code in (0, 1)


def test_each_cluster_reads_its_own_nodes(project: Path) -> None:
    write_project(project, {
        "amlarc-lint.toml": (
            '[[clusters]]\nname = "prod"\ninstance-types = ["prod/**"]\n'
            'nodes = ["prod/nodes.yaml"]\n'
            '[[clusters]]\nname = "dev"\ninstance-types = ["dev/**"]\n'
            'nodes = ["dev/nodes.yaml"]\n'
        ),
        "prod/nodes.yaml": NODE.format(name="prod-0").replace("cpupool", "gpupool"),
        "prod/types.yaml": TYPE,
        "dev/nodes.yaml": NODE.format(name="dev-0"),
        "dev/types.yaml": TYPE,
    })
    found = [f for f in check("--format", "concise").found if f[3] == "AML701"]
    assert [f[0] for f in found] == ["dev/types.yaml"]


def _stamped(text: str) -> bytes:
    return text.encode("utf-8")


def test_single_node_documents_and_json_output_are_read() -> None:
    two = NODE.format(name="a") + "---\n" + NODE.format(name="b")
    assert [n.name for n in read_nodes("n.yaml", _stamped(two))] == ["a", "b"]
    listed = {"apiVersion": "v1", "kind": "List", "items": [
        {"kind": "Node", "metadata": {"name": "j", "labels": {"x": "1"}},
         "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}]},
         "status": {"allocatable": {"cpu": "2"}, "conditions": [
             {"type": "Ready", "status": "False"}]}}]}
    (node,) = read_nodes("n.json", json.dumps(listed, indent=2).encode())
    assert (node.name, node.labels, node.taints, node.allocatable, node.ready) == (
        "j", {"x": "1"}, (Taint("k", "", "NoSchedule"),), {"cpu": "2"}, False
    )


def test_a_node_deep_in_a_large_snapshot_has_its_exact_span() -> None:
    items = []
    for number in range(400):  # ~6,000 lines, each node with managedFields and images
        items.append(
            f"- apiVersion: v1\n  kind: Node\n  metadata:\n    labels:\n      pool: p{number}\n"
            "    managedFields:\n    - manager: kubelet\n      fieldsV1:\n        f:status: {}\n"
            f"    name: node-{number:04d}\n  spec:\n    taints:\n    - effect: NoSchedule\n"
            "      key: sku\n      value: gpu\n  status:\n    allocatable:\n      cpu: 3860m\n"
            "    images:\n    - names: [a, b]\n      sizeBytes: 1\n"
        )
    text = "apiVersion: v1\nkind: List\nitems:\n" + "".join(items) + "metadata: {}\n"
    assert text.count("\n") > 5_000
    nodes = read_nodes("nodes.yaml", text.encode())
    last = nodes[-1]
    line = text.splitlines().index("    name: node-0399") + 1
    assert last.spans["name"] == Span(line, 11, line, 20)
    assert last.spans["taints/0"] == Span(line + 3, 7, line + 5, 17)
    assert last.spans["allocatable/cpu"] == Span(line + 8, 12, line + 8, 17)


def test_extension_settings_keep_the_span_of_each_key() -> None:
    data = b'{\n  "enableTraining": "True",\n  "nodeSelector.agentpool": "mlpool"\n}\n'
    settings = read_extension_settings("ext.json", data)
    assert settings.key_spans["nodeSelector.agentpool"] == Span(3, 3, 3, 27)
    assert settings.node_selector == {"agentpool": "mlpool"}
    assert settings.is_true("enableTraining") and not settings.is_true("enableInference")


@pytest.mark.parametrize(
    ("toleration", "taint", "tolerated"),
    [
        (Toleration("sku", "Exists", "", ""), Taint("sku", "gpu", "NoSchedule"), True),
        (Toleration("sku", "Equal", "gpu", ""), Taint("sku", "gpu", "NoExecute"), True),
        (Toleration("sku", "Equal", "fpga", ""), Taint("sku", "gpu", "NoSchedule"), False),
        (Toleration("sku", "Exists", "", "NoExecute"), Taint("sku", "gpu", "NoSchedule"), False),
        (Toleration("", "Exists", "", ""), Taint("anything", "x", "NoExecute"), True),
        (Toleration("other", "Exists", "", ""), Taint("sku", "gpu", "NoSchedule"), False),
    ],
)
def test_tolerations_match_as_kubernetes_matches_them(
    toleration: Toleration, taint: Taint, tolerated: bool
) -> None:
    assert toleration.tolerates(taint) is tolerated


def test_requests_plus_overhead_against_allocatable_exactly() -> None:
    node = ClusterNode("n", "n.yaml", {}, (), {"cpu": "3860m", "memory": "12899172Ki"})
    exact = demand_of({"cpu": "3.86", "memory": "12596.84375Mi"}, {}, {})
    assert holds(node, exact)
    assert not holds(node, exact._replace(overhead=DEPLOYMENT_OVERHEAD))
    # A request not set is its limit, as Kubernetes defaults it.
    assert demand_of({}, {"cpu": "4"}, {}).requests["cpu"] == Fraction(4)
    pool = node._replace(pool=True, max_count=3)
    assert room_for([node, pool], demand_of({"cpu": "1", "memory": "1Gi"}, {}, {})) == 12


def test_a_snapshot_is_parsed_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        ".git/HEAD": "",
    })
    settings = load_settings(tmp_path)
    first = load_clusters(settings, cache=True)
    assert (tmp_path / ".amlarc-lint-cache" / cluster_files.CACHE_FILE).is_file()

    def refuse(path: str, data: bytes) -> list[ClusterNode]:
        raise AssertionError("parsed again")

    monkeypatch.setattr(cluster_files, "read_nodes", refuse)
    again = load_clusters(settings, cache=True)
    assert nodes_as_json(again[""].nodes) == nodes_as_json(first[""].nodes)
    assert again[""].nodes[0].span("name") == first[""].nodes[0].span("name") == Span(4, 9, 4, 10)
    (tmp_path / "nodes.yaml").write_text(NODE.format(name="b"), encoding="utf-8")
    monkeypatch.setattr(cluster_files, "read_nodes", node_snapshot.read_nodes)
    assert [n.name for n in load_clusters(settings, cache=True)[""].nodes] == ["b"]


def test_a_damaged_snapshot_cache_is_a_miss(tmp_path: Path) -> None:
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        ".git/HEAD": "",
    })
    settings = load_settings(tmp_path)
    load_clusters(settings, cache=True)
    cache = tmp_path / ".amlarc-lint-cache" / cluster_files.CACHE_FILE
    stored = json.loads(cache.read_text())
    for entry in stored["files"].values():
        entry[3]["nodes"] = [[1, 2, 3]]
    cache.write_text(json.dumps(stored))
    assert [n.name for n in load_clusters(settings, cache=True)[""].nodes] == ["a"]


def test_a_staged_snapshot_shows_the_instance_types_it_no_longer_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit passes only the staged snapshot: the instance types of its cluster are
    checked again for the findings that point into it."""
    monkeypatch.chdir(tmp_path)
    fitting = TYPE.replace("gpupool", "cpupool")
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        "types.yaml": fitting,
        ".git/HEAD": "",
    })
    assert check("--format", "concise", "nodes.yaml").found == []
    write_project(tmp_path, {"nodes.yaml": NODE.format(name="a").replace("3860m", "500m")})
    assert check("--format", "concise", "nodes.yaml").found == [
        ("types.yaml", 9, 21, "AML703", "error")
    ]
