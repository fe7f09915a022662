"""`amlarc-lint context`: what the linter believes about each cluster scope — its
instance-type files and names, its computes, its nodes and pools with their allocatable,
the extension settings, and where each instance type fits. Text for people, JSON
(`--format json`, versioned) for tools."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from linter.domain.cluster import GPU, ClusterModel, allocatable, has_gpu_nodes, largest
from linter.project.cluster_fit import Fit, definition_fit, selector_text
from linter.project.context import DEFAULT_SCOPE, InstanceTypeDef, ProjectContext
from linter.source.node_snapshot import ClusterNode

JSON_VERSION = 1  # the shape below; a change that removes or renames a field bumps it
SHOWN_NODES = 20  # the text lists this many nodes per scope (JSON lists every one)
SHOWN_NAMES = 5


def describe(context: ProjectContext) -> dict[str, Any]:
    """The context as plain data (the JSON output)."""
    return {
        "version": JSON_VERSION,
        "scopes": [_scope(context, name) for name in _scope_names(context)],
    }


def _scope_names(context: ProjectContext) -> list[str]:
    names = [cluster.name for cluster in context.settings.clusters]
    if not names or context.definitions.get(DEFAULT_SCOPE):
        names.insert(0, DEFAULT_SCOPE)
    return names


def _scope(context: ProjectContext, name: str) -> dict[str, Any]:
    settings = context.settings
    cluster = next((c for c in settings.clusters if c.name == name), None)
    definitions = [found[0] for found in context.definitions.get(name, {}).values()]
    model = context.clusters.get(name)
    return {
        "name": name,
        "instance_type_globs": list(cluster.instance_types) if cluster else [],
        "instance_type_files": sorted({d.path for d in definitions}),
        "instance_types": [_instance_type(d, model) for d in definitions],
        "known_instance_types": list(settings.known_instance_types),
        "computes": _computes(context, name),
        "nodes": [_node(n) for n in model.nodes if not n.pool] if model else [],
        "node_pools": [_node(n) for n in model.nodes if n.pool] if model else [],
        "extension_settings": _extension(model) if model else None,
    }


def _computes(context: ProjectContext, name: str) -> list[str]:
    settings = context.settings
    cluster = next((c for c in settings.clusters if c.name == name), None)
    if cluster is not None:
        return sorted(cluster.computes)
    if settings.clusters:  # the default scope beside clusters: computes no cluster lists
        listed = {c for cluster in settings.clusters for c in cluster.computes}
    else:
        listed = set()
    every = set(context.attached_computes) | set(context.endpoint_computes.values())
    return sorted((every | set(settings.kubernetes_computes)) - listed)


def _instance_type(definition: InstanceTypeDef, model: ClusterModel | None) -> dict[str, Any]:
    location = definition.location("/metadata/name")
    found: dict[str, Any] = {
        "name": definition.name,
        "path": definition.path,
        "line": location.span.start_line if location else None,
        "node_selector": dict(definition.node_selector),
        "requests": dict(definition.resources.get("requests", {})),
        "limits": dict(definition.resources.get("limits", {})),
    }
    if model is not None and model.has_nodes:
        fit = definition_fit(model, definition)
        found["fits"] = {
            "nodes": [n.name for n in fit.placement.fitting if not n.pool],
            "node_pools": [n.name for n in fit.placement.fitting if n.pool],
            "problem": None if fit.placement.fitting else fit_problem(fit),
        }
    return found


def fit_problem(fit: Fit) -> str:
    """Why no node or pool takes the instance type's pods, in a phrase."""
    placement = fit.placement
    if not placement.labelled:
        return f"no node carries {selector_text(placement.selector)}"
    if not placement.usable:
        return "the nodes that carry its labels are not Ready or are cordoned"
    if not placement.tolerated:
        taints = sorted({str(taint) for _, taint in placement.blocking})
        return f"a taint Azure ML does not tolerate ({', '.join(taints)})"
    if fit.demand.gpu > 0 and not has_gpu_nodes(fit.model):
        return "a GPU is asked for and no node has nvidia.com/gpu"
    for resource in ("cpu", "memory", GPU):
        need = fit.demand.gpu if resource == GPU else fit.demand.needs(resource)
        node = largest(placement.tolerated, resource)
        if need > allocatable(node, resource):
            return f"its {resource} is more than any node's allocatable"
    return "no node holds all of its requests at once"


