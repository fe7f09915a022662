"""The kinds of YAML document amlarc-lint understands, told apart by content
(docs/DOCUMENT-KINDS.md)."""

from __future__ import annotations

import enum
import re
from typing import Any

AMLARC_GROUP = "amlarc.azureml.com"


class Kind(enum.Enum):
    INSTANCE_TYPE = "InstanceType"
    INSTANCE_TYPE_LIST = "InstanceTypeList"
    AMLARC_OTHER = "amlarc.azureml.com resource"
    COMMAND_JOB = "command job"
    SWEEP_JOB = "sweep job"
    PIPELINE_JOB = "pipeline job"
    KUBERNETES_DEPLOYMENT = "Kubernetes online deployment"
    MANAGED_DEPLOYMENT = "managed online deployment"
    KUBERNETES_ENDPOINT = "Kubernetes online endpoint"
    MANAGED_ENDPOINT = "managed online endpoint"  # only to tell its deployments apart (AML409)
    KUBERNETES_COMPUTE = "Kubernetes compute attach"
    # A Python file's azure-ai-ml calls and imports (`linter.python_documents`).
    PYTHON_SDK = "azure-ai-ml SDK usage"


INSTANCE_TYPE_KINDS = frozenset({Kind.INSTANCE_TYPE})
AMLARC_KINDS = frozenset({Kind.INSTANCE_TYPE, Kind.INSTANCE_TYPE_LIST, Kind.AMLARC_OTHER})
JOB_KINDS = frozenset({Kind.COMMAND_JOB, Kind.SWEEP_JOB, Kind.PIPELINE_JOB})
DEPLOYMENT_KINDS = frozenset({Kind.KUBERNETES_DEPLOYMENT, Kind.MANAGED_DEPLOYMENT})
# Documents read in the first pass: they make the project context (a Kubernetes endpoint
# tells which compute its deployments run on).
DEFINITION_KINDS = frozenset(
    {
        Kind.INSTANCE_TYPE,
        Kind.INSTANCE_TYPE_LIST,
        Kind.AMLARC_OTHER,
        Kind.KUBERNETES_COMPUTE,
        Kind.KUBERNETES_ENDPOINT,
        Kind.MANAGED_ENDPOINT,
    }
)

_SCHEMA_KINDS = {
    "commandjob": Kind.COMMAND_JOB,
    "sweepjob": Kind.SWEEP_JOB,
    "pipelinejob": Kind.PIPELINE_JOB,
    "kubernetesonlinedeployment": Kind.KUBERNETES_DEPLOYMENT,
    "managedonlinedeployment": Kind.MANAGED_DEPLOYMENT,
    "kubernetesonlineendpoint": Kind.KUBERNETES_ENDPOINT,
    "kubernetescompute": Kind.KUBERNETES_COMPUTE,
}
_JOB_TYPES = {"command": Kind.COMMAND_JOB, "sweep": Kind.SWEEP_JOB, "pipeline": Kind.PIPELINE_JOB}
_JOB_KEYS = {Kind.COMMAND_JOB: "command", Kind.SWEEP_JOB: "trial", Kind.PIPELINE_JOB: "jobs"}
_COMMAND_JOB_KEYS = ("environment", "compute", "code", "resources")
_ENDPOINT_KEYS = ("auth_mode", "traffic", "mirror_traffic")
# A batch deployment (`az ml batch-deployment`) names its AmlCompute cluster, which an online
# deployment never does, and has batch settings; its `resources` is instance_count only.
_BATCH_DEPLOYMENT_KEYS = (
    "compute",
    "mini_batch_size",
    "max_concurrency_per_instance",
    "output_action",
    "output_file_name",
    "retry_settings",
    "error_threshold",
)
_NOT_ENDPOINT_KEYS = ("endpoint_name", "model", "command", "jobs", "trial", "resource_id")

# Bytes one of which every document we classify must contain; the rest is never parsed.
PREFILTER_TOKENS = (
    b"amlarc.azureml.com",
    b"azureml",
    b"command",
    b"trial",
    b"jobs",
    b"kubernetes",
    b"endpoint_name",
    b"instance_type",
    b"auth_mode",
    b"traffic",
)


