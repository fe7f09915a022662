"""The JSON Schemas in schemas/: valid schemas, and the exact errors they give.

Every case is checked with ``jsonschema`` (which reports the errors the linter maps to rule
ids) and with ``jsonschema_rs`` (the linter's fast pre-check), which must agree on validity.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
import yaml

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
ALL_SCHEMAS = sorted(SCHEMA_DIR.glob("*.json"))
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

INSTANCE_TYPE = "instancetype.schema.json"
SCHEMA_ID_BASE = "https://raw.githubusercontent.com/amlarc-lint/amlarc-lint/main/schemas/"
DEPLOYMENT = "kubernetes-online-deployment.schema.json"
ENDPOINT = "kubernetes-online-endpoint.schema.json"
JOB_RESOURCES = "job-resources.schema.json"
DOCUMENT_SCHEMAS = (INSTANCE_TYPE, DEPLOYMENT, ENDPOINT, JOB_RESOURCES)

# Keywords a document schema may use: each failing keyword must map to one rule id, so no
# anyOf/oneOf/allOf (their errors wrap others), and nothing an editor would fetch ($id, a
# remote $ref).
STRUCTURE_KEYWORDS = {
    "$schema", "$id", "$defs", "$ref", "type", "properties", "required", "additionalProperties",
    "items", "if", "then", "else", "const", "enum", "pattern", "maxLength", "minLength",
    # A root `oneOf` of alternatives for editors; the linter checks the alternative a
    # document's kind names (`linter.domain.schema_check`), never the `oneOf` itself.
    "oneOf",
}  # fmt: skip
ANNOTATION_KEYWORDS = {"title", "description", "examples"}

Error = tuple[str, str]  # (failing keyword, JSON pointer of the offending value)


def package_schema(name: str) -> dict[str, Any]:
    from linter.schemas import load_schema as load

    return load(name)


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def json_pointer(parts: Iterable[str | int]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def python_errors(schema: dict[str, Any], doc: Any) -> set[Error]:
    validator = jsonschema.Draft202012Validator(schema)
    return {(e.validator, json_pointer(e.absolute_path)) for e in validator.iter_errors(doc)}


def rust_is_valid(schema: dict[str, Any], doc: Any) -> bool:
    return jsonschema_rs.validator_for(schema).is_valid(doc)


def subschemas(node: Any, *, conditions: bool = True) -> Iterator[dict[str, Any]]:
    """Every schema object in a schema document (not the maps under properties/$defs).

    With conditions=False, the test schema of an `if` is left out: it documents nothing.
    """
    if not isinstance(node, dict):
        return
    yield node
    for keyword, value in node.items():
        if keyword in ("properties", "$defs"):
            for child in value.values():
                yield from subschemas(child, conditions=conditions)
        elif keyword in ("items", "additionalProperties", "then", "else") or (
            keyword == "if" and conditions
        ):
            yield from subschemas(value, conditions=conditions)


# ---------------------------------------------------------------------------- the schema files


def test_document_schemas_are_present() -> None:
    names = {path.name for path in ALL_SCHEMAS}
    assert set(DOCUMENT_SCHEMAS) <= names


@pytest.mark.parametrize("path", ALL_SCHEMAS, ids=lambda p: p.name)
def test_schema_passes_its_metaschema(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema.get("$schema") == DRAFT_2020_12
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema_rs.validator_for(schema)  # compiles: patterns and $refs resolve in Rust too
    assert schema.get("title") and schema.get("description")
    # A stable identity (the same in every release), which editors and schema stores key on.
    assert schema["$id"] == SCHEMA_ID_BASE + path.name


@pytest.mark.parametrize("path", ALL_SCHEMAS, ids=lambda p: p.name)
def test_schema_refs_are_local(path: Path) -> None:
    for node in subschemas(json.loads(path.read_text(encoding="utf-8"))):
        ref = node.get("$ref")
        assert ref is None or ref.startswith("#/$defs/"), ref


@pytest.mark.parametrize("name", DOCUMENT_SCHEMAS)
def test_document_schema_uses_mappable_keywords_only(name: str) -> None:
    for node in subschemas(load_schema(name)):
        unknown = set(node) - STRUCTURE_KEYWORDS - ANNOTATION_KEYWORDS
        assert not unknown, f"{name}: {sorted(unknown)} in {node.get('title', node)}"


@pytest.mark.parametrize("name", DOCUMENT_SCHEMAS)
def test_document_schema_properties_are_described(name: str) -> None:
    for node in subschemas(load_schema(name), conditions=False):
        for key, child in node.get("properties", {}).items():
            if "$ref" in child and "description" not in child:
                continue  # the referenced definition carries the text
            assert child.get("title") and child.get("description"), f"{name}: {key}"


@pytest.mark.parametrize("name", DOCUMENT_SCHEMAS)
def test_document_schema_layout(name: str) -> None:
    text = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- InstanceType

MY_INSTANCE_TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: myinstancetypename
spec:
  nodeSelector:
    mylabel: mylabelvalue
  resources:
    limits:
      cpu: "1"
      nvidia.com/gpu: 1
      memory: "2Gi"
    requests:
      cpu: "700m"
      memory: "1500Mi"
"""

