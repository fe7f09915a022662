"""The snapshot reader: whole, trimmed, single Node, JSON; exact spans in a large file; the
extension's settings; node pools from the config; the cache's form of the nodes."""

from __future__ import annotations

import json

import pytest

from linter.core.span import Span
from linter.source.node_snapshot import (
    ClusterNode,
    SnapshotError,
    Taint,
    nodes_as_json,
    nodes_from_json,
    pool_nodes,
    read_extension_settings,
    read_nodes,
)
from tests.support.cluster_documents import NODE


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


CORDONED = b"""\
apiVersion: v1
kind: Node
metadata:
  name: a
  labels: {pool: p}
spec:
  unschedulable: true
  taints:
  - {key: k, effect: NoSchedule}
status:
  allocatable: {cpu: '2', memory: 1Gi, pods: '110'}
  conditions:
  - {type: Ready, status: 'True'}
"""


def test_a_cordoned_node_and_the_span_of_each_part() -> None:
    (node,) = read_nodes("n.yaml", CORDONED)
    assert (node.ready, node.unschedulable, node.pool, node.label) == (
        True, True, False, 'node "a"'
    )
    assert node.allocatable == {"cpu": "2", "memory": "1Gi", "pods": "110"}
    assert {where: node.span(where) for where in node.spans} == {
        "name": Span(4, 9, 4, 10),
        "taints/0": Span(9, 5, 9, 33),
        "unschedulable": Span(7, 18, 7, 22),
        "allocatable/cpu": Span(11, 22, 11, 25),
        "allocatable/memory": Span(11, 35, 11, 38),
        "ready": Span(13, 27, 13, 33),
    }
    assert node.span("allocatable/pods") is None  # not a resource scheduling reads


def test_the_cache_form_gives_back_the_same_nodes() -> None:
    nodes = read_nodes("n.yaml", CORDONED + b"---\n" + NODE.format(name="b").encode())
    stored = json.loads(json.dumps(nodes_as_json(nodes)))
    assert stored["labels"] == [["pool", "p"], ["agentpool", "cpupool"]]
    again = nodes_from_json("n.yaml", stored)
    assert [n._replace(spans={}) for n in again] == [n._replace(spans={}) for n in nodes]
    for old, new in zip(nodes, again, strict=True):
        assert {w: new.span(w) for w in new.spans} == {w: old.span(w) for w in old.spans}
    with pytest.raises(TypeError):
        nodes_from_json("n.yaml", {"labels": [["pool", 1]], "nodes": []})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"kind: Pod\nmetadata: {name: x}\n", 'the document at line 1 has "kind: Pod"; a snapshot'),
        (b"{}", "the document at line 1 has no kind; a snapshot holds `kubectl get nodes"),
        (b"kind: Node\nmetadata: {}\n", "the node at line 1 has no metadata.name"),
        (b"kind: List\nitems: [\n", "not valid YAML at line 3, column 1: while parsing"),
    ],
)
def test_a_file_that_is_not_a_snapshot_says_why(data: bytes, message: str) -> None:
    with pytest.raises(SnapshotError) as caught:
        read_nodes("n.yaml", data)
    assert str(caught.value).startswith(message)


def test_a_snapshot_that_is_not_text_says_so_as_data() -> None:
    with pytest.raises(SnapshotError) as caught:
        read_nodes("n.yaml", b"\xff\xfe\x00")
    assert str(caught.value) == "not valid UTF-16-LE text (byte 2)"


def test_an_empty_file_has_no_nodes() -> None:
    assert read_nodes("n.yaml", b"") == []


def test_a_node_pool_of_the_config_is_one_of_its_nodes() -> None:
    config = '[[node-pools]]\nname = "gpu"\nmax-count = 3\n'
    table = {
        "name": "gpu",
        "labels": {"pool": "gpu"},
        "allocatable": {"cpu": "4", "nvidia.com/gpu": "1"},
        "taints": ["sku=gpu:NoSchedule", "dedicated:NoExecute"],
        "max-count": 3,
    }
    pool = pool_nodes(table, "amlarc-lint.toml", config)
    assert pool == ClusterNode(
        name="gpu",
        path="amlarc-lint.toml",
        labels={"pool": "gpu"},
        taints=(Taint("sku", "gpu", "NoSchedule"), Taint("dedicated", "", "NoExecute")),
        allocatable={"cpu": "4", "nvidia.com/gpu": "1"},
        pool=True,
        max_count=3,
        spans={"name": Span(2, 8, 2, 13)},
    )
    assert pool.label == 'node pool "gpu"'
    assert [str(taint) for taint in pool.taints] == ["sku=gpu:NoSchedule", "dedicated:NoExecute"]
    assert pool_nodes({"name": "y"}, "c.toml", "x = 1\n").span("name") == Span(1, 1, 1, 1)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"name": "x", "allocatable": {"cpu": "2 cores"}},
            'node pool "x": allocatable.cpu: "2 cores" is not a Kubernetes quantity',
        ),
        ({"name": "x", "min-count": 3, "max-count": 1}, 'node pool "x": min-count 3 is more'),
    ],
)
def test_a_bad_node_pool_says_why(table: dict[str, object], message: str) -> None:
    with pytest.raises(SnapshotError) as caught:
        pool_nodes(table, "c.toml", "")
    assert str(caught.value).startswith(message)


def test_extension_settings_are_texts_as_the_extension_reads_them() -> None:
    data = b'{"enableTraining": true, "x": null, "n": 3}'
    settings = read_extension_settings("ext.json", data)
    assert settings.values == {"enableTraining": "True", "x": "", "n": "3"}
    assert settings.value_spans["n"] == Span(1, 42, 1, 43)
    assert settings.span("absent") == settings.whole == Span(1, 1, 1, 44)
    assert settings.get("absent") is None
    assert settings.is_true("absent", default=True)
