"""Will it ever schedule? A cluster scope's nodes, pools and extension settings, and where a
pod of an instance type can run on them.

A node can run an Azure ML pod when (Kubernetes' scheduler, plus the Azure ML extension):
- it is Ready and not cordoned (`spec.unschedulable`); a pool of the config always can (it
  scales up);
- it carries every label of the effective selector: the extension's `nodeSelector.*`
  settings plus the instance type's `nodeSelector`, exact string match;
- every NoSchedule and NoExecute taint on it is tolerated (PreferNoSchedule only steers):
  Azure ML pods tolerate the `ml.azure.com/*` taints the extension documents, and the
  extension's `workLoadToleration` settings, matched as Kubernetes matches tolerations (key,
  operator Exists or Equal, value, effect);
- its `status.allocatable` (never its capacity) holds the pod's requests plus the per-pod
  overhead (an online deployment's identity sidecar: cpu 10m, memory 100Mi), and its
  `nvidia.com/gpu` allocatable the GPU limit.
All amounts are exact (`linter.quantity`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from linter.core.quantity import QuantityError, parse_quantity
from linter.source.node_snapshot import ClusterNode, ExtensionSettings, Taint

CPU, MEMORY, GPU = "cpu", "memory", "nvidia.com/gpu"
# The taints Azure ML's pods tolerate (any value, any effect).
AZURE_ML_TAINT_KEYS = (
    "ml.azure.com/amlarc",
    "ml.azure.com/amlarc-workload",
    "ml.azure.com/resource-group",
    "ml.azure.com/workspace",
    "ml.azure.com/compute",
)
SCHEDULING_EFFECTS = ("NoSchedule", "NoExecute")  # PreferNoSchedule never keeps a pod off
# An online deployment's pod also runs the identity sidecar: cpu 10m, memory 100Mi.
DEPLOYMENT_OVERHEAD: Mapping[str, Fraction] = MappingProxyType(
    {CPU: Fraction(10, 1000), MEMORY: Fraction(100 * 2**20)}
)
NO_OVERHEAD: Mapping[str, Fraction] = MappingProxyType({})
_TOLERATION = re.compile(r"workLoadToleration(?:\[(\d+)\]|\.(\d+))\.(key|operator|value|effect)")


class Toleration(NamedTuple):
    key: str  # "" with Exists: every key
    operator: str  # Exists or Equal
    value: str
    effect: str  # "": every effect
    setting: str | None = None  # the extension setting that says so (None: built in)

    def tolerates(self, taint: Taint) -> bool:
        """Kubernetes' `Toleration.ToleratesTaint`."""
        if self.effect and self.effect != taint.effect:
            return False
        if self.key and self.key != taint.key:
            return False
        if self.operator == "Exists":
            return True
        return self.value == taint.value


BUILTIN_TOLERATIONS = tuple(
    Toleration(key=key, operator="Exists", value="", effect="") for key in AZURE_ML_TAINT_KEYS
)


class ClusterModel(NamedTuple):
    """One cluster scope's nodes (snapshot nodes, then the config's pools) and settings."""

    scope: str
    nodes: tuple[ClusterNode, ...] = ()
    settings: ExtensionSettings | None = None
    has_nodes: bool = False  # the config names nodes or pools (else only settings are known)
    fallback_selector: Mapping[str, str] = MappingProxyType({})  # extension-node-selector
    # What `place` works out once per run: the nodes by label. None: worked out each time.
    memo: dict[str, Any] | None = None

    @property
    def extension_selector(self) -> Mapping[str, str]:
        """The extension's nodeSelector: the settings file's, else the config's key."""
        return self.settings.node_selector if self.settings else self.fallback_selector

    @property
    def tolerations(self) -> tuple[Toleration, ...]:
        return BUILTIN_TOLERATIONS + workload_tolerations(self.settings)

    def skips_resource_validation(self) -> bool:
        return self.settings is not None and self.settings.is_true(
            "amloperator.skipResourceValidation"
        )


def workload_tolerations(settings: ExtensionSettings | None) -> tuple[Toleration, ...]:
    """The `workLoadToleration` settings, as a flat map holds a list of tolerations
    (`workLoadToleration[0].key`, `...operator`, `...value`, `...effect`; or `.0.`)."""
    if settings is None:
        return ()
    found: dict[int, dict[str, str]] = {}
    first_key: dict[int, str] = {}
    for key, value in settings.values.items():
        match = _TOLERATION.fullmatch(key)
        if match:
            number = int(match[1] or match[2])
            found.setdefault(number, {})[match[3]] = value
            first_key.setdefault(number, key)
    tolerations = []
    for number in sorted(found):
        fields = found[number]
        operator = fields.get("operator") or ("Equal" if fields.get("value") else "Exists")
        tolerations.append(
            Toleration(
                key=fields.get("key", ""),
                operator=operator,
                value=fields.get("value", ""),
                effect=fields.get("effect", ""),
                setting=first_key[number],
            )
        )
    return tuple(tolerations)


