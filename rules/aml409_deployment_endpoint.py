"""AML409: a managed online deployment where a Kubernetes one belongs."""

from __future__ import annotations

from collections.abc import Iterator

from linter.project.context import MANAGED
from linter.project.resolution import scopes_of
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule


@rule(
    "AML409",
    "deployment-endpoint-mismatch",
    Severity.ERROR,
    {Kind.MANAGED_DEPLOYMENT, Kind.KUBERNETES_DEPLOYMENT},
    cross_file=True,
)
def deployment_endpoint_mismatch(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A deployment whose kind does not match its endpoint's, or a managed deployment naming an
    InstanceType.

    ## What it checks
    Managed online deployments (YAML without `type: kubernetes`, or Python
    `ManagedOnlineDeployment(...)`) whose `endpoint_name` is a Kubernetes online endpoint of
    this repository (YAML or Python `KubernetesOnlineEndpoint`), or whose `instance_type` is
    an InstanceType this repository defines; and Kubernetes online deployments whose
    endpoint is a managed online endpoint of this repository (YAML with the
    `managedOnlineEndpoint` `$schema` and no `compute`, or Python `ManagedOnlineEndpoint`).
    Endpoints that are not in the repository are not checked.

    ## Why
    An endpoint and its deployments share one compute type: a Kubernetes endpoint takes
    Kubernetes deployments only, and Azure ML rejects a managed deployment there. A managed
    deployment runs on Azure VMs: its `instance_type` is a VM size (`Standard_DS3_v2`), so
    naming a Kubernetes InstanceType there fails with an unknown SKU; it was meant as a
    Kubernetes deployment (`type: kubernetes` / `KubernetesOnlineDeployment`).

    ## Example
    ```yaml
    name: blue
    endpoint_name: k8s-endpoint   # a Kubernetes endpoint in this repository
    model: azureml:churn:1
    instance_type: gpu-t4         # an InstanceType in this repository
    ```

    ## Use instead
    ```yaml
    name: blue
    type: kubernetes
    endpoint_name: k8s-endpoint
    model: azureml:churn:1
    instance_type: gpu-t4
    ```

    ## Options
    None.
    """
    endpoint = document.get("/endpoint_name")
    compute = context.endpoint_computes.get(endpoint) if isinstance(endpoint, str) else None
    if document.kind is Kind.KUBERNETES_DEPLOYMENT:
        if compute == MANAGED:
            yield document.report(
                "/endpoint_name",
                f'endpoint "{endpoint}" is a managed online endpoint, but this is a Kubernetes '
                "online deployment: a managed endpoint takes managed deployments only; put it "
                "under a Kubernetes endpoint (KubernetesOnlineEndpoint with compute)",
            )
        return
    if compute:
        yield document.report(
            "/endpoint_name",
            f'endpoint "{endpoint}" is a Kubernetes online endpoint (compute "{compute}"), but '
            "this is a managed online deployment: make it a Kubernetes deployment "
            "(type: kubernetes, or KubernetesOnlineDeployment)",
        )
    name = document.get("/instance_type")
    if not isinstance(name, str):
        return
    found = next(
        (d for s in scopes_of(context, None) if (d := context.lookup(s, name)) is not None), None
    )
    if found is None:
        return
    where = found.location("/metadata/name")
    related = (where.related(f'instance type "{name}" is defined here'),) if where else ()
    yield document.report(
        "/instance_type",
        f'instance type "{name}" is a Kubernetes InstanceType of this repository, but a managed '
        "online deployment takes an Azure VM size here: make it a Kubernetes deployment "
        "(type: kubernetes, or KubernetesOnlineDeployment)",
        related=related,
    )
