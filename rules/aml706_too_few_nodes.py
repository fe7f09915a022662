"""AML706: more instances than the cluster's nodes can run, or a highly available inference
router on fewer than three nodes."""

from __future__ import annotations

from collections.abc import Iterator

from linter.core import pointer as jp
from linter.domain.cluster import room_for
from linter.project.cluster_fit import definition_fit, endpoint_scope, model_of, setting_related
from linter.project.resolution import resolve
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule
from linter.source.kinds import JOB_KINDS

HA_REPLICAS = 3  # the inference router's replicas with inferenceRouterHA (one per node)


@rule(
    "AML706",
    "too-few-nodes",
    Severity.WARNING,
    JOB_KINDS | {Kind.KUBERNETES_ENDPOINT},
    cross_file=True,
)
def too_few_nodes(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A job asks for more instances than the cluster can run at once, or the extension's
    inference router is highly available on fewer than three nodes.

    ## What it checks
    Only with the cluster's nodes in the config. A job's (or pipeline step's)
    `resources.instance_count` above the number of its instance type's pods that the nodes
    able to take them hold at once: each such node counts for as many pods as its
    allocatable holds (a pool for that times its `max-count`; a pool without `max-count`
    has no bound, and nothing is reported). Reported at `instance_count`.

    For a Kubernetes online endpoint on a cluster whose extension settings enable inference
    and leave `inferenceRouterHA` on (its default): fewer than three Ready, schedulable
    nodes (and pools' `max-count`) that carry the extension's nodeSelector. Reported at the
    endpoint's `compute`.

    ## Why
    A distributed job starts all of its instances together (the extension's scheduler
    gang-schedules them): with room for fewer, it waits for ever. The Azure ML docs (Deploy
    the Azure Machine Learning extension): `inferenceRouterHA` "deploys three inference
    router replicas for high availability, which requires at least three worker nodes";
    set it to `False` on a smaller cluster.

    ## Example
    On a cluster with two nodes that fit `gpu-large`:
    ```yaml
    resources:
      instance_type: gpu-large
      instance_count: 4
    ```

    ## Use instead
    ```yaml
    resources:
      instance_type: gpu-large
      instance_count: 2
    ```

    ## Options
    `nodes`, `node-pools` and `extension-settings` (config). Without nodes or pools, this
    rule is silent.
    """
    if document.kind is Kind.KUBERNETES_ENDPOINT:
        yield from _router_ha(document, context)
        return
    for resolution in resolve(document, context):
        model = model_of(context, resolution.scope)
        pointer = jp.join(resolution.workload.resources_pointer, "instance_count")
        count = document.get(pointer)
        if model is None or resolution.definition is None or not isinstance(count, int):
            continue
        fit = definition_fit(model, resolution.definition)
        room = room_for(fit.placement.fitting, fit.demand)
        if room is not None and 0 < room < count and not isinstance(count, bool):
            name = resolution.definition.name
            yield document.report(
                pointer,
                f"instance_count {count} is more than the cluster can run at once: its nodes "
                f'that take instance type "{name}" hold {room} such pods; the job waits for '
                f"ever: ask for at most {room}, or add nodes",
            )


def _router_ha(document: Document, context: ProjectContext) -> Iterator[Report]:
    model = model_of(context, endpoint_scope(document, context))
    settings = model.settings if model is not None else None
    if model is None or settings is None or not settings.is_true("enableInference"):
        return
    if not settings.is_true("inferenceRouterHA", default=True):
        return
    selector = model.extension_selector
    nodes = [
        n
        for n in model.nodes
        if all(n.labels.get(k) == v for k, v in selector.items())
        and (n.pool or (n.ready and not n.unschedulable))
    ]
    if any(n.pool and n.max_count is None for n in nodes):
        return
    count = sum(n.max_count or 0 if n.pool else 1 for n in nodes)
    if count < HA_REPLICAS:
        where = "/compute" if document.has("/compute") else "/name"
        yield document.report(
            where,
            f"the extension's inference router is highly available (inferenceRouterHA, on by "
            f"default: {HA_REPLICAS} replicas, one per node), but the cluster has {count} "
            f"node{'s' if count != 1 else ''} for it; set inferenceRouterHA=False, or add nodes",
            related=setting_related(model, "inferenceRouterHA"),
        )
