"""AML402: a Kubernetes workload names no instance type and runs on `defaultinstancetype`."""

from __future__ import annotations

from collections.abc import Iterator

from linter.core import pointer as jp
from linter.domain.workloads import Workload, anchor
from linter.project.context import DEFAULT_INSTANCE_TYPE, RESOURCE_SECTIONS, InstanceTypeDef
from linter.project.resolution import Resolution, resolve
from linter.project.resource_lists import GPU
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule
from linter.source.kinds import JOB_KINDS


@rule(
    "AML402",
    "default-instance-type-fallback",
    Severity.INFO,
    JOB_KINDS | {Kind.KUBERNETES_DEPLOYMENT},
    cross_file=True,
)
def default_instance_type_fallback(
    document: Document, context: ProjectContext
) -> Iterator[Report]:
    """A Kubernetes workload without `instance_type` runs on `defaultinstancetype`; the
    message says which definition applies.

    ## What it checks
    A Kubernetes online deployment without `instance_type`, and a job or pipeline step on
    Kubernetes compute (see AML401 for how a compute is known to be Kubernetes) without
    `resources.instance_type`. When the cluster scope defines an InstanceType named
    `defaultinstancetype`, that override applies (related location: its definition);
    otherwise the built-in one does, and the message gives its resources. Reported at the
    deployment's `type`, at the job's `compute`, or at the pipeline step that inherits
    `settings.default_compute`.

    ## Why
    The built-in default is deliberately small: no nodeSelector, requests cpu `100m` and
    memory `2Gi`, limits cpu `2` and memory `2Gi`, no GPU. The docs' prose says an 8 GB
    memory limit while their YAML says `2Gi`; we follow the YAML, which the newest
    translations agree with. A training job that silently lands there runs out of memory or
    never sees a GPU (Azure ML docs, "Create and manage instance types": "strongly
    recommended to create custom instance types").

    ## Example
    ```yaml
    name: blue
    type: kubernetes
    endpoint_name: churn-endpoint
    model: azureml:churn-model:3
    ```

    ## Use instead
    ```yaml
    name: blue
    type: kubernetes
    endpoint_name: churn-endpoint
    model: azureml:churn-model:3
    instance_type: cpu-medium
    ```

    ## Options
    None. Add an InstanceType named `defaultinstancetype` to change the default, or
    `ignore = ["AML402"]` if the default is what you want.
    """
    for resolution in resolve(document, context):
        misplaced = jp.join(resolution.workload.pointer, "instance_type")  # AML406's
        if not resolution.named and not document.has(misplaced):
            yield _report(document, resolution)


def _report(document: Document, resolution: Resolution) -> Report:
    pointer, at = anchor(document, resolution.workload)
    head = f'{_no_instance_type(resolution.workload)}, so it gets "{DEFAULT_INSTANCE_TYPE}"'
    definition = resolution.definition
    if definition is None:
        return document.report(pointer, f"{head} of its cluster", at=at)
    if definition.builtin:
        message = f"{head}, the built-in one ({describe_resources(definition)})"
        return document.report(pointer, message + "; set instance_type to choose", at=at)
    where = definition.location("/metadata/name")
    message = f"{head} as this repository defines it ({describe_resources(definition)})"
    related = (where.related("the defaultinstancetype override"),) if where else ()
    return document.report(pointer, message, at=at, related=related)


def _no_instance_type(workload: Workload) -> str:
    if workload.is_deployment:
        return "the Kubernetes deployment has no instance_type"
    inherited = workload.compute_pointer != jp.join(workload.pointer, "compute")
    source = f" ({jp.dotted(workload.compute_pointer or '')})" if inherited else ""
    compute = f'Kubernetes compute "{workload.compute}"{source}'
    return f"{workload.label} runs on {compute} with no resources.instance_type"


def describe_resources(definition: InstanceTypeDef) -> str:
    """`requests cpu 100m, memory 2Gi; limits cpu 2, memory 2Gi, no GPU`."""
    parts = []
    for section in RESOURCE_SECTIONS:
        values = definition.resources.get(section, {})
        shown = [f"{name} {text}" for name, text in values.items() if name != GPU and text]
        if section == "limits":
            gpu = values.get(GPU)
            shown.append(f"{GPU} {gpu}" if gpu not in (None, "0") else "no GPU")
        if shown:
            parts.append(f"{section} {', '.join(shown)}")
    return "; ".join(parts)
