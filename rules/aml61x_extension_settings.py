"""AML611-AML612: the Azure ML extension's settings, as the config's `extension-settings`
file records them: a feature the workloads need that is off, and settings that are unknown
or missing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.core.spelling import closest_match
from linter.domain.workloads import anchor
from linter.project.cluster_fit import endpoint_scope, model_of, setting_related
from linter.project.resolution import resolve
from linter.rule import (
    Document,
    Kind,
    Location,
    ProjectContext,
    Report,
    Severity,
    project_rule,
    rule,
)
from linter.source.kinds import JOB_KINDS
from linter.source.node_snapshot import ExtensionSettings

# The documented configuration settings (Azure ML docs, "Deploy Azure Machine Learning
# extension": the configuration settings tables, current and earlier versions), those the
# Azure CLI's k8s-extension sets itself when it installs the extension (`az k8s-extension
# show` prints them too), and the operator settings that rules read.
DOCUMENTED = frozenset(
    {
        "enableTraining",
        "enableInference",
        "allowInsecureConnections",
        "inferenceRouterServiceType",
        "internalLoadBalancerProvider",
        "sslSecret",
        "sslCname",
        "sslCertPemFile",
        "sslKeyPemFile",
        "inferenceRouterHA",
        "installNvidiaDevicePlugin",
        "installPromOp",
        "installVolcano",
        "installDcgmExporter",
        "logAnalyticsWS",
        "installBlobfuseSysctl",
        "installBlobfuseFlexvol",
        "privateEndpointNodeport",
        "privateEndpointILB",
        "inferenceLoadBalancerHA",
        "openshift",
        "amloperator.skipResourceValidation",
    }
)
SET_BY_THE_CLI = frozenset(
    {
        "cluster_name",
        "cluster_name_friendly",
        "clusterId",
        "clusterPurpose",
        "domain",
        "location",
        "jobSchedulerLocation",
        "isAKSMigration",
        "prometheus.prometheusSpec.externalLabels.cluster_name",
        "relayserver.enabled",
        "relayserver.hybridConnectionResourceID",
        "relayserver.hybridConnectionName",
        "relayServerConnectionString",
        "servicebus.enabled",
        "servicebus.resourceID",
        "servicebus.topicSubMapping",
        "serviceBusConnectionString",
        "nginxIngress.enabled",
        "azure_log_analytics.enabled",
        "azure_log_analytics.customer_id",
        "scoringFe.namespace",
        "scoringFe.sslSecret",
        "scoringFe.serviceType.nodePort",
        "scoringFe.serviceType.internalLoadBalancer",
    }
)
KNOWN = DOCUMENTED | SET_BY_THE_CLI
# Settings that hold a map or a list, flattened: nodeSelector.<label>, workLoadToleration[0].key
_FAMILIES = re.compile(
    r"nodeSelector\..+|workLoadToleration(\[\d+\]|\.\d+)\.(key|operator|value|effect)"
)
SERVICE_TYPES = ("loadBalancer", "nodePort", "clusterIP")


@rule(
    "AML611",
    "extension-feature-disabled",
    Severity.ERROR,
    JOB_KINDS | {Kind.KUBERNETES_DEPLOYMENT, Kind.KUBERNETES_ENDPOINT},
    cross_file=True,
)
def extension_feature_disabled(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A job on a cluster whose extension does not enable training, or a Kubernetes
    endpoint or deployment on one that does not enable inference.

    ## What it checks
    Only with `extension-settings` in the config. A job (or pipeline step) on Kubernetes
    compute of the cluster, when the settings do not set `enableTraining` to `True`; a
    Kubernetes online endpoint or deployment, when they do not set `enableInference` to
    `True` (both default to `False`). Reported at the job's compute, the deployment's
    `type`, or the endpoint's `compute`, with the setting as a related location.

    ## Why
    The Azure ML docs (Deploy Azure Machine Learning extension, configuration settings):
    `enableTraining` "must be set to True" for training and batch scoring, and
    `enableInference` for inference. Without them the extension installs no training
    operator or no inference router, and `az ml job create` or `az ml online-endpoint
    create` on that compute fails.

    ## Example
    Extension settings `{"enableInference": "True"}` and a command job on the cluster's
    compute.

    ## Use instead
    `{"enableTraining": "True", "enableInference": "True"}`, after updating the extension
    (`az k8s-extension update ... --config enableTraining=True`).

    ## Options
    `extension-settings` (config). Without it, this rule is silent.
    """
    if document.kind is Kind.KUBERNETES_ENDPOINT:
        model = model_of(context, endpoint_scope(document, context), nodes=False)
        where = "/compute" if document.has("/compute") else "/name"
        yield from _disabled(document, model, "enableInference", "inference", where)
        return
    setting, feature = (
        ("enableInference", "inference")
        if document.kind is Kind.KUBERNETES_DEPLOYMENT
        else ("enableTraining", "training")
    )
    for resolution in resolve(document, context):
        model = model_of(context, resolution.scope, nodes=False)
        pointer, _ = anchor(document, resolution.workload)
        yield from _disabled(document, model, setting, feature, pointer)


