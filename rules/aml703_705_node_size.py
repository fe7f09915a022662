"""AML703-AML705: the pods are larger than any node that could take them, ask for a GPU on
a cluster without one, or fit only on pools scaled to zero."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from linter.core import pointer as jp
from linter.domain.cluster import (
    CPU,
    DEPLOYMENT_OVERHEAD,
    GPU,
    MEMORY,
    allocatable,
    has_gpu_nodes,
    largest,
)
from linter.project.cluster_fit import (
    Fit,
    deployment_fits,
    instance_type_fit,
    node_related,
    setting_related,
)
from linter.project.resource_lists import decimal_text
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule
from linter.source.kinds import INSTANCE_TYPE_KINDS

_KINDS = INSTANCE_TYPE_KINDS | {Kind.KUBERNETES_DEPLOYMENT}


def _fits(document: Document, context: ProjectContext) -> list[Fit]:
    if document.kind is Kind.KUBERNETES_DEPLOYMENT:
        return deployment_fits(document, context)
    fit = instance_type_fit(document, context)
    return [fit] if fit is not None else []


def _amount(resource: str, value: Fraction) -> str:
    if resource == MEMORY:
        return (
            f"{decimal_text(value / 2**20)}Mi" if value % 2**20 == 0 else f"{decimal_text(value)}"
        )
    return decimal_text(value)


@rule("AML703", "instance-type-fits-no-node", Severity.ERROR, _KINDS, cross_file=True)
def instance_type_fits_no_node(document: Document, context: ProjectContext) -> Iterator[Report]:
    """The pods ask for more than any node that could take them can give.

    ## What it checks
    Only with the cluster's nodes in the config. Of the nodes and pools that match the
    selector and tolerate the pods (AML701, AML702), none has a `status.allocatable` (never
    the capacity) that holds the requests (cpu, memory; a request not set is its limit) and
    the GPU limit: an error, at the request that is larger than every such node's
    allocatable (at the requests when only their sum of conditions fails), with the
    largest node as a related location. When the requests fit but the limits of cpu or
    memory exceed every node that could take them: a warning, at the limit.

    For a Kubernetes online deployment, its own `resources` replace its instance type's,
    and each pod also runs the identity sidecar: cpu `10m` and memory `100Mi` more. A
    deployment is reported when its own resources do not fit, or when its instance type's
    fit only without that overhead (the instance type itself is reported at its file).
    Quantities are compared exactly (`51573948Ki` of memory against `48Gi`).

    ## Why
    The scheduler binds a pod only to a node whose allocatable resources, less what its
    pods already request, hold the pod's requests (Kubernetes docs, "Resource Management
    for Pods and Containers"); allocatable is the capacity minus what the system and the
    kubelet reserve. The Azure ML operator checks an instance type against the nodes before
    it starts a job and fails it at once ("instance type defined resource requirement has
    exceeded the node size"). A limit above every node's allocatable cannot be reached: the
    pod is throttled or killed for memory before it gets there.

    ## Example
    On nodes with `allocatable: {cpu: "3860m", memory: "12Gi"}`:
    ```yaml
    resources:
      requests: {cpu: "4", memory: "8Gi"}
      limits: {cpu: "4", memory: "8Gi"}
    ```

    ## Use instead
    ```yaml
    resources:
      requests: {cpu: "3500m", memory: "8Gi"}
      limits: {cpu: "3500m", memory: "8Gi"}
    ```

    ## Options
    `nodes`, `node-pools` (config). Without nodes or pools, this rule is silent.
    """
    for fit in _fits(document, context):
        placement = fit.placement
        if not placement.tolerated or _gpu_without_nodes(fit):
            continue
        if not placement.fitting:
            if fit.own_resources:
                yield _too_large(document, fit)
            elif _fits_without_overhead(fit):
                yield document.report(
                    "/instance_type",
                    f'instance type "{fit.definition.name if fit.definition else ""}" fits its '
                    "nodes only without the deployment's identity sidecar (cpu 10m, memory "
                    "100Mi per pod): no node can take this deployment's pods; choose a smaller "
                    "instance type or set smaller resources",
                    related=(_largest_related(placement.tolerated, CPU),),
                )
        elif not placement.within_limits and fit.own_resources:
            yield _limits_too_large(document, fit)


def _gpu_without_nodes(fit: Fit) -> bool:
    return fit.demand.gpu > 0 and not has_gpu_nodes(fit.model)


def _fits_without_overhead(fit: Fit) -> bool:
    from linter.domain.cluster import Demand, holds

    bare = Demand(requests=fit.demand.requests, limits=fit.demand.limits)
    return any(holds(node, bare) for node in fit.placement.tolerated)


def _too_large(document: Document, fit: Fit) -> Report:
    nodes = fit.placement.tolerated
    demand = fit.demand
    for resource in (CPU, MEMORY, GPU):
        need = demand.gpu if resource == GPU else demand.needs(resource)
        node = largest(nodes, resource)
        if need > allocatable(node, resource):
            section = "limits" if resource == GPU or resource not in demand.requests else "requests"
            overhead = demand.overhead.get(resource)
            extra = f" plus the sidecar's {_amount(resource, overhead)}" if overhead else ""
            return document.report(
                jp.join(fit.resources_pointer, section, resource),
                f"{section}.{resource}{extra} is more than any node that could take these pods "
                f"can give (the largest allocatable {resource} is "
                f"{node.allocatable.get(resource, '0')}, on {node.label}); the Azure ML operator "
                'fails the job at once ("exceeded the node size"): ask for less, or add '
                "larger nodes",
                related=(_largest_related(nodes, resource),),
            )
    return document.report(
        jp.join(fit.resources_pointer, "requests"),
        "no node that could take these pods holds all of the requests at once (each "
        "resource fits some node, but no node fits them all); ask for less, or add larger "
        "nodes",
        related=(_largest_related(nodes, CPU),),
    )


def _limits_too_large(document: Document, fit: Fit) -> Report:
    nodes = fit.placement.fitting
    for resource in (CPU, MEMORY):
        limit = fit.demand.limits.get(resource)
        node = largest(nodes, resource)
        if limit is not None and limit + fit.demand.overhead.get(resource, 0) > allocatable(
            node, resource
        ):
            return document.report(
                jp.join(fit.resources_pointer, "limits", resource),
                f"limits.{resource} is more than any node that takes these pods can give (the "
                f"largest allocatable {resource} is {node.allocatable.get(resource, '0')}, on "
                f"{node.label}); the pods are throttled or killed before they reach it",
                severity=Severity.WARNING,
                related=(_largest_related(nodes, resource),),
            )
    raise AssertionError("within_limits is empty, so some limit exceeds every node")


def _largest_related(nodes: list, resource: str):  # type: ignore[no-untyped-def]
    node = largest(nodes, resource)
    return node_related(
        node,
        f"allocatable/{resource}",
        f"allocatable {resource} {node.allocatable.get(resource, '0')}",
    )


@rule("AML704", "gpu-without-gpu-nodes", Severity.ERROR, _KINDS, cross_file=True)
def gpu_without_gpu_nodes(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A GPU is asked for, and no node or pool of the cluster has `nvidia.com/gpu`
    allocatable.

    ## What it checks
    Only with the cluster's nodes in the config. An instance type's GPU limit, or a
    Kubernetes deployment's own, above zero, while no node of the snapshot and no pool of
    the config lists `nvidia.com/gpu` in its allocatable resources. When the extension
    settings leave `installNvidiaDevicePlugin` off (its default), the message says so:
    without the NVIDIA device plugin, GPU nodes do not advertise `nvidia.com/gpu` at all.

    ## Why
    `nvidia.com/gpu` is an extended resource: a node offers it only when a device plugin
    registers it (Kubernetes docs, "Schedule GPUs"). The Azure ML extension installs the
    NVIDIA device plugin only with `installNvidiaDevicePlugin=True` (Azure ML docs, "Deploy
    Azure Machine Learning extension", configuration settings). A pod that asks for a GPU
    on a cluster where no node offers one stays Pending.

    ## Example
    On a cluster whose nodes list no `nvidia.com/gpu`:
    ```yaml
    resources:
      limits: {cpu: "4", memory: "16Gi", nvidia.com/gpu: 1}
    ```

    ## Use instead
    Add GPU nodes (or a GPU pool in `node-pools`), install the extension with
    `installNvidiaDevicePlugin=True` where the nodes have GPUs, or drop the GPU limit.

    ## Options
    `nodes`, `node-pools` and `extension-settings` (config). Without nodes or pools, this
    rule is silent.
    """
    for fit in _fits(document, context):
        if not _gpu_without_nodes(fit) or (
            document.kind is Kind.KUBERNETES_DEPLOYMENT and not fit.own_resources
        ):
            continue
        settings = fit.model.settings
        hint = ""
        related = ()
        if settings is not None and not settings.is_true("installNvidiaDevicePlugin"):
            hint = (
                "; the extension settings leave installNvidiaDevicePlugin off, so GPU nodes "
                "would not offer nvidia.com/gpu either: install the extension with "
                "installNvidiaDevicePlugin=True"
            )
            related = setting_related(fit.model, "installNvidiaDevicePlugin")
        scope = f'cluster "{fit.model.scope}"' if fit.model.scope else "the cluster"
        yield document.report(
            jp.join(fit.resources_pointer, "limits", GPU),
            f"a GPU is asked for, but no node or node pool of {scope} has nvidia.com/gpu "
            f"allocatable; the pods stay Pending{hint}",
            related=related,
        )


@rule("AML705", "scale-from-zero-rejected", Severity.WARNING, INSTANCE_TYPE_KINDS, cross_file=True)
def scale_from_zero_rejected(document: Document, context: ProjectContext) -> Iterator[Report]:
    """The instance type fits only on node pools that scale to zero, and the Azure ML
    operator validates against the nodes that exist.

    ## What it checks
    Only with the cluster's nodes in the config. Every node or pool that can take the pods
    (AML701-AML703) is a pool of the config with `min-count = 0`, and the extension
    settings do not set `amloperator.skipResourceValidation` to `True`. Reported at the
    instance type's name, with the pools as related locations.

    ## Why
    Before it submits a job, the Azure ML operator checks the instance type against the
    Ready nodes of the cluster. While the pool is at zero no such node exists, so the job
    fails at once instead of triggering the cluster autoscaler; skipping that validation
    (`amloperator.skipResourceValidation=True`) lets the pod wait for the pool to scale up.

    ## Example
    A GPU instance type whose only fitting pool is
    `[[node-pools]] name = "gpupool", min-count = 0, max-count = 4`.

    ## Use instead
    Keep one node in the pool (`min-count = 1`), or install the extension with
    `amloperator.skipResourceValidation=True` and record it in the extension settings file.

    ## Options
    `node-pools` and `extension-settings` (config). Without nodes or pools, this rule is
    silent.
    """
    fit = instance_type_fit(document, context)
    if fit is None or not fit.placement.fitting or fit.model.skips_resource_validation():
        return
    fitting = fit.placement.fitting
    if all(node.pool and node.min_count == 0 for node in fitting):
        names = ", ".join(f'"{node.name}"' for node in fitting)
        related = tuple(node_related(n, "name", "min-count = 0") for n in fitting[:3])
        related += setting_related(fit.model, "amloperator.skipResourceValidation")
        yield document.report(
            "/metadata/name",
            f"the pods fit only on node pools that scale to zero ({names}); the Azure ML "
            "operator validates against the Ready nodes and fails the job while the pool is "
            "at zero: keep min-count at 1 or more, or set amloperator.skipResourceValidation"
            "=True in the extension",
            related=related,
        )


_OVERHEAD = DEPLOYMENT_OVERHEAD  # documented above: cpu 10m, memory 100Mi