# A file that does not parse is reported only if it is ours beyond doubt (a Helm template
# mentions "kubernetes" but is not our business).
STRONG_TOKENS = (b"amlarc.azureml.com", b"azureml", b"instance_type", b"endpoint_name")
# Go template actions (`{{- if .Values.x }}`, `{{ .Release.Name }}`, `{{ end }}`): a Helm
# template is not YAML until it is rendered, even when it names an azureml image. Mustache
# placeholders such as `{{endpoint_name}}` in a deployment file do not count.
_GO_TEMPLATE_ACTION = re.compile(
    rb"\{\{-|-\}\}|\{\{\s*(?:[.$]|(?:if|else|end|range|with|include|template|define|toYaml)\b)"
)
# One of these is in every document that classifies as a DEFINITION_KINDS kind.
DEFINITION_TOKENS = (
    b"azureml.com",  # the amlarc group in any case (`AMLArc.azureml.com` is AML011's to report)
    b"resource_id",
    b"ubernetesCompute",
    b"OnlineEndpoint",
    b"onlineendpoint",
    b"auth_mode",
    b"traffic",
)


def looks_relevant(data: bytes) -> bool:
    return any(token in data for token in PREFILTER_TOKENS)


PYTHON_SUFFIXES = (".py", ".ipynb")
# The Python files' byte prefilter: a file that does not mention the SDK costs no parse.
SDK_MARKER = b"azure.ai.ml"
# Bytes one of which a Python file that may define a Kubernetes compute or endpoint holds.
_PYTHON_DEFINITION_TOKENS = (b"KubernetesCompute", b"OnlineEndpoint")


def is_python_path(path: str) -> bool:
    return path.endswith(PYTHON_SUFFIXES)


def is_notebook(path: str) -> bool:
    return path.endswith(".ipynb")


def python_prefilter(data: bytes) -> tuple[bool, bool]:
    """(mentions the SDK at all, may define a compute or endpoint): a Python file that does
    not mention `azure.ai.ml` is never parsed."""
    if SDK_MARKER not in data:
        return False, False
    return True, any(token in data for token in _PYTHON_DEFINITION_TOKENS)


# Files named on the command line are read as YAML whatever their extension (`job.yml.j2`),
# except those whose extension says they are another language: a Python script or a README
# that mentions `instance_type` is not a broken YAML file.
OTHER_LANGUAGES = frozenset((
    ".py", ".pyi", ".ipynb", ".toml", ".md", ".rst", ".txt", ".sh", ".bash", ".ps1", ".bat",
    ".cfg", ".ini", ".env", ".go", ".js", ".ts", ".java", ".kt", ".scala", ".cs", ".c", ".h",
    ".cpp", ".rs", ".rb", ".r", ".sql", ".tf", ".hcl", ".html", ".css", ".xml", ".csv",
))


def is_other_language(path: str) -> bool:
    dot = path.rfind(".")
    return dot > path.rfind("/") + 1 and path[dot:].lower() in OTHER_LANGUAGES


def is_go_template(data: bytes) -> bool:
    """Whether the bytes hold Go template actions (`{{ .Values.x }}`, `{{- if }}`: Helm)."""
    return _GO_TEMPLATE_ACTION.search(data) is not None


def looks_like_ours(data: bytes) -> bool:
    """Whether a file that does not parse is ours to report (AML001)."""
    strong = any(token in data for token in STRONG_TOKENS)
    return strong and _GO_TEMPLATE_ACTION.search(data) is None


def may_define(data: bytes) -> bool:
    """Whether a file may hold InstanceTypes or compute attach documents (the first pass)."""
    return any(token in data for token in DEFINITION_TOKENS)


