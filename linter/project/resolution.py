"""Which InstanceType each workload of a document runs on (docs/DOCUMENT-KINDS.md).

`instance_type` names a Kubernetes InstanceType only on Kubernetes compute: always for a
Kubernetes deployment; for a job or pipeline step when its compute is attached in the repo
(compute attach file or a Kubernetes endpoint's compute), listed in `kubernetes-computes` or
a cluster's `computes`, or when it names an instance type the repo defines or knows (then
the other workloads of the document on that compute are Kubernetes too). Anything else
(AmlCompute, serverless, a VM size such as `Standard_DS3_v2`) is never resolved.

Names resolve in the cluster scope of the compute. With `clusters` configured, a workload
whose compute no cluster lists (or a deployment whose endpoint is not in the repo) has no
known scope: a name any scope defines is accepted, and resolved when only one scope does.
"""

from __future__ import annotations

from typing import NamedTuple

from linter.core.quantity import Quantity, QuantityError, parse_quantity
from linter.domain.templating import is_placeholder
from linter.domain.workloads import Workload, literal_instance_type, workloads
from linter.project.context import (
    BUILTIN_DEFAULT,
    DEFAULT_INSTANCE_TYPE,
    DEFAULT_SCOPE,
    InstanceTypeDef,
    ProjectContext,
)
from linter.source.document import Document


class Resolution(NamedTuple):
    workload: Workload
    scope: str | None  # the cluster scope; None when it cannot be told (see the module doc)
    named: bool  # the workload writes an instance_type (literal or not)
    name: str | None  # the literal name it writes, or DEFAULT_INSTANCE_TYPE when it writes none
    known: bool  # the scope defines the name, or it is listed in known-instance-types
    definition: InstanceTypeDef | None  # what it runs on, when that is known exactly

    @property
    def checkable(self) -> bool:
        """False for a placeholder or an expression such as `${{parent.inputs.type}}`."""
        return self.name is not None


def resolve(document: Document, context: ProjectContext) -> list[Resolution]:
    """The Kubernetes workloads of the document, each with its instance type (worked out once
    per document: AML401-403 and AML408 all ask)."""
    resolutions = document.memo.get("resolutions")
    if resolutions is None:
        resolutions = document.memo["resolutions"] = _resolve(document, context)
    return resolutions


def _resolve(document: Document, context: ProjectContext) -> list[Resolution]:
    found = workloads(document)
    written = {w: literal_instance_type(document, w) for w in found}
    proven = {w.compute for w in found if w.compute and _is_evidence(context, written[w])}
    resolutions = []
    for workload in found:
        name, compute = written[workload], workload.compute
        on_kubernetes_compute = compute is not None and (
            compute in proven or context.is_kubernetes_compute(compute)
        )
        if workload.is_deployment or on_kubernetes_compute or _is_evidence(context, name):
            resolutions.append(_resolution(document, context, workload, name))
    return resolutions


def _is_evidence(context: ProjectContext, name: str | None) -> bool:
    """Whether naming `name` shows that the workload runs on Kubernetes."""
    return name is not None and (
        name == DEFAULT_INSTANCE_TYPE
        or context.defines_anywhere(name)
        or name in context.removed  # it ran on Kubernetes before this commit
        or name in context.settings.known_instance_types
    )


def _resolution(
    document: Document, context: ProjectContext, workload: Workload, written: str | None
) -> Resolution:
    scope = _scope(document, context, workload)
    named = document.has(workload.instance_type_pointer)
    name = written if named else DEFAULT_INSTANCE_TYPE
    if name is None:
        return Resolution(
            workload=workload, scope=scope, named=named, name=None, known=True, definition=None
        )
    found = [d for s in scopes_of(context, scope) if (d := context.lookup(s, name)) is not None]
    # Not defined in those scopes: known only as the default or a listed name.
    known = bool(found) or name in (DEFAULT_INSTANCE_TYPE, *context.settings.known_instance_types)
    if len(found) == 1:
        definition: InstanceTypeDef | None = found[0]
    else:
        definition = BUILTIN_DEFAULT if name == DEFAULT_INSTANCE_TYPE and not found else None
    return Resolution(
        workload=workload, scope=scope, named=named, name=name, known=known, definition=definition
    )


def _scope(document: Document, context: ProjectContext, workload: Workload) -> str | None:
    if not context.settings.clusters:
        return DEFAULT_SCOPE
    compute = workload.compute
    if workload.is_deployment:
        endpoint = document.get("/endpoint_name")
        compute = context.endpoint_computes.get(endpoint) if isinstance(endpoint, str) else None
        compute = compute or None  # a managed endpoint has no cluster
    for cluster in context.settings.clusters:
        if compute is not None and compute in cluster.computes:
            return cluster.name
    return None


def scopes_of(context: ProjectContext, scope: str | None) -> list[str]:
    """The cluster scopes whose instance types a workload in `scope` may use: its own, or
    every scope when its scope cannot be told (None)."""
    return [scope] if scope is not None else list(context.definitions)


def known_names(context: ProjectContext, scope: str | None) -> set[str]:
    """The names a workload in `scope` may use (every scope's when it is None)."""
    names = {DEFAULT_INSTANCE_TYPE}
    for each in scopes_of(context, scope):
        names |= context.known_names(each)
    return names


def definition_quantity(
    definition: InstanceTypeDef, section: str, resource: str
) -> Quantity | None:
    """An instance type's amount of a resource, when it is set and a valid quantity."""
    text = definition.quantity(section, resource)
    if text is None or is_placeholder(text):
        return None
    try:
        return parse_quantity(text)
    except QuantityError:
        return None


def definition_label(definition: InstanceTypeDef) -> str:
    """How messages name an instance type: `instance type "gpu"`, `the built-in "..."`."""
    if definition.builtin:
        return f'the built-in "{definition.name}"'
    return f'instance type "{definition.name}"'
