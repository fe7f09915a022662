"""azure-ai-ml calls -> the documents the YAML rules check: data, exact spans, and what is not
statically known."""

from __future__ import annotations

import ast

from linter.core.span import Span
from linter.source.kinds import Kind
from linter.source.python_documents import UNKNOWN_TEXT, PythonDocument, sdk_documents
from linter.source.python_text import python_text
from linter.source.yaml_reader import Scalar

DEPLOYMENT = """\
from azure.ai.ml import command
from azure.ai.ml.entities import KubernetesOnlineDeployment
from azure.ai.ml.entities import ResourceRequirementsSettings, ResourceSettings

size = "gpu-t4"
job = command(command="python train.py", compute="k8s", instance_type=size)
job.resources.instance_count = n

dep = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="ep",
    instance_type="Standard_DS3_v2",
    resources=ResourceRequirementsSettings(
        requests=ResourceSettings(cpu="1", memory="2Gi"),
        limits=ResourceSettings(cpu=cpu, gpu=1),
    ),
)
"""

PIPELINE = """\
from azure.ai.ml import dsl, command
from azure.ai.ml.entities import KubernetesOnlineEndpoint, KubernetesCompute

@dsl.pipeline(default_compute="k8s")
def train(data):
    step = command(command="python a.py", instance_type="gpu-t4")
    step.compute = "other"

p = train(1)
p.settings.default_compute = "k8s2"
ep = KubernetesOnlineEndpoint(name="ep", compute="k8s", **extra)
c = KubernetesCompute(name="k8s")
"""


def documents(source: str) -> list[PythonDocument]:
    return sdk_documents(python_text("a.py", source), ast.parse(source))


def test_a_command_job_with_a_name_bound_to_a_literal_and_a_later_change() -> None:
    job = documents(DEPLOYMENT)[0]
    assert job.kind is Kind.COMMAND_JOB
    assert job.data == {
        "type": "command",
        "command": "python train.py",
        "compute": "k8s",
        "resources": {"instance_type": "gpu-t4", "instance_count": UNKNOWN_TEXT},
    }
    assert job.unknown == frozenset({"/resources/instance_count"})
    # A name bound to a literal is reported where it is passed: `size`.
    assert job.spans.values["/resources/instance_type"] == Span(6, 71, 6, 75)
    assert job.spans.keys["/resources/instance_type"] == Span(6, 57, 6, 70)
    assert job.spans.scalars["/resources/instance_count"] == Scalar(UNKNOWN_TEXT, None, "str")


def test_a_deployment_takes_its_resources_from_the_nested_sdk_objects() -> None:
    deployment = documents(DEPLOYMENT)[1]
    assert deployment.kind is Kind.KUBERNETES_DEPLOYMENT
    assert deployment.data["resources"] == {
        "requests": {"cpu": "1", "memory": "2Gi"},
        "limits": {"cpu": UNKNOWN_TEXT, "nvidia.com/gpu": 1},  # `gpu` is nvidia.com/gpu
    }
    # An Azure VM size is never a Kubernetes instance type: unknown, not checked.
    assert deployment.data["instance_type"] == UNKNOWN_TEXT
    assert deployment.unknown == frozenset({"/instance_type", "/resources/limits/cpu"})
    assert deployment.spans.values["/resources/requests/memory"] == Span(14, 51, 14, 56)
    assert deployment.spans.keys["/resources/limits/nvidia.com~1gpu"] == Span(15, 42, 15, 45)
    assert deployment.spans.scalars["/resources/limits/nvidia.com~1gpu"] == Scalar(
        "1", None, "int"
    )


def test_every_file_ends_with_its_sdk_usage() -> None:
    usage = documents(DEPLOYMENT)[-1]
    assert usage.kind is Kind.PYTHON_SDK
    assert [call["callee"].rsplit(".", 1)[1] for call in usage.data["calls"]] == [
        "command", "KubernetesOnlineDeployment", "ResourceRequirementsSettings",
        "ResourceSettings", "ResourceSettings",
    ]
    assert usage.data["calls"][0]["keywords"] == {
        "command": True, "compute": True, "instance_type": True
    }
    assert usage.data["imports"][1] == {
        "module": "azure.ai.ml.entities",
        "name": "KubernetesOnlineDeployment",
        "names": ["KubernetesOnlineDeployment"],
    }
    assert usage.data["imports"][3]["names"] == ["ResourceRequirementsSettings", "ResourceSettings"]
    assert usage.spans.values["/imports/1/module"] == Span(2, 6, 2, 26)
    assert usage.spans.values["/imports/1/name"] == Span(2, 34, 2, 60)
    assert usage.spans.values["/imports/3/name"] == Span(3, 64, 3, 80)


def test_a_pipeline_its_steps_an_endpoint_and_a_compute() -> None:
    pipeline, endpoint, compute, usage = documents(PIPELINE)
    assert (pipeline.kind, endpoint.kind, compute.kind, usage.kind) == (
        Kind.PIPELINE_JOB, Kind.KUBERNETES_ENDPOINT, Kind.KUBERNETES_COMPUTE, Kind.PYTHON_SDK
    )
    assert pipeline.data == {
        "type": "pipeline",
        "jobs": {"step": {
            "command": "python a.py", "resources": {"instance_type": "gpu-t4"}, "compute": "other"
        }},
        "settings": {"default_compute": "k8s2"},  # set on the pipeline's job after the call
    }
    # `**extra` may set anything: the whole endpoint is unknown.
    assert (endpoint.data, endpoint.unknown) == ({"name": "ep", "compute": "k8s"}, {""})
    assert compute.data == {"type": "kubernetes", "name": "k8s"}
    assert usage.data["calls"][2]["dynamic"] is True


def test_a_file_without_sdk_calls_has_only_its_usage_document() -> None:
    (usage,) = documents("import os\nos.getcwd()\n")
    assert usage.data == {"calls": [], "imports": []}