def schema_name(root: dict[str, Any]) -> str:
    schema = root.get("$schema")
    if not isinstance(schema, str):
        return ""
    name = schema.rstrip("/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".json").removesuffix(".schema")


def classify(root: dict[str, Any] | None) -> Kind | None:
    """The kind of a document from its top-level keys, or None to skip it silently."""
    if root is None:
        return None
    api = root.get("apiVersion")
    if isinstance(api, str) and api.partition("/")[0].strip().lower() == AMLARC_GROUP:
        kind = str(root.get("kind") or "").strip().lower()
        if kind == "instancetype":
            return Kind.INSTANCE_TYPE
        if kind == "instancetypelist":
            return Kind.INSTANCE_TYPE_LIST
        return Kind.AMLARC_OTHER
    if _is_component_or_asset(root):
        return None
    by_schema = _SCHEMA_KINDS.get(schema_name(root))
    declared = root.get("type")
    type_ = declared.strip().lower() if isinstance(declared, str) else ""
    if type_ == "kubernetes":
        return _kubernetes_kind(root, by_schema)
    if type_ in _JOB_TYPES:
        job = _JOB_TYPES[type_]
        return job if by_schema in JOB_KINDS or _JOB_KEYS[job] in root else None
    if type_ == "managed" and by_schema in (Kind.KUBERNETES_DEPLOYMENT, None):
        return Kind.MANAGED_DEPLOYMENT if _has_deployment_keys(root) or by_schema else None
    if by_schema is not None:
        return by_schema
    if type_:
        return None
    if _has_deployment_keys(root):
        return Kind.MANAGED_DEPLOYMENT
    if _is_endpoint_by_compute(root):
        return Kind.KUBERNETES_ENDPOINT
    if schema_name(root) == "managedonlineendpoint" and "compute" not in root:
        return None if any(key in root for key in _NOT_ENDPOINT_KEYS) else Kind.MANAGED_ENDPOINT
    if _is_untyped_command_job(root):
        return Kind.COMMAND_JOB
    return None


def _is_component_or_asset(root: dict[str, Any]) -> bool:
    """Components (`type: command` with `command:` too) and versioned assets are not jobs:
    jobs have no `version`, components carry one or `is_deterministic` or a component $schema."""
    return (
        schema_name(root).endswith("component")
        or "is_deterministic" in root
        or "version" in root
    )


def _is_batch_deployment(root: dict[str, Any]) -> bool:
    return "batch" in schema_name(root) or any(key in root for key in _BATCH_DEPLOYMENT_KEYS)


def _is_endpoint_by_compute(root: dict[str, Any]) -> bool:
    """azure-ai-ml loads an online endpoint with `compute` as a Kubernetes endpoint, whatever
    its $schema says."""
    if "compute" not in root or any(key in root for key in _NOT_ENDPOINT_KEYS):
        return False
    endpoint_schema = schema_name(root) in ("managedonlineendpoint", "kubernetesonlineendpoint")
    return endpoint_schema or any(key in root for key in _ENDPOINT_KEYS)


def _is_untyped_command_job(root: dict[str, Any]) -> bool:
    """azure-ai-ml reads a job without `type` as a command job (the docs' examples do this)."""
    return isinstance(root.get("command"), str) and any(key in root for key in _COMMAND_JOB_KEYS)


def _kubernetes_kind(root: dict[str, Any], by_schema: Kind | None) -> Kind | None:
    if "endpoint_name" in root or by_schema in DEPLOYMENT_KINDS:
        return Kind.KUBERNETES_DEPLOYMENT
    if "resource_id" in root or by_schema is Kind.KUBERNETES_COMPUTE:
        return Kind.KUBERNETES_COMPUTE
    if by_schema is Kind.KUBERNETES_ENDPOINT or schema_name(root) == "managedonlineendpoint":
        return Kind.KUBERNETES_ENDPOINT
    if _is_endpoint_by_compute(root):
        return Kind.KUBERNETES_ENDPOINT
    if "model" in root or "instance_type" in root or "code_configuration" in root:
        return Kind.KUBERNETES_DEPLOYMENT
    return None


def _has_deployment_keys(root: dict[str, Any]) -> bool:
    if _is_batch_deployment(root):
        return False
    if "endpoint_name" in root:
        return True
    return "model" in root and any(
        key in root for key in ("instance_type", "code_configuration", "instance_count")
    )