class Demand(NamedTuple):
    """What one pod asks for: requests (a request not set is its limit, as Kubernetes does)
    and limits, cpu and memory in cores and bytes, GPU in devices."""

    requests: Mapping[str, Fraction]
    limits: Mapping[str, Fraction]
    overhead: Mapping[str, Fraction] = NO_OVERHEAD

    @property
    def gpu(self) -> Fraction:
        return self.limits.get(GPU) or self.requests.get(GPU) or Fraction(0)

    def needs(self, resource: str) -> Fraction:
        return self.requests.get(resource, Fraction(0)) + self.overhead.get(resource, Fraction(0))


def demand_of(
    requests: Mapping[str, str | None],
    limits: Mapping[str, str | None],
    overhead: Mapping[str, Fraction],
) -> Demand:
    """A demand from quantity texts; texts that are not quantities (reported elsewhere) are
    left out."""
    asked_limits = _amounts(limits)
    asked = {**{r: v for r, v in asked_limits.items() if r in (CPU, MEMORY)}, **_amounts(requests)}
    return Demand(requests=asked, limits=asked_limits, overhead=overhead)


def _amounts(texts: Mapping[str, str | None]) -> dict[str, Fraction]:
    found = {}
    for resource, text in texts.items():
        value = quantity(text) if resource in (CPU, MEMORY, GPU) else None
        if value is not None:
            found[resource] = value
    return found


@lru_cache(maxsize=4096)
def quantity(text: str | None) -> Fraction | None:
    if text is None:
        return None
    try:
        return parse_quantity(str(text)).value
    except QuantityError:
        return None


def allocatable(node: ClusterNode, resource: str) -> Fraction:
    return quantity(node.allocatable.get(resource)) or Fraction(0)


class Placement(NamedTuple):
    """Where a pod can go, step by step (each list a subset of the one before)."""

    selector: Mapping[str, str]
    labelled: list[ClusterNode]  # carry every label of the selector
    usable: list[ClusterNode]  # ... and are Ready and schedulable (pools: always)
    tolerated: list[ClusterNode]  # ... and have no taint Azure ML does not tolerate
    blocking: list[tuple[ClusterNode, Taint]]  # usable nodes kept off, by which taint
    fitting: list[ClusterNode]  # ... and hold the requests plus overhead, and the GPUs
    within_limits: list[ClusterNode]  # ... and hold the limits too


def effective_selector(model: ClusterModel, own: Mapping[str, str]) -> dict[str, str] | None:
    """The extension's selector plus the instance type's; None when they conflict (no node
    can carry both values)."""
    merged = dict(model.extension_selector)
    for key, value in own.items():
        if merged.get(key, value) != value:
            return None
        merged[key] = value
    return merged


def place(model: ClusterModel, selector: Mapping[str, str] | None, demand: Demand) -> Placement:
    """Where the pods can go. A 5,000-node snapshot has a few kinds of node: the nodes are
    found by label through an index, each taint set and each allocatable is judged once, and
    each (selector, demand) placed once per run (a staged instance type's users place ~80
    pods, most of them alike: 0.3 s of a commit-time run node by node, ~10 ms so)."""
    key = (
        None if selector is None else tuple(sorted(selector.items())),
        *(tuple(sorted(part.items())) for part in demand),
    )
    memo = model.memo if model.memo is not None else {}
    placed = memo.setdefault("placements", {})
    if key not in placed:
        placed[key] = _place(model, selector, demand)
    return placed[key]


def _place(model: ClusterModel, selector: Mapping[str, str] | None, demand: Demand) -> Placement:
    chosen = dict(selector or {})
    labelled = _labelled(model, chosen) if selector is not None else []
    usable = [n for n in labelled if n.pool or (n.ready and not n.unschedulable)]
    tolerations = model.tolerations
    tolerated, blocking = [], []
    taint_verdicts: dict[tuple[Taint, ...], Taint | None] = {}
    for node in usable:
        if not node.taints:
            tolerated.append(node)
            continue
        if node.taints not in taint_verdicts:
            taint_verdicts[node.taints] = untolerated_taint(node, tolerations)
        taint = taint_verdicts[node.taints]
        if taint is None:
            tolerated.append(node)
        else:
            blocking.append((node, taint))
    fitting = _judged(tolerated, lambda node: holds(node, demand))
    within = _judged(fitting, lambda node: holds_limits(node, demand))
    return Placement(
        selector=chosen, labelled=labelled, usable=usable, tolerated=tolerated, blocking=blocking,
        fitting=fitting, within_limits=within
    )