MY_INSTANCE_TYPE_LIST = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: cpusmall
    spec:
      resources:
        requests:
          cpu: "100m"
          memory: "100Mi"
        limits:
          cpu: "1"
          nvidia.com/gpu: 0
          memory: "1Gi"

  - metadata:
      name: defaultinstancetype
    spec:
      resources:
        requests:
          cpu: "1"
          memory: "1Gi"
        limits:
          cpu: "1"
          nvidia.com/gpu: 0
          memory: "1Gi"
"""

HEADER = "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\n"

INSTANCE_TYPE_CASES = [
    pytest.param(MY_INSTANCE_TYPE, set(), id="docs-single"),
    pytest.param(MY_INSTANCE_TYPE_LIST, set(), id="docs-list"),
    pytest.param(
        HEADER
        + """\
metadata:
  name: defaultinstancetype
  labels: {team: ml}
  resourceVersion: "42"
  creationTimestamp: null
spec:
  resources:
    requests: {cpu: 100m, memory: 2Gi}
    limits: {cpu: "2", memory: 2Gi, nvidia.com/gpu: null}
""",
        set(),
        id="gpu-null-and-server-metadata",
    ),
    pytest.param(
        HEADER
        + """\
metadata: {name: gpu.a100-80g}
spec:
  nodeSelector: {gpu: true, count: 1}
  resources:
    limits: {cpu: 8, memory: 64Gi, nvidia.com/gpu: "1", ephemeral-storage: 10Gi}
""",
        set(),
        id="values-left-to-python-rules",
    ),
    pytest.param(
        """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
metadata: {resourceVersion: ""}
items:
  - apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata: {name: small}
    spec: {resources: {requests: {cpu: 100m, memory: 1Gi}}}
""",
        set(),
        id="list-items-with-apiversion-and-kind",
    ),
    pytest.param(
        HEADER
        + """\
metadata: {name: small}
spec:
  resources:
    requests: {cpu: 100m, memory: 1Gi}
  limits: {cpu: "1", memory: 1Gi}
""",
        {("additionalProperties", "/spec")},
        id="spec.limits-mis-indented",
    ),
    pytest.param(
        HEADER
        + """\
metadata: {name: small}
spec:
  resource:
    limits: {cpu: "1", memory: 1Gi}
""",
        {("additionalProperties", "/spec"), ("required", "/spec")},
        id="spec.resource-typo",
    ),
    pytest.param(
        HEADER
        + """\
metadata:
  labels: {team: ml}
spec:
  resources: {limits: {cpu: "1", memory: 1Gi}}
""",
        {("required", "/metadata")},
        id="metadata.name-missing",
    ),
    pytest.param(
        HEADER
        + """\
