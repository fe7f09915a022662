"""AML701-AML702: no node of the cluster carries the instance type's labels, or every one
that does carries a taint Azure ML does not tolerate."""

from __future__ import annotations

from collections.abc import Iterator

from linter.domain.cluster import closest_node
from linter.project.cluster_fit import (
    NODE_SELECTOR,
    Fit,
    instance_type_fit,
    node_related,
    selector_text,
)
from linter.rule import Document, Location, ProjectContext, Report, Severity, rule
from linter.source.kinds import INSTANCE_TYPE_KINDS

MAX_RELATED = 3


def _where(document: Document) -> str:
    """A selector problem is reported at the nodeSelector, or at the name without one."""
    return NODE_SELECTOR if document.has(NODE_SELECTOR) else "/metadata/name"


@rule(
    "AML701",
    "node-selector-matches-no-node",
    Severity.ERROR,
    INSTANCE_TYPE_KINDS,
    cross_file=True,
)
def node_selector_matches_no_node(document: Document, context: ProjectContext) -> Iterator[Report]:
    """No node or node pool of the cluster can take the instance type's pods: none carries
    every label of the effective selector, or those that do are not Ready or are cordoned.

    ## What it checks
    Only with the cluster's nodes in the config (`nodes`, `node-pools`; see the README).
    The effective selector is the extension's nodeSelector (the `nodeSelector.*` extension
    settings, else `extension-node-selector`) plus the instance type's `nodeSelector`; a
    node matches when it carries every one of those labels with exactly that value. Nodes
    whose `Ready` condition is not `True`, and nodes with `spec.unschedulable: true`
    (cordoned), cannot take new pods; a pool of the config always can (it scales up).
    Reported at the instance type's `nodeSelector` (at its name when it has none), with the
    node that comes closest as a related location.

    ## Why
    Kubernetes schedules a pod only on a node whose labels include all of the pod's
    nodeSelector, and never on a NotReady or unschedulable node (Kubernetes docs, "Assigning
    Pods to Nodes"; "Safely Drain a Node"). The Azure ML docs: workloads run "on any node
    that matches both the extension's and the instance type's nodeSelector". A selector no
    node satisfies leaves every job and deployment on this instance type Pending for good.

    ## Example
    With nodes labelled `agentpool: gpupool`:
    ```yaml
    spec:
      nodeSelector:
        agentpool: gpu-pool
    ```

    ## Use instead
    ```yaml
    spec:
      nodeSelector:
        agentpool: gpupool
    ```

    ## Options
    `nodes`, `node-pools` and `extension-settings` (config; per cluster in `[[clusters]]`).
    Without nodes or pools, this rule is silent.
    """
    fit = instance_type_fit(document, context)
    if fit is None:
        return
    placement = fit.placement
    where = _where(document)
    scope = f'cluster "{fit.model.scope}"' if fit.model.scope else "the cluster"
    if not placement.labelled and not fit.model.nodes:
        yield document.report(where, f"{scope} has no node and no node pool in its snapshot")
    elif not placement.labelled:
        yield document.report(where, _no_match(fit, scope), related=_closest(fit))
    elif not placement.usable:
        nodes = placement.labelled
        related = tuple(
            node_related(
                n,
                "unschedulable" if n.unschedulable else "ready",
                "cordoned (unschedulable)" if n.unschedulable else "not Ready",
            )
            for n in nodes[:MAX_RELATED]
        )
        yield document.report(
            where,
            f"the {_count(len(nodes), 'node')} of {scope} that carry the labels "
            f"{selector_text(placement.selector)} are not Ready or are cordoned: no pod of "
            "this instance type can be scheduled until one is back",
            related=related,
        )


def _no_match(fit: Fit, scope: str) -> str:
    selector = fit.placement.selector
    if fit.own_selector and fit.model.extension_selector and not selector:
        return (
            f"the nodeSelector ({selector_text(fit.own_selector)}) conflicts with the "
            f"extension's ({selector_text(fit.model.extension_selector)}): no node of {scope} "
            "can carry both; pods stay Pending"
        )
    return (
        f"no node or node pool of {scope} carries every label of the effective selector "
        f"{selector_text(selector)} (the extension's nodeSelector plus this instance type's); "
        "pods would stay Pending: use labels the nodes carry"
    )


