"""Keys in a document that does not take them: AML404 (endpoint), AML405 (deployment without
`type: kubernetes`), AML406 (job `instance_type` outside `resources`)."""

from __future__ import annotations

from collections.abc import Iterator

from linter.core import pointer as jp
from linter.core.fixes import MoveEntry
from linter.domain.workloads import workloads
from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule
from linter.source.kinds import DEPLOYMENT_KINDS, JOB_KINDS

_DEPLOYMENT_KEYS = ("instance_type", "resources")


@rule("AML404", "resources-in-endpoint", Severity.ERROR, {Kind.KUBERNETES_ENDPOINT})
def resources_in_endpoint(document: Document, context: ProjectContext) -> Iterator[Report]:
    """`resources` or `instance_type` in a Kubernetes online endpoint: they belong in the
    deployment.

    ## What it checks
    The top-level keys of a Kubernetes online endpoint (`$schema`
    kubernetesOnlineEndpoint, or an endpoint with `compute`).

    ## Why
    An endpoint only names the compute, the authentication and the traffic split; each
    deployment chooses its own instance type and resources. The endpoint schema has no such
    keys, so `az ml online-endpoint create` rejects them, and the deployments still run on
    `defaultinstancetype` (Azure ML CLI v2 YAML reference: Kubernetes online endpoint and
    deployment).

    ## Example
    ```yaml
    name: churn-endpoint
    compute: azureml:k8s-compute
    auth_mode: key
    instance_type: gpu-large
    ```

    ## Use instead
    ```yaml
    # endpoint.yaml
    name: churn-endpoint
    compute: azureml:k8s-compute
    auth_mode: key
    # deployment.yaml
    name: blue
    type: kubernetes
    endpoint_name: churn-endpoint
    instance_type: gpu-large
    ```

    ## Options
    None.
    """
    for key in _DEPLOYMENT_KEYS:
        if document.has(f"/{key}"):
            message = (
                f"{key} belongs in each online deployment (type: kubernetes), not in the "
                "endpoint: the endpoint schema has no such key; move it to the deployment YAML"
            )
            yield document.report(f"/{key}", message, at="key")


@rule("AML405", "missing-kubernetes-type", Severity.ERROR, DEPLOYMENT_KINDS)
def missing_kubernetes_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A deployment with a `resources` section but no `type: kubernetes`.

    ## What it checks
    Online deployments (managed or Kubernetes by their `$schema`) that have `resources`
    while `type` is absent or not `kubernetes`.

    ## Why
    The Azure ML CLI picks the deployment loader from `type` alone, whatever `$schema`
    says: without `type: kubernetes` the file is read as a managed online deployment, which
    has no `resources` key, so the create fails (and its `instance_type` would be read as an
    Azure VM size).

    ## Example
    ```yaml
    $schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
    name: blue
    endpoint_name: churn-endpoint
    resources:
      requests: {cpu: "1", memory: "2Gi"}
    ```

    ## Use instead
    ```yaml
    $schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
    name: blue
    type: kubernetes
    endpoint_name: churn-endpoint
    resources:
      requests: {cpu: "1", memory: "2Gi"}
    ```

    ## Options
    None.
    """
    declared = document.get("/type")
    if not document.has("/resources") or declared == "kubernetes":
        return
    loaded = "without type: kubernetes" if declared is None else f'with type "{declared}"'
    yield document.report(
        "/resources",
        f"resources is only accepted in a Kubernetes online deployment: {loaded} the CLI "
        "loads this file as a managed online deployment and rejects it; add type: kubernetes",
        at="key",
    )


@rule("AML406", "misplaced-instance-type", Severity.ERROR, JOB_KINDS, fixable=True)
def misplaced_instance_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """`instance_type` at the top level of a job, or under `compute:` (the 2021 preview
    syntax), instead of under `resources:`.

    ## What it checks
    Command and sweep jobs and the steps of a pipeline job. Fixable when it sits at the top
    level and `resources` has no `instance_type` yet: it is moved into `resources`.

    ## Why
    Azure ML CLI v2 reads the instance type from `resources.instance_type` only: at the top
    level it is an unknown field, and `compute` must be a string (`azureml:<name>`), so
    `compute: {target: ..., instance_type: ...}` from the 2021 preview docs is rejected.

    ## Example
    ```yaml
    jobs:
      train:
        command: python train.py
        instance_type: gpu-large
    ```

    ## Use instead
    ```yaml
    jobs:
      train:
        command: python train.py
        resources:
          instance_type: gpu-large
    ```

    ## Options
    None.
    """
    for workload in workloads(document):
        wanted = workload.instance_type_pointer
        top = jp.join(workload.pointer, "instance_type")
        if document.has(top):
            fix = None
            if not document.has(wanted):
                fix = MoveEntry(
                    source_pointer=top,
                    target_mapping_pointer=workload.resources_pointer,
                    description="move it under resources",
                )
            message = f"{jp.dotted(top)} is not a job field: write it as {jp.dotted(wanted)}"
            yield document.report(top, message, at="key", fix=fix)
        preview = jp.join(workload.pointer, "compute", "instance_type")
        if document.has(preview):
            message = (
                f"{jp.dotted(preview)} is the 2021 preview syntax, which the CLI rejects: write "
                f"compute: azureml:<name> and {jp.dotted(wanted)}"
            )
            yield document.report(preview, message, at="key")