metadata:
  nmae: small
spec:
  resources: {limits: {cpu: "1", memory: 1Gi}}
""",
        {("additionalProperties", "/metadata"), ("required", "/metadata")},
        id="metadata.nmae-typo",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: []\n",
        {("type", "/spec")},
        id="spec-is-a-list",
    ),
    pytest.param(
        HEADER
        + """\
metadata: {name: small}
spec:
  resources:
    limits: [cpu]
""",
        {("type", "/spec/resources/limits")},
        id="limits-is-a-list",
    ),
    pytest.param(
        """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata: {name: small}
    spec:
      resources:
        requests: {cpu: 100m, memory: 1Gi}
      limits: {cpu: "1", memory: 1Gi}
""",
        {("additionalProperties", "/items/0/spec")},
        id="list-item-spec.limits",
    ),
    pytest.param(
        "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceTypeList\n",
        {("required", "")},
        id="list-without-items",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\n",
        {("required", "")},
        id="spec-missing",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: {nodeSelector: {a: b}}\n",
        {("required", "/spec")},
        id="spec.resources-missing",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspecs: {resources: {}}\nspec: {resources: {}}\n",
        {("additionalProperties", "")},
        id="unknown-root-key",
    ),
    pytest.param(
        HEADER + "metadata: {name: GPU_Large}\nspec: {resources: {}}\n",
        {("pattern", "/metadata/name")},
        id="name-not-dns-1123",
    ),
    pytest.param(
        HEADER + f"metadata: {{name: {'a' * 254}}}\nspec: {{resources: {{}}}}\n",
        {("maxLength", "/metadata/name")},
        id="name-too-long",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: {nodeSelector: [gpu], resources: {}}\n",
        {("type", "/spec/nodeSelector")},
        id="nodeselector-is-a-list",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: {nodeSelector: {pool: [a]}, resources: {}}\n",
        {("type", "/spec/nodeSelector/pool")},
        id="nodeselector-value-is-a-list",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: {resources: {limits: {memory: {size: 1Gi}}}}\n",
        {("type", "/spec/resources/limits/memory")},
        id="quantity-is-a-map",
    ),
    pytest.param(
        HEADER + "metadata: {name: small}\nspec: {resources: {limits: {nvidia.com/gpu: true}}}\n",
        {("type", "/spec/resources/limits/nvidia.com~1gpu")},
        id="gpu-is-a-boolean",
    ),
]

# ---------------------------------------------------------------------------- deployment

K8S_DEPLOYMENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
name: blue
type: kubernetes
endpoint_name: my-endpoint
model: azureml:my-model:1
code_configuration: {code: ./onlinescoring, scoring_script: score.py}
environment: {image: mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest}
instance_type: gpu-a100
instance_count: 1
request_settings: {request_timeout_ms: 3000}
liveness_probe: {initial_delay: 10, period: 10}
"""

