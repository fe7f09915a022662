"""The workloads of a document: what runs on an instance type, and on which compute.

A command or sweep job is one workload; a pipeline job is one per step (a step inherits
`settings.default_compute`, or the pipeline's `compute`, unless it sets its own); a Kubernetes
online deployment is one (its compute is its endpoint's). Spark steps, sub-pipelines and
data-movement steps have no Kubernetes instance type and are left out.
"""

from __future__ import annotations

from typing import NamedTuple

from linter.core import pointer as jp
from linter.domain.templating import is_placeholder
from linter.source.document import Document
from linter.source.kinds import Kind

# Pipeline step types that never run on an InstanceType (spark has its own resources schema).
_NOT_ON_INSTANCE_TYPES = frozenset({"spark", "pipeline", "data_transfer", "import"})
_COMPUTE_PREFIX = "azureml:"
_DEPLOYMENT_ANCHORS = ("/type", "/$schema", "/name")


class Workload(NamedTuple):
    """One job, pipeline step or deployment."""

    pointer: str  # "" for the document itself, `/jobs/<step>` for a pipeline step
    label: str  # for messages: "the job", 'pipeline step "train"', "the deployment"
    compute: str | None  # the compute name it runs on; None when none or not a literal
    compute_pointer: str | None  # where that compute is written (maybe the pipeline's default)
    is_deployment: bool = False

    @property
    def instance_type_pointer(self) -> str:
        if self.is_deployment:
            return "/instance_type"
        return jp.join(self.pointer, "resources", "instance_type")

    @property
    def resources_pointer(self) -> str:
        return jp.join(self.pointer, "resources")


def workloads(document: Document) -> list[Workload]:
    if document.kind is Kind.KUBERNETES_DEPLOYMENT:
        return [
            Workload(
                pointer="",
                label="the deployment",
                compute=None,
                compute_pointer=None,
                is_deployment=True,
            )
        ]
    if document.kind in (Kind.COMMAND_JOB, Kind.SWEEP_JOB):
        compute, compute_pointer = _compute_at(document, "/compute")
        return [
            Workload(pointer="", label="the job", compute=compute, compute_pointer=compute_pointer)
        ]
    if document.kind is Kind.PIPELINE_JOB:  # worked out once: schema, facts and rules ask
        if "pipeline_steps" not in document.memo:
            document.memo["pipeline_steps"] = _pipeline_steps(document)
        return list(document.memo["pipeline_steps"])
    return []


def _pipeline_steps(document: Document) -> list[Workload]:
    default = next((p for p in ("/settings/default_compute", "/compute") if document.has(p)), None)
    steps = []
    for name, step in document.mapping("/jobs").items():
        if not isinstance(step, dict) or not runs_on_instance_type(step):
            continue
        base = jp.join("/jobs", name)
        own = jp.join(base, "compute")
        where = own if step.get("compute") is not None else default
        compute, compute_pointer = _compute_at(document, where) if where else (None, None)
        steps.append(
            Workload(
                pointer=base,
                label=f'pipeline step "{name}"',
                compute=compute,
                compute_pointer=compute_pointer,
            )
        )
    return steps


def runs_on_instance_type(step: dict[str, object]) -> bool:
    """Whether a pipeline step's `resources` is a job's (not Spark's, which has runtime_version)."""
    step_type = step.get("type")
    if isinstance(step_type, str) and step_type.strip().lower() in _NOT_ON_INSTANCE_TYPES:
        return False
    resources = step.get("resources")
    return not (isinstance(resources, dict) and "runtime_version" in resources)


def _compute_at(document: Document, pointer: str) -> tuple[str | None, str | None]:
    if not document.has(pointer):
        return None, None
    return compute_name(document.get(pointer)), pointer


def compute_name(value: object) -> str | None:
    """`azureml:k8s`, `k8s` or an ARM id ending in `/computes/k8s` -> `k8s`; None otherwise."""
    if not isinstance(value, str) or is_placeholder(value):
        return None
    text = value.strip()
    if text[: len(_COMPUTE_PREFIX)].lower() == _COMPUTE_PREFIX:
        text = text[len(_COMPUTE_PREFIX) :]
    if "/" not in text:
        return text or None
    head, _, name = text.rstrip("/").rpartition("/")
    return name if head.lower().endswith("/computes") and name else None


def literal_instance_type(document: Document, workload: Workload) -> str | None:
    """The instance type name the workload writes, if it is a literal name."""
    value = document.get(workload.instance_type_pointer)
    if isinstance(value, str) and value.strip() and not is_placeholder(value):
        return value
    return None


def anchor(document: Document, workload: Workload) -> tuple[str, str]:
    """Where to report something about a workload as a whole, as (pointer, "value"|"key"):
    a deployment's `type`; a job's compute; a pipeline step that inherits its compute."""
    if workload.is_deployment:
        return next((p for p in _DEPLOYMENT_ANCHORS if document.has(p)), ""), "value"
    if workload.compute_pointer == jp.join(workload.pointer, "compute") or not workload.pointer:
        return workload.compute_pointer or "", "value"
    return workload.pointer, "key"
