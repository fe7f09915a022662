"""Where a pod can run: Kubernetes' toleration matching, requests plus overhead against
allocatable, how many pods the nodes hold."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from linter.domain.cluster import (
    BUILTIN_TOLERATIONS,
    DEPLOYMENT_OVERHEAD,
    ClusterModel,
    Demand,
    Toleration,
    closest_node,
    demand_of,
    effective_selector,
    has_gpu_nodes,
    holds,
    largest,
    place,
    pods_per_node,
    quantity,
    room_for,
    workload_tolerations,
)
from linter.source.node_snapshot import ClusterNode, Taint, read_extension_settings


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


def node(
    name: str, labels: dict[str, str], taints: tuple[Taint, ...] = (), **changes: object
) -> ClusterNode:
    allocatable = {"cpu": "4", "memory": "16Gi"}
    return ClusterNode(name, "nodes.yaml", labels, taints, allocatable)._replace(**changes)


SETTINGS = read_extension_settings("ext.json", json.dumps({
    "workLoadToleration[0].key": "sku",
    "workLoadToleration[0].value": "gpu",
    "workLoadToleration.1.key": "spot",
    "workLoadToleration.1.operator": "Exists",
    "workLoadToleration.1.effect": "NoSchedule",
    "nodeSelector.pool": "ml",
    "amloperator.skipResourceValidation": "true",
}).encode())


def test_the_extensions_workload_tolerations_are_read_from_its_flat_settings() -> None:
    assert workload_tolerations(SETTINGS) == (
        Toleration("sku", "Equal", "gpu", "", setting="workLoadToleration[0].key"),
        Toleration("spot", "Exists", "", "NoSchedule", setting="workLoadToleration.1.key"),
    )
    assert workload_tolerations(None) == ()
    model = ClusterModel("prod", settings=SETTINGS)
    assert model.tolerations[: len(BUILTIN_TOLERATIONS)] == BUILTIN_TOLERATIONS
    assert len(model.tolerations) == len(BUILTIN_TOLERATIONS) + 2
    assert model.skips_resource_validation()
    assert not ClusterModel("dev").skips_resource_validation()


def test_the_effective_selector_adds_the_instance_types_to_the_extensions() -> None:
    model = ClusterModel("prod", settings=SETTINGS, fallback_selector={"pool": "unused"})
    assert model.extension_selector == {"pool": "ml"}
    assert effective_selector(model, {"gpu": "t4"}) == {"pool": "ml", "gpu": "t4"}
    assert effective_selector(model, {"pool": "ml"}) == {"pool": "ml"}
    assert effective_selector(model, {"pool": "other"}) is None  # no node carries both
    assert ClusterModel("dev", fallback_selector={"pool": "cpu"}).extension_selector == {
        "pool": "cpu"
    }


def test_a_placement_narrows_step_by_step() -> None:
    azure_ml = Taint("ml.azure.com/amlarc", "true", "NoSchedule")
    nodes = (
        node("fits", {"pool": "ml"}),
        node("not-ready", {"pool": "ml"}, ready=False),
        node("cordoned", {"pool": "ml"}, unschedulable=True),
        node("tainted", {"pool": "ml"}, (Taint("sku", "gpu", "NoSchedule"),)),
        node("small", {"pool": "ml"}, (azure_ml, Taint("x", "y", "PreferNoSchedule")),
             allocatable={"cpu": "1", "memory": "16Gi"}),
        node("ours", {"pool": "ml"}, (azure_ml,)),
        node("elsewhere", {"pool": "other"}),
    )
    model = ClusterModel("", nodes=nodes, has_nodes=True, memo={})
    placed = place(model, {"pool": "ml"}, demand_of({"cpu": "2"}, {"cpu": "8"}, {}))
    names = {
        step: [n.name for n in getattr(placed, step)]
        for step in ("labelled", "usable", "tolerated", "fitting", "within_limits")
    }
    assert names == {
        "labelled": ["fits", "not-ready", "cordoned", "tainted", "small", "ours"],
        "usable": ["fits", "tainted", "small", "ours"],
        "tolerated": ["fits", "small", "ours"],
        "fitting": ["fits", "ours"],
        "within_limits": [],  # a limit of 8 cores on 4-core nodes
    }
    assert [(n.name, str(t)) for n, t in placed.blocking] == [("tainted", "sku=gpu:NoSchedule")]
    assert place(model, None, demand_of({}, {}, {})).labelled == []  # a conflicting selector


def test_the_closest_and_the_largest_node() -> None:
    nodes = (
        node("a", {"pool": "ml"}),
        node("b", {"pool": "ml", "zone": "1"}),
        node("big", {}, allocatable={"cpu": "64", "memory": "1Gi", "nvidia.com/gpu": "4"}),
    )
    model = ClusterModel("", nodes=nodes, memo={})
    assert closest_node(model, {"pool": "ml", "zone": "1"}) is nodes[1]
    assert closest_node(model, {"pool": "ml", "zone": "2"}) is nodes[0]  # the first of the most
    assert closest_node(model, {"zone": "9"}) is nodes[0]  # no label: the first node
    assert closest_node(ClusterModel(""), {"zone": "1"}) is None
    assert largest(nodes, "cpu") is nodes[2]
    assert largest(nodes[:2], "cpu") is nodes[0]  # a tie: the first
    assert has_gpu_nodes(model) and not has_gpu_nodes(model._replace(nodes=nodes[:2]))


def test_pods_per_node_counts_cpu_memory_and_gpus() -> None:
    big = node("big", {}, allocatable={"cpu": "64", "memory": "1Gi", "nvidia.com/gpu": "4"})
    assert pods_per_node(big, demand_of({"cpu": "1"}, {"nvidia.com/gpu": "1"}, {})) == 4
    assert pods_per_node(big, demand_of({"cpu": "500m", "memory": "100Mi"}, {}, {})) == 10
    assert pods_per_node(big, demand_of({}, {}, {})) is None
    assert room_for([big._replace(pool=True)], demand_of({"cpu": "1"}, {}, {})) is None


def test_a_text_that_is_not_a_quantity_is_left_out_of_the_demand() -> None:
    assert quantity("500m") == Fraction(1, 2)
    assert quantity("2 cores") is None and quantity(None) is None
    demand = demand_of({"cpu": "bad"}, {"cpu": "2", "memory": "x"}, {})
    assert demand == Demand(requests={"cpu": Fraction(2)}, limits={"cpu": Fraction(2)})