DEPLOYMENT_CASES = [
    pytest.param(K8S_DEPLOYMENT, set(), id="no-resources"),
    pytest.param(
        K8S_DEPLOYMENT
        + """\
resources:
  requests: {cpu: "0.5", memory: 1Gi}
  limits: {cpu: "1", memory: 2Gi, nvidia.com/gpu: "1"}
""",
        set(),
        id="with-resources",
    ),
    pytest.param(
        K8S_DEPLOYMENT + "resources: {requests: {cpu: 1, memory: 1Gi}, limits: {gpu: '1'}}\n",
        set(),
        id="bare-number-and-sdk-gpu-key",
    ),
    pytest.param(  # the CLI's KubernetesOnlineDeploymentSchema rejects unknown keys too
        K8S_DEPLOYMENT + "instance_typ: gpu\n",
        {("additionalProperties", "")},
        id="unknown-top-level-key",
    ),
    pytest.param(  # what `az ml online-deployment show` prints back is still accepted
        K8S_DEPLOYMENT + "id: /subscriptions/x\nprovisioning_state: Succeeded\n",
        set(),
        id="show-output-keys",
    ),
    pytest.param(
        K8S_DEPLOYMENT
        + "resources: {requests: {cpu: 100m, memory: 1Gi, ephemeral-storage: 1Gi}}\n",
        {("additionalProperties", "/resources/requests")},
        id="unsupported-resource-name",
    ),
    pytest.param(
        K8S_DEPLOYMENT + "resources: {request: {cpu: 100m, memory: 1Gi}}\n",
        {("additionalProperties", "/resources")},
        id="resources.request-typo",
    ),
    pytest.param(
        K8S_DEPLOYMENT + "resources: [cpu]\n",
        {("type", "/resources")},
        id="resources-is-a-list",
    ),
    pytest.param(
        K8S_DEPLOYMENT + "resources: {limits: '1'}\n",
        {("type", "/resources/limits")},
        id="limits-is-a-string",
    ),
    pytest.param(
        K8S_DEPLOYMENT + "resources: {requests: {cpu: {value: 1}}}\n",
        {("type", "/resources/requests/cpu")},
        id="quantity-is-a-map",
    ),
    pytest.param(
        K8S_DEPLOYMENT.replace("instance_type: gpu-a100", "instance_type: [gpu-a100]"),
        {("type", "/instance_type")},
        id="instance-type-is-a-list",
    ),
    pytest.param(
        K8S_DEPLOYMENT.replace("type: kubernetes", "type: [kubernetes]"),
        {("type", "/type")},
        id="type-is-a-list",
    ),
]

# ---------------------------------------------------------------------------- endpoint

K8S_ENDPOINT = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json
name: my-endpoint
compute: azureml:k8s-compute
auth_mode: key
"""

ENDPOINT_CASES = [
    pytest.param(K8S_ENDPOINT, set(), id="minimal"),
    pytest.param(
        K8S_ENDPOINT
        + """\
description: scoring for the nightly model
tags: {team: ml}
identity: {type: system_assigned}
traffic: {blue: 90, green: 10}
mirror_traffic: {green: 10}
""",
        set(),
        id="full",
    ),
    pytest.param(
        K8S_ENDPOINT + "instance_type: gpu-a100\nresources: {requests: {cpu: '1'}}\n",
        set(),
        id="deployment-keys-left-to-a-rule",
    ),
    pytest.param(
        K8S_ENDPOINT.replace("compute: azureml:k8s-compute", "compute: [azureml:k8s-compute]"),
        {("type", "/compute")},
        id="compute-is-a-list",
    ),
    pytest.param(K8S_ENDPOINT + "traffic: 100\n", {("type", "/traffic")}, id="traffic-scalar"),
    pytest.param(
        K8S_ENDPOINT + "identity: system_assigned\n",
        {("type", "/identity")},
        id="identity-is-a-string",
    ),
]

# ---------------------------------------------------------------------------- job resources

JOB_RESOURCES_CASES = [
    pytest.param("instance_type: gpu-a100\ninstance_count: 2\n", set(), id="kubernetes-job"),
    pytest.param("instance_type: Standard_NC6s_v3\n", set(), id="vm-size"),
    pytest.param(
        "instance_type: ${{parent.inputs.instance_type}}\n"
        "instance_count: ${{parent.inputs.nodes}}\n",
        set(),
        id="pipeline-bindings",
    ),
    pytest.param(
        """\
