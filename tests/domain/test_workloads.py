"""Jobs, pipeline steps, deployments and endpoints: how they are recognised, which compute and
instance type each workload has, and which parts the job-resources schema checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linter.domain.workloads import compute_name, workloads
from linter.source.kinds import Kind, classify
from linter.source.yaml_reader import parse
from tests.support.documents import PIPELINE, document
from tests.support.lint_helpers import assert_findings, lint_text, render_expected


def kind_of(text: str) -> Kind | None:
    return classify(parse(text).documents[0].root)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"
            "name: train\ntype: command\ncommand: python train.py ${{inputs.x}}\n",
            None,
            id="command-component",
        ),
        pytest.param(
            "$schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json\n"
            "type: pipeline\njobs: {a: {type: command}}\n",
            None,
            id="pipeline-component",
        ),
        pytest.param(
            "name: train\nversion: 3\ntype: command\ncommand: python train.py\n",
            None,
            id="versioned-component-without-schema",
        ),
        pytest.param(
            "type: command\nis_deterministic: true\ncommand: echo\n", None, id="is-deterministic"
        ),
        pytest.param(
            "$schema: https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json\n"
            "name: dpl\nendpoint_name: ep\nmodel: {path: ./model}\n"
            "resources: {instance_count: 1}\n",
            None,
            id="batch-deployment-by-schema",
        ),
        pytest.param(
            "name: dpl\nendpoint_name: ep\nmodel: azureml:m:1\ncompute: azureml:cpu-cluster\n"
            "resources: {instance_count: 2}\nmini_batch_size: 10\n",
            None,
            id="batch-deployment-by-its-compute",
        ),
        pytest.param(
            "command: python train.py\ncompute: azureml:k8s\n",
            Kind.COMMAND_JOB,
            id="job-without-type-is-a-command-job",
        ),
        pytest.param("command: ls\n", None, id="a-bare-command-key-is-not-enough"),
        pytest.param("type: spark\nentry: {file: a.py}\n", None, id="spark-job"),
        pytest.param(
            "name: ep\ncompute: azureml:k8s\nauth_mode: key\n",
            Kind.KUBERNETES_ENDPOINT,
            id="endpoint-with-compute",
        ),
        pytest.param(
            "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\n"
            "name: ep\ncompute: azureml:k8s\n",
            Kind.KUBERNETES_ENDPOINT,
            id="managed-endpoint-schema-with-compute",
        ),
        pytest.param(
            "type: online\nauth_mode: key\ntarget: azureml:k8s\ndeployments: []\n",
            None,
            id="2021-preview-endpoint-with-deployments",
        ),
        pytest.param(
            "$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json\n"
            "type: kubernetes\nmodel: azureml:m:1\n",
            Kind.KUBERNETES_DEPLOYMENT,
            id="type-decides-over-schema",
        ),
    ],
)
def test_classification(text: str, kind: Kind | None) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("azureml:k8s-compute", "k8s-compute"),
        ("k8s-compute", "k8s-compute"),
        ("AzureML:k8s-compute", "k8s-compute"),
        (
            "azureml:/subscriptions/0/resourceGroups/rg/providers/"
            "Microsoft.MachineLearningServices/workspaces/ws/computes/k8s-compute",
            "k8s-compute",
        ),
        ("azureml:virtualClusters/testvc", None),
        ("${{parent.inputs.compute}}", None),
        ("<compute_target_name>", None),
        ("", None),
        (None, None),
    ],
)
def test_compute_name(value: object, name: str | None) -> None:
    assert compute_name(value) == name


def test_pipeline_steps_inherit_the_default_compute_and_spark_steps_are_left_out() -> None:
    steps = [(w.pointer, w.compute, w.compute_pointer) for w in workloads(document(PIPELINE))]
    assert steps == [
        ("/jobs/prep", "k8s", "/settings/default_compute"),
        ("/jobs/train", "gpu-k8s", "/jobs/train/compute"),
        ("/jobs/templated", "k8s", "/settings/default_compute"),
    ]


def test_pipeline_step_resources_are_schema_checked_but_not_spark_ones(tmp_path: Path) -> None:
    found = assert_findings(
        tmp_path,
        """\
        type: pipeline
        jobs:
          fit:
            command: python fit.py --epochs 3
            resources:
              instance_typ: gpu-large
          wrangle:
            type: spark
            resources:
              instance_type: standard_e4s_v3
              runtime_version: "3.4"
        """,
        "AML102",
        [(6, 7)],
    )
    assert found[0].message.startswith('unknown field "instance_typ" in jobs.fit.resources')


def test_an_unsupported_deployment_resource_is_aml304_only(tmp_path: Path) -> None:
    text = """\
    name: blue
    type: kubernetes
    endpoint_name: e
    model: azureml:m:1
    resources:
      requests: {cpu: "1", memory: "2Gi", ephemeral-storage: "10Gi"}
    """
    found = [f for f in lint_text(tmp_path, text) if f.rule_id in ("AML102", "AML304")]
    assert [(f.rule_id, f.span.start_line, f.span.start_col) for f in found] == [
        ("AML304", 6, 39)
    ], render_expected(found)


def test_a_collection_key_pyyaml_cannot_load_is_a_syntax_error(tmp_path: Path) -> None:
    text = "name: smr\nendpoint_name: {{ENDPOINT_NAME}}\nmodel: azureml:m:1\n"
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load(text)
    assert_findings(tmp_path, text, "AML001", [(2, 17)])


def test_components_get_no_finding(tmp_path: Path) -> None:
    text = """\
    $schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json
    name: import_model
    version: 0.0.42
    type: pipeline
    inputs:
      compute: {type: string, optional: true, default: serverless}
      instance_type: {type: string, optional: true, default: Standard_DS3_v2}
    jobs:
      download:
        type: command
        component: azureml:download_model:1
        compute: ${{parent.inputs.compute}}
        instance_type: Standard_DS3_v2
        resources:
          instance_typ: '${{parent.inputs.instance_type}}'
    """
    assert lint_text(tmp_path, text) == []