def _closest(fit: Fit) -> tuple[Location, ...]:
    """The node that carries most of the selector's labels, and what it has instead."""
    selector = fit.placement.selector
    node = closest_node(fit.model, selector) if selector else None
    if node is None:
        return ()
    missing = [k for k, v in selector.items() if node.labels.get(k) != v]
    has = ", ".join(f"{k}={node.labels[k]}" if k in node.labels else f"no {k}" for k in missing)
    return (node_related(node, "name", f"closest match, has {has}"),)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@rule("AML702", "taint-not-tolerated", Severity.ERROR, INSTANCE_TYPE_KINDS, cross_file=True)
def taint_not_tolerated(document: Document, context: ProjectContext) -> Iterator[Report]:
    """Every node that matches the instance type's selector carries a taint that Azure ML's
    pods do not tolerate.

    ## What it checks
    Only with the cluster's nodes in the config. Of the Ready, schedulable nodes (and the
    pools) that carry the effective selector's labels, each has a `NoSchedule` or
    `NoExecute` taint that no toleration of Azure ML's pods matches. `PreferNoSchedule`
    never keeps a pod off a node and is not counted. Azure ML's pods tolerate the
    `ml.azure.com/amlarc`, `ml.azure.com/amlarc-workload`, `ml.azure.com/resource-group`,
    `ml.azure.com/workspace` and `ml.azure.com/compute` taints, and the extension's
    `workLoadToleration` settings (read as a flat map holds a list:
    `workLoadToleration[0].key`, `...operator`, `...value`, `...effect`). Tolerations match
    as Kubernetes matches them: the key (an empty key with `Exists` matches every key), the
    operator (`Exists`: any value; `Equal`: the same value), and the effect (empty: any).
    The message names the taint; related locations: the tainted nodes.

    ## Why
    The scheduler places a pod on a tainted node only if the pod tolerates each of its
    NoSchedule and NoExecute taints (Kubernetes docs, "Taints and Tolerations"). GPU pools
    are commonly tainted (`sku=gpu:NoSchedule`); unless the extension was installed with a
    matching `workLoadToleration`, Azure ML's pods never land there and stay Pending.

    ## Example
    With every `agentpool=gpupool` node tainted `sku=gpu:NoSchedule`:
    ```yaml
    spec:
      nodeSelector:
        agentpool: gpupool
    ```

    ## Use instead
    Install the extension with a toleration for the taint (for example
    `workLoadToleration[0].key=sku`, `workLoadToleration[0].operator=Exists`), record it in
    the extension settings file, or select nodes without the taint.

    ## Options
    `nodes`, `node-pools` and `extension-settings` (config). Without nodes or pools, this
    rule is silent.
    """
    fit = instance_type_fit(document, context)
    if fit is None or not fit.placement.usable or fit.placement.tolerated:
        return
    blocking = fit.placement.blocking
    taints = list(dict.fromkeys(str(taint) for _, taint in blocking))
    shown = ", ".join(f'"{t}"' for t in taints[:MAX_RELATED]) + (", ..." if len(taints) > 3 else "")
    related = tuple(
        node_related(node, f"taints/{node.taints.index(taint)}", f"taint {taint}")
        for node, taint in blocking[:MAX_RELATED]
    )
    settings = fit.model.settings
    related += tuple(
        Location(settings.path, settings.span(t.setting)).related(
            f"workLoadToleration: {t.key or '(any key)'} {t.operator} {t.value}".rstrip()
        )
        for t in fit.model.tolerations
        if t.setting is not None and settings is not None
    )
    yield document.report(
        _where(document),
        f"every node that matches the selector {selector_text(fit.placement.selector)} carries "
        f"a taint Azure ML's pods do not tolerate ({shown}); pods stay Pending: add a "
        "workLoadToleration for it to the extension, or select other nodes",
        related=related,
    )
