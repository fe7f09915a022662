"""AML407: an Azure ML registry environment in a Kubernetes online deployment."""

from __future__ import annotations

from collections.abc import Iterator

from linter.rule import Document, Kind, ProjectContext, Report, Severity, rule

_REGISTRY_PREFIX = "azureml://registries/"


@rule(
    "AML407", "registry-environment-on-kubernetes", Severity.ERROR, {Kind.KUBERNETES_DEPLOYMENT}
)
def registry_environment_on_kubernetes(
    document: Document, context: ProjectContext
) -> Iterator[Report]:
    """An `azureml://registries/...` environment in a Kubernetes online deployment.

    ## What it checks
    The `environment` of a Kubernetes online deployment, when it references an environment
    in an Azure ML registry (`azureml://registries/<registry>/environments/<name>/...`).
    Workspace environments (`azureml:<name>:<version>`) and inline environments (`image:`,
    `conda_file:`) are fine.

    ## Why
    Registry assets are not supported for Kubernetes online deployments (Azure ML docs,
    "Share models, components and environments across workspaces with registries",
    limitations): the create fails. Managed online deployments accept them.

    ## Example
    ```yaml
    type: kubernetes
    environment: azureml://registries/azureml/environments/sklearn-1.5/versions/1
    ```

    ## Use instead
    ```yaml
    type: kubernetes
    environment: azureml:sklearn-1.5:1
    ```

    ## Options
    None.
    """
    environment = document.get("/environment")
    if isinstance(environment, str) and environment.strip().lower().startswith(_REGISTRY_PREFIX):
        yield document.report(
            "/environment",
            "environments from an Azure ML registry are not supported in Kubernetes online "
            "deployments; register it in the workspace (azureml:<name>:<version>) or define "
            "it inline (image:, conda_file:)",
        )