def _disabled(document, model, setting: str, feature: str, pointer: str) -> Iterator[Report]:  # type: ignore[no-untyped-def]
    settings = model.settings if model is not None else None
    if settings is None or settings.is_true(setting):
        return
    value = settings.get(setting)
    state = f'sets {setting} to "{value}"' if value is not None else f"does not set {setting}"
    yield document.report(
        pointer,
        f"the cluster's Azure ML extension {state}, so it runs no {feature} workloads: "
        f"update the extension with {setting}=True",
        related=setting_related(model, setting),
    )


@project_rule("AML612", "extension-setting", Severity.ERROR)
def extension_setting(context: ProjectContext) -> Iterator[Report]:
    """An extension setting that is unknown, or one that another setting requires and that
    is missing.

    ## What it checks
    Only with `extension-settings` in the config; reported in that file. A key that is
    neither a documented configuration setting, nor one the Azure CLI sets when it installs
    the extension (`cluster_name`, `relayserver.enabled`, ...), nor a `nodeSelector.<label>`
    or `workLoadToleration[<n>].<field>` entry: did-you-mean. With `enableInference` on:
    `inferenceRouterServiceType` missing or not `loadBalancer`, `nodePort` or `clusterIP`;
    and, unless `allowInsecureConnections` is `True`, no HTTPS set up: neither `sslSecret`
    nor `sslCname` (which the CLI requires with the protected `sslCertPemFile` and
    `sslKeyPemFile`, which `az k8s-extension show` never prints).

    ## Why
    The Azure ML docs list the settings; a misspelt key (`enableTrainning`) is passed to
    the Helm chart and ignored, so the feature stays off. `az k8s-extension create` fails
    with "To use inference, please specify inferenceRouterServiceType..." and "To enable
    HTTPs endpoint, either provide sslCertPemFile and sslKeyPemFile ... or provide
    sslSecret ... Otherwise, to enable HTTP endpoint, explicitly set
    allowInsecureConnections=true" (Azure CLI k8s-extension, AzureML extension).

    ## Example
    ```json
    {"enableInference": "True", "enableTrainning": "True"}
    ```

    ## Use instead
    ```json
    {"enableInference": "True", "enableTraining": "True",
     "inferenceRouterServiceType": "loadBalancer", "allowInsecureConnections": "True"}
    ```

    ## Options
    `extension-settings` (config). Without it, this rule is silent.
    """
    seen: set[str] = set()
    for model in context.clusters.values():
        settings = model.settings
        if settings is None or settings.path in seen:
            continue
        seen.add(settings.path)
        yield from _unknown(settings)
        if settings.is_true("enableInference"):
            yield from _inference(settings)


def _at(settings: ExtensionSettings, key: str, message: str) -> Report:
    return Report("", message, location=Location(settings.path, settings.span(key)))


def _unknown(settings: ExtensionSettings) -> Iterator[Report]:
    for key in settings.values:
        if key in KNOWN or _FAMILIES.fullmatch(key):
            continue
        guess = closest_match(key, KNOWN)
        hint = f'; did you mean "{guess}"?' if guess else ""
        yield _at(
            settings,
            key,
            f'"{key}" is not an Azure ML extension setting; the extension ignores it{hint}',
        )


def _inference(settings: ExtensionSettings) -> Iterator[Report]:
    service = settings.get("inferenceRouterServiceType")
    if service is None:
        yield _at(
            settings,
            "enableInference",
            "enableInference is on, but inferenceRouterServiceType is not set; the extension "
            f"needs one of {', '.join(SERVICE_TYPES)}",
        )
    elif service.lower() not in (s.lower() for s in SERVICE_TYPES):
        yield _at(
            settings,
            "inferenceRouterServiceType",
            f'inferenceRouterServiceType "{service}" is not one of {", ".join(SERVICE_TYPES)}',
        )
    secure = any(settings.get(k) for k in ("sslSecret", "scoringFe.sslSecret", "sslCname")) or (
        settings.get("sslCertPemFile") and settings.get("sslKeyPemFile")
    )
    if not secure and not settings.is_true("allowInsecureConnections"):
        yield _at(
            settings,
            "allowInsecureConnections"
            if settings.get("allowInsecureConnections")
            else "enableInference",
            "enableInference is on without HTTPS (no sslSecret, no sslCname for the protected "
            "sslCertPemFile and sslKeyPemFile) and allowInsecureConnections is not True; the "
            "extension refuses to install: set up HTTPS, or allowInsecureConnections=True",
        )