def _node(node: ClusterNode) -> dict[str, Any]:
    span = node.span("name")
    found: dict[str, Any] = {
        "name": node.name,
        "path": node.path,
        "line": span.start_line if span else None,
        "labels": dict(node.labels),
        "taints": [str(t) for t in node.taints],
        "allocatable": dict(node.allocatable),
    }
    if node.pool:
        found.update({"min_count": node.min_count, "max_count": node.max_count})
    else:
        found.update({"ready": node.ready, "unschedulable": node.unschedulable})
    return found


def _extension(model: ClusterModel) -> dict[str, Any] | None:
    settings = model.settings
    if settings is None:
        return None
    return {
        "path": settings.path,
        "training": settings.is_true("enableTraining"),
        "inference": settings.is_true("enableInference"),
        "node_selector": dict(model.extension_selector),
        "tolerations": [
            {"key": t.key, "operator": t.operator, "value": t.value, "effect": t.effect}
            for t in model.tolerations
        ],
    }


def render_json(context: ProjectContext) -> str:
    return json.dumps(describe(context), indent=2, sort_keys=False) + "\n"


def render_text(context: ProjectContext) -> str:
    return "".join(f"{line}\n" for line in _text(describe(context)))


def _text(described: dict[str, Any]) -> Iterator[str]:
    for number, scope in enumerate(described["scopes"]):
        if number:
            yield ""
        name = scope["name"]
        yield f'cluster scope "{name}"' if name else "cluster scope (the whole project)"
        globs = ", ".join(scope["instance_type_globs"]) or "every file not in a cluster's globs"
        yield f"  instance-type files ({globs}): {_names(scope['instance_type_files'])}"
        yield f"  instance types: {_names([t['name'] for t in scope['instance_types']])}"
        if scope["known_instance_types"]:
            yield f"  known instance types (config): {', '.join(scope['known_instance_types'])}"
        yield f"  Kubernetes computes: {_names(scope['computes'])}"
        extension = scope["extension_settings"]
        if extension is not None:
            selector = selector_text(extension["node_selector"])
            yield (
                f"  extension settings ({extension['path']}): training "
                f"{'on' if extension['training'] else 'off'}, inference "
                f"{'on' if extension['inference'] else 'off'}, nodeSelector {selector}"
            )
        yield from _node_lines(scope)
        fitting = [t for t in scope["instance_types"] if "fits" in t]
        if fitting:
            yield "  where the instance types fit:"
            for instance_type in fitting:
                fits = instance_type["fits"]
                where = fits["nodes"] + [f"pool {p}" for p in fits["node_pools"]]
                shown = _names(where) if where else f"nowhere: {fits['problem']}"
                yield f"    {instance_type['name']}: {shown}"


def _node_lines(scope: dict[str, Any]) -> Iterator[str]:
    nodes, pools = scope["nodes"], scope["node_pools"]
    if nodes:
        usable = sum(1 for n in nodes if n["ready"] and not n["unschedulable"])
        yield f"  nodes: {len(nodes)} ({usable} Ready and schedulable)"
        for node in nodes[:SHOWN_NODES]:
            state = "" if node["ready"] else " [not Ready]"
            state += " [cordoned]" if node["unschedulable"] else ""
            yield f"    {node['name']}{state}  {_describe(node)}"
        if len(nodes) > SHOWN_NODES:
            yield f"    ... and {len(nodes) - SHOWN_NODES} more (--format json lists every node)"
    if pools:
        yield f"  node pools: {len(pools)}"
        for pool in pools:
            counts = f"min-count {pool['min_count']}, max-count {pool['max_count']}"
            yield f"    {pool['name']}  {counts}  {_describe(pool)}"


def _describe(node: dict[str, Any]) -> str:
    allocatable = ", ".join(f"{k} {v}" for k, v in node["allocatable"].items()) or "none"
    parts = [f"allocatable {allocatable}", f"labels {selector_text(node['labels'])}"]
    if node["taints"]:
        parts.append(f"taints {', '.join(node['taints'])}")
    return "  ".join(parts)


def _names(names: list[str]) -> str:
    if not names:
        return "(none)"
    more = len(names) - SHOWN_NAMES
    return ", ".join(names[:SHOWN_NAMES]) + (f" and {more} more" if more > 0 else "")



def run_context(start: Path, config_path: Path | None, isolated: bool, output_format: str) -> int:
    """Settings -> project context -> text or JSON on standard output; exit 0, or 2 for a
    bad config or cluster file."""
    from linter.config.errors import ConfigError
    from linter.discovery.configs import load_settings
    from linter.engine.passes import project_context

    try:
        settings = load_settings(start, config_path, isolated)
        context = project_context(settings)
    except ConfigError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(render_json(context) if output_format == "json" else render_text(context))
    return 0