def _labelled(model: ClusterModel, selector: Mapping[str, str]) -> list[ClusterNode]:
    """The nodes (in snapshot order) that carry every label of the selector."""
    if not selector:
        return list(model.nodes)
    first, *rest = sorted(selector.items(), key=lambda pair: len(_with_label(model, *pair)))
    return [n for n in _with_label(model, *first) if all(n.labels.get(k) == v for k, v in rest)]


def _with_label(model: ClusterModel, key: str, value: str) -> list[ClusterNode]:
    """The nodes labelled key=value, in snapshot order; one pass over the nodes per key."""
    memo = model.memo if model.memo is not None else {}
    by_value = memo.get(f"label {key}")
    if by_value is None:
        by_value = memo[f"label {key}"] = {}
        for node in model.nodes:
            found = node.labels.get(key)
            if found is not None:
                by_value.setdefault(found, []).append(node)
    return by_value.get(value, [])


def closest_node(model: ClusterModel, selector: Mapping[str, str]) -> ClusterNode | None:
    """The node that carries most of the selector's labels (the first such)."""
    if not model.nodes:
        return None
    counts: dict[int, int] = {}
    for pair in selector.items():
        for node in _with_label(model, *pair):
            counts[id(node)] = counts.get(id(node), 0) + 1
    if not counts:
        return model.nodes[0]
    most = max(counts.values())
    return next(node for node in model.nodes if counts.get(id(node)) == most)


def _judged(
    nodes: Iterable[ClusterNode], verdict: Callable[[ClusterNode], bool]
) -> list[ClusterNode]:
    """The nodes the verdict keeps, asked once per distinct allocatable of cpu, memory, GPU."""
    verdicts: dict[tuple[str | None, ...], bool] = {}
    kept = []
    for node in nodes:
        amounts = node.allocatable
        key = (amounts.get(CPU), amounts.get(MEMORY), amounts.get(GPU))
        if key not in verdicts:
            verdicts[key] = verdict(node)
        if verdicts[key]:
            kept.append(node)
    return kept


def untolerated_taint(node: ClusterNode, tolerations: Iterable[Toleration]) -> Taint | None:
    ours = tuple(tolerations)
    for taint in node.taints:
        if taint.effect in SCHEDULING_EFFECTS and not any(t.tolerates(taint) for t in ours):
            return taint
    return None


def holds(node: ClusterNode, demand: Demand) -> bool:
    """Requests plus overhead within allocatable (cpu, memory), and the GPUs."""
    return all(demand.needs(r) <= allocatable(node, r) for r in (CPU, MEMORY)) and (
        demand.gpu <= allocatable(node, GPU)
    )


def holds_limits(node: ClusterNode, demand: Demand) -> bool:
    return all(
        demand.limits[r] + demand.overhead.get(r, Fraction(0)) <= allocatable(node, r)
        for r in (CPU, MEMORY)
        if r in demand.limits
    )


def largest(nodes: Sequence[ClusterNode], resource: str) -> ClusterNode:
    """The node with the most of a resource (the first such, in snapshot order); each
    distinct amount is parsed and compared once."""
    texts = {node.allocatable.get(resource) for node in nodes}
    most = max(texts, key=lambda text: quantity(text) or Fraction(0))
    return next(node for node in nodes if node.allocatable.get(resource) == most)


def has_gpu_nodes(model: ClusterModel) -> bool:
    return any(allocatable(node, GPU) > 0 for node in model.nodes)


def pods_per_node(node: ClusterNode, demand: Demand) -> int | None:
    """How many such pods one empty node holds; None when the pods ask for nothing."""
    counts = [allocatable(node, r) // demand.needs(r) for r in (CPU, MEMORY) if demand.needs(r)]
    if demand.gpu > 0:
        counts.append(allocatable(node, GPU) // demand.gpu)
    return int(min(counts)) if counts else None


def room_for(nodes: Iterable[ClusterNode], demand: Demand) -> int | None:
    """How many such pods the nodes (a pool: at its max-count) hold at most; None when that
    has no bound (a pool without max-count, or pods that ask for nothing)."""
    total = 0
    for node in nodes:
        each = pods_per_node(node, demand)
        count = node.max_count if node.pool else 1
        if each is None or count is None:
            return None
        total += each * count
    return total
