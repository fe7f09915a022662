"""AML408: an MLflow model deployment (no scoring script) with less than 2 CPU or 4 GB."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from linter.domain.workloads import anchor
from linter.project.context import InstanceTypeDef, resource_pointer
from linter.project.resolution import Resolution, definition_label, definition_quantity, resolve
from linter.project.resource_lists import CPU, MEMORY, resource_entries
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule

# resource -> (the minimum, how messages say it, what to write)
MINIMUM = {
    CPU: (Fraction(2), "2 CPU cores", '"2"'),
    MEMORY: (Fraction(4 * 10**9), "4 GB of memory", '"4Gi"'),
}
_NEEDS = "that an MLflow model deployed without a scoring script needs"


@rule(
    "AML408", "mlflow-minimum", Severity.WARNING, {Kind.KUBERNETES_DEPLOYMENT}, cross_file=True
)
def mlflow_minimum(document: Document, context: ProjectContext) -> Iterator[Report]:
    """An MLflow model deployment (no scoring script) requesting under 2 CPU or 4 GB.

    ## What it checks
    A Kubernetes online deployment of an MLflow model without `code_configuration` (Azure
    ML generates the scoring script and environment): its requested cpu must be at least
    `2` and its requested memory at least 4 GB (`4G`; `4Gi` is more). The requests are the
    deployment's `resources.requests`, or, without them, those of its instance type (the
    named one or `defaultinstancetype`, whose built-in requests are cpu `100m` and memory
    `2Gi`). A model reference (`azureml:<name>:<version>`) counts as MLflow, since only
    MLflow models deploy without a scoring script; an inline model counts when its `type`
    is `mlflow_model`. Custom containers (`model_mount_path`, an environment with
    `inference_config`) are left alone.

    ## Why
    The generated MLflow scoring server loads the model with its whole Python stack; the
    Azure ML docs ask for at least 2 CPU cores and 4 GB of memory for no-code MLflow
    deployments. Below that the container is killed or never becomes ready.

    ## Example
    ```yaml
    type: kubernetes
    model: azureml:churn-mlflow:1
    resources:
      requests: {cpu: "500m", memory: "1Gi"}
    ```

    ## Use instead
    ```yaml
    type: kubernetes
    model: azureml:churn-mlflow:1
    resources:
      requests:
        cpu: "2"
        memory: "4Gi"
    ```

    ## Options
    None.
    """
    if not _is_no_code_mlflow(document):
        return
    own = {e.resource: e for e in resource_entries(document, "requests") if e.resource in MINIMUM}
    if own:
        for resource, entry in own.items():
            minimum, needs, suggestion = MINIMUM[resource]
            if entry.quantity is not None and entry.quantity.value < minimum:
                message = f"{entry.place} {entry.shown} is less than the {needs} {_NEEDS}"
                yield document.report(entry.pointer, f"{message}; request at least {suggestion}")
        return
    for resolution in resolve(document, context):
        definition = resolution.definition
        if definition is not None:
            yield from _instance_type_too_small(document, resolution, definition)


def _instance_type_too_small(
    document: Document, resolution: Resolution, definition: InstanceTypeDef
) -> Iterator[Report]:
    """Without `resources`, the pod gets the instance type's requests."""
    small = []
    for resource, (minimum, needs, _) in MINIMUM.items():
        amount = definition_quantity(definition, "requests", resource)
        if amount is not None and amount.value < minimum:
            small.append((resource, needs))
    if not small:
        return
    shown = " and ".join(f"{r} {definition.quantity('requests', r)}" for r, _ in small)
    needs = " and ".join(n for _, n in small)
    message = (
        f"with no resources, the deployment gets the requests of {definition_label(definition)}"
        f" ({shown}), less than the {needs} {_NEEDS}; set resources.requests"
    )
    related = tuple(
        location.related(f"its requests.{r}")
        for r, _ in small
        if (location := definition.location(resource_pointer("requests", r))) is not None
    )
    if resolution.named:
        where, at = resolution.workload.instance_type_pointer, "value"
    else:
        where, at = anchor(document, resolution.workload)
    yield document.report(where, message, at=at, related=related)


def _is_no_code_mlflow(document: Document) -> bool:
    if document.has("/code_configuration") or document.has("/model_mount_path"):
        return False
    if document.has("/environment/inference_config"):
        return False
    model = document.get("/model")
    if isinstance(model, str):
        return True
    return isinstance(model, dict) and model.get("type") == "mlflow_model"
