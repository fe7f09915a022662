"""AML403: a Kubernetes deployment asks for more than its instance type's limits."""

from __future__ import annotations

from collections.abc import Iterator

from linter.project.context import InstanceTypeDef, resource_pointer
from linter.project.resolution import definition_label, definition_quantity, resolve
from linter.project.resource_lists import GPU, SUPPORTED_RESOURCES, ResourceEntry, resource_entries
from linter.rule import Document, Kind, Location, ProjectContext, Report, Severity, rule


@rule(
    "AML403",
    "exceeds-instance-type",
    Severity.ERROR,
    {Kind.KUBERNETES_DEPLOYMENT},
    cross_file=True,
)
def exceeds_instance_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A Kubernetes deployment's `resources` exceed its instance type's limits.

    ## What it checks
    For cpu, memory and GPU, the deployment's limit (or its request, where it sets no
    limit) against the limit of its instance type: the one `instance_type` names, or
    `defaultinstancetype` (the repository's override, else the built-in one: limits cpu `2`,
    memory `2Gi`, no GPU). Quantities are compared exactly (`1Gi` equals `1024Mi`). A GPU
    asked for on an instance type without one (no GPU limit, `null` or `0`) is reported
    too. Reported at the deployment's value, with a related location at the instance
    type's limit.

    Equal is allowed. The Azure ML docs say the deployment's limits "must be less than" the
    instance type's, but they mean "not above": a deployment that uses a whole 1-GPU
    instance type is the normal case, and the examples in the docs use equal values.

    ## Why
    Azure ML validates the deployment's resources against the instance type when it creates
    the deployment, and fails (often with an opaque "object reference not set" error) when
    they exceed it (Azure ML docs, "Create and manage instance types", resource section
    validation). If you define no resources section, the instance type's own resources
    are used.

    ## Example
    ```yaml
    type: kubernetes
    instance_type: gpu-t4        # limits: cpu "4", memory "16Gi", nvidia.com/gpu 1
    resources:
      requests: {cpu: "2", memory: "8Gi"}
      limits: {cpu: "8", memory: "16Gi", nvidia.com/gpu: "1"}
    ```

    ## Use instead
    ```yaml
    type: kubernetes
    instance_type: gpu-t4
    resources:
      requests: {cpu: "2", memory: "8Gi"}
      limits: {cpu: "4", memory: "16Gi", nvidia.com/gpu: "1"}
    ```

    ## Options
    None.
    """
    if not document.has("/resources"):
        return
    for resolution in resolve(document, context):
        if resolution.definition is not None:
            for resource, entry in _asked(document).items():
                yield from _compare(document, resolution.definition, resource, entry)


def _asked(document: Document) -> dict[str, ResourceEntry]:
    """Per resource, what the deployment may use: its limit, or its request when it sets
    no limit; values that are not quantities (reported elsewhere) are left out."""
    chosen: dict[str, ResourceEntry] = {}
    for entry in resource_entries(document):  # requests, then limits: a limit wins
        if entry.resource in SUPPORTED_RESOURCES:
            chosen[entry.resource] = entry
    return {r: e for r, e in chosen.items() if e.quantity is not None}


def _compare(
    document: Document, definition: InstanceTypeDef, resource: str, entry: ResourceEntry
) -> Iterator[Report]:
    asked = entry.quantity
    assert asked is not None
    pointer = resource_pointer("limits", resource)
    text = definition.quantity("limits", resource)
    cap = definition_quantity(definition, "limits", resource)
    what = f'{entry.place} {entry.shown}{"" if entry.section == "limits" else " (no limit set)"}'
    if resource == GPU and asked.value > 0 and (text is None or (cap and cap.value == 0)):
        message = f"{what} asks for a GPU, but {definition_label(definition)} has none"
        if pointer in definition.spans:
            related = _related(definition, pointer, f"its limits.{resource}")
        else:
            related = _related(definition, "/metadata/name", "defined here")
        yield document.report(entry.pointer, message, related=related)
    elif cap is not None and asked.value > cap.value:
        allowed = f"limits.{resource} {text}"
        message = (
            f"{what} is more than {definition_label(definition)} allows ({allowed}); ask for "
            "at most that, or choose a larger instance type"
        )
        related = _related(definition, pointer, f"its limits.{resource}")
        yield document.report(entry.pointer, message, related=related)


def _related(definition: InstanceTypeDef, pointer: str, what: str) -> tuple[Location, ...]:
    location = definition.location(pointer)
    if location is None:
        return ()
    return (location.related(f'instance type "{definition.name}": {what}'),)