instance_type: gpu-a100
instance_count: 4
max_instance_count: 8
shm_size: 16g
docker_args: --ipc=host
locations: [westeurope]
properties: {key: value}
""",
        set(),
        id="every-key",
    ),
    pytest.param("instance_typ: gpu-a100\n", {("additionalProperties", "")}, id="typo"),
    pytest.param(
        "instance_type: spark\nruntime_version: '3.4'\n",
        {("additionalProperties", "")},
        id="spark-key-not-covered",
    ),
    pytest.param(
        "requests: {cpu: '1'}\n",
        {("additionalProperties", "")},
        id="deployment-style-requests",
    ),
    pytest.param("instance_type:\n", {("type", "/instance_type")}, id="instance-type-null"),
    pytest.param("instance_count: 1.5\n", {("type", "/instance_count")}, id="fractional-count"),
    pytest.param("locations: westeurope\n", {("type", "/locations")}, id="locations-scalar"),
]


# ---------------------------------------------------------------------------- the checks


def check_case(schema_name: str, text: str, expected: set[Error]) -> None:
    schema = load_schema(schema_name)
    doc = yaml.safe_load(text)
    assert python_errors(schema, doc) == expected
    assert rust_is_valid(schema, doc) == (not expected)


@pytest.mark.parametrize(("text", "expected"), INSTANCE_TYPE_CASES)
def test_instancetype_schema(text: str, expected: set[Error]) -> None:
    """Each case against the root alternative its kind names (as the linter checks it), and
    against the whole file's `oneOf` (as an editor checks it): the same verdict."""
    doc = yaml.safe_load(text)
    is_list = isinstance(doc, dict) and doc.get("kind") == "InstanceTypeList"
    alternative = "instanceTypeList" if is_list else "instanceType"
    schema = package_schema(f"{INSTANCE_TYPE}#/$defs/{alternative}")
    assert python_errors(schema, doc) == expected
    assert rust_is_valid(schema, doc) == (not expected)
    assert rust_is_valid(load_schema(INSTANCE_TYPE), doc) == (not expected)


@pytest.mark.parametrize(("text", "expected"), DEPLOYMENT_CASES)
def test_kubernetes_online_deployment_schema(text: str, expected: set[Error]) -> None:
    check_case(DEPLOYMENT, text, expected)


@pytest.mark.parametrize(("text", "expected"), ENDPOINT_CASES)
def test_kubernetes_online_endpoint_schema(text: str, expected: set[Error]) -> None:
    check_case(ENDPOINT, text, expected)


@pytest.mark.parametrize(("text", "expected"), JOB_RESOURCES_CASES)
def test_job_resources_schema(text: str, expected: set[Error]) -> None:
    check_case(JOB_RESOURCES, text, expected)


def test_instancetype_root_is_a_one_of_that_editors_complete_from() -> None:
    """The YAML language server offers no completion under a root `if/then/else`; under a
    root `oneOf` whose alternatives differ by a `kind` const it offers the keys of the one
    alternative the document's kind selects (scripts/schema_completion.mjs asks it over LSP).
    Exactly one alternative holds for each kind."""
    schema = load_schema(INSTANCE_TYPE)
    assert not {"if", "then", "else"} & set(schema)
    refs = [alternative["$ref"] for alternative in schema["oneOf"]]
    assert refs == ["#/$defs/instanceType", "#/$defs/instanceTypeList"]
    for kind, alternatives in (("InstanceType", 1), ("InstanceTypeList", 1), ("Other", 0)):
        document = {"kind": kind}
        discriminants = [
            {key: value for key, value in alternative.items() if key != "$ref"}
            for alternative in schema["oneOf"]
        ]
        matching = [jsonschema.Draft202012Validator(d).is_valid(document) for d in discriminants]
        assert matching.count(True) == alternatives, kind


def test_deployment_schema_takes_exactly_the_cli_keys() -> None:
    """The azure-ai-ml KubernetesOnlineDeploymentSchema's fields (`$schema` is its
    `schema_ignored`), so an unknown top-level key is caught as the README says."""
    from azure.ai.ml._schema._deployment.online.online_deployment import (
        KubernetesOnlineDeploymentSchema,
    )

    cli_schema = KubernetesOnlineDeploymentSchema(context={"base_path": "."})
    fields = {field.data_key or name for name, field in cli_schema.fields.items()}
    schema = load_schema(DEPLOYMENT)
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == fields
