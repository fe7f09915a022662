"""Where the documents of the repository would run on their cluster (AML701-AML706): an
InstanceType in its cluster scope, a Kubernetes deployment with its own resources. Worked
out once per document; the rules read it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from linter.core.span import Location, Span
from linter.domain.cluster import (
    DEPLOYMENT_OVERHEAD,
    NO_OVERHEAD,
    ClusterModel,
    Demand,
    Placement,
    demand_of,
    effective_selector,
    place,
)
from linter.domain.templating import is_placeholder
from linter.domain.workloads import compute_name
from linter.project.context import (
    DEFAULT_SCOPE,
    InstanceTypeDef,
    ProjectContext,
    instance_type_def,
    scope_of_definition,
)
from linter.project.resolution import resolve
from linter.project.resource_lists import resource_entries
from linter.source.document import Document
from linter.source.node_snapshot import ClusterNode

NODE_SELECTOR = "/spec/nodeSelector"


class Fit(NamedTuple):
    model: ClusterModel
    own_selector: Mapping[str, str]
    demand: Demand
    placement: Placement
    # Where the demand is written: "/spec/resources" (an instance type) or "/resources".
    resources_pointer: str
    definition: InstanceTypeDef | None = None  # a deployment's instance type
    own_resources: bool = True  # False: a deployment that uses its instance type's


def model_of(context: ProjectContext, scope: str | None, nodes: bool = True) -> ClusterModel | None:
    """The scope's cluster; with `nodes`, only when the config names its nodes or pools."""
    model = context.clusters.get(scope) if scope is not None else None
    return model if model is not None and (model.has_nodes or not nodes) else None


def endpoint_scope(document: Document, context: ProjectContext) -> str | None:
    """A Kubernetes endpoint's cluster scope, by its compute."""
    if not context.settings.clusters:
        return DEFAULT_SCOPE
    compute = compute_name(document.get("/compute"))
    for cluster in context.settings.clusters:
        if compute is not None and compute in cluster.computes:
            return cluster.name
    return None


def instance_type_fit(document: Document, context: ProjectContext) -> Fit | None:
    """An InstanceType's pods (no overhead: jobs and deployments share it; AML703 adds the
    deployments' at the deployment) on its scope's nodes; None without nodes, or when its
    selector holds a placeholder."""
    if "cluster_fit" not in document.memo:
        document.memo["cluster_fit"] = _instance_type_fit(document, context)
    return document.memo["cluster_fit"]


def _instance_type_fit(document: Document, context: ProjectContext) -> Fit | None:
    model = model_of(context, scope_of_definition(context.settings, document.path))
    definition = instance_type_def(document) if model is not None else None
    if model is None or definition is None:
        return None
    selector = definition.node_selector
    if any(is_placeholder(k) or is_placeholder(v) for k, v in selector.items()):
        return None
    return definition_fit(model, definition)


def definition_fit(model: ClusterModel, definition: InstanceTypeDef) -> Fit:
    """An instance type's pods, without overhead (a job's)."""
    resources = definition.resources
    demand = demand_of(resources.get("requests", {}), resources.get("limits", {}), NO_OVERHEAD)
    placement = place(model, effective_selector(model, definition.node_selector), demand)
    return Fit(
        model=model,
        own_selector=definition.node_selector,
        demand=demand,
        placement=placement,
        resources_pointer="/spec/resources",
        definition=definition,
    )


def deployment_fits(document: Document, context: ProjectContext) -> list[Fit]:
    """A Kubernetes deployment's pods (its own resources, else its instance type's, plus the
    per-pod overhead) on its instance type's nodes, where both are known."""
    if "cluster_fits" not in document.memo:
        document.memo["cluster_fits"] = _deployment_fits(document, context)
    return document.memo["cluster_fits"]


def _deployment_fits(document: Document, context: ProjectContext) -> list[Fit]:
    fits = []
    for resolution in resolve(document, context):
        model = model_of(context, resolution.scope)
        definition = resolution.definition
        if model is None or definition is None:
            continue
        selector = definition.node_selector
        if any(is_placeholder(k) or is_placeholder(v) for k, v in selector.items()):
            continue
        own = document.has("/resources")
        if own:
            texts: dict[str, dict[str, str | None]] = {"requests": {}, "limits": {}}
            for entry in resource_entries(document):
                texts[entry.section][entry.resource] = entry.text
        else:
            texts = {s: dict(definition.resources.get(s, {})) for s in ("requests", "limits")}
        demand = demand_of(texts["requests"], texts["limits"], DEPLOYMENT_OVERHEAD)
        placement = place(model, effective_selector(model, selector), demand)
        fits.append(
            Fit(
                model=model,
                own_selector=selector,
                demand=demand,
                placement=placement,
                resources_pointer="/resources",
                definition=definition,
                own_resources=own,
            )
        )
    return fits


def node_related(node: ClusterNode, where: str, message: str) -> Location:
    """A related location at a part of a node (`taints/0`, `allocatable/cpu`), or at its
    name when that part has no span."""
    span = node.span(where) or node.span("name") or Span(1, 1, 1, 1)
    return Location(node.path, span).related(f"{node.label}: {message}")


def setting_related(model: ClusterModel, key: str) -> tuple[Location, ...]:
    """The extension setting `key` as a related location (the file's object when unset)."""
    settings = model.settings
    if settings is None:
        return ()
    value = settings.get(key)
    message = f"{key} is not set" if value is None else f'{key}: "{value}"'
    return (Location(settings.path, settings.span(key)).related(message),)


def selector_text(selector: Mapping[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in selector.items()) or "(none)"
