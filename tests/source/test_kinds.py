"""Document kinds and the byte tests that spare most files a parse."""

from __future__ import annotations

import pytest

from linter.source.kinds import (
    Kind,
    classify,
    is_go_template,
    is_notebook,
    is_other_language,
    is_python_path,
    looks_like_ours,
    looks_relevant,
    may_define,
    python_prefilter,
    schema_name,
)


def test_the_amlarc_group_is_matched_whatever_its_case_and_spaces() -> None:
    api = " AMLArc.azureml.com /v1alpha1"
    assert classify({"apiVersion": api, "kind": "instancetype"}) is Kind.INSTANCE_TYPE
    assert classify({"apiVersion": api, "kind": " InstanceTypeList "}) is Kind.INSTANCE_TYPE_LIST
    assert classify({"apiVersion": api, "kind": "Other"}) is Kind.AMLARC_OTHER
    assert classify({"apiVersion": "apps/v1", "kind": "Deployment"}) is None


def test_nothing_is_no_kind() -> None:
    assert classify(None) is None
    assert classify({}) is None


@pytest.mark.parametrize(
    ("schema", "name"),
    [
        ("https://azuremlschemas.azureedge.net/latest/commandJob.schema.json", "commandjob"),
        ("x/KubernetesOnlineDeployment.json/", "kubernetesonlinedeployment"),
        (3, ""),
        (None, ""),
    ],
)
def test_the_schema_name_is_the_last_part_lower_cased(schema: object, name: str) -> None:
    assert schema_name({"$schema": schema}) == name


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("README.md", True),
        ("train.PY", True),
        ("notes/a.txt", True),
        ("job.yml.j2", False),  # named on the command line: read as YAML
        ("job.yaml", False),
        (".py", False),  # a dot file's name is no extension
        ("dir.py/job", False),
    ],
)
def test_other_languages_by_extension(path: str, other: bool) -> None:
    assert is_other_language(path) is other


@pytest.mark.parametrize(
    ("data", "template"),
    [
        (b"cpu: {{ .Values.cpu }}", True),
        (b"{{- if .Values.enabled }}", True),
        (b"{{ end }}", True),
        (b"x: {{ include \"name\" . }}", True),
        (b"endpoint_name: {{endpoint_name}}", False),  # a mustache placeholder
        (b"cpu: 1", False),
    ],
)
def test_go_template_actions(data: bytes, template: bool) -> None:
    assert is_go_template(data) is template


def test_a_file_that_does_not_parse_is_ours_only_beyond_doubt() -> None:
    assert looks_like_ours(b"instance_type: gpu\n  bad: [")
    assert looks_like_ours(b"endpoint_name: {{endpoint_name}}\n  bad: [")
    assert not looks_like_ours(b"instance_type: {{ .Values.type }}\n")  # Helm
    assert not looks_like_ours(b"kind: Deployment  # kubernetes\n")  # not a strong token


def test_the_prefilters() -> None:
    assert looks_relevant(b"traffic: {blue: 100}")
    assert not looks_relevant(b"foo: bar\n")
    assert may_define(b"apiVersion: AMLArc.azureml.com/v1")
    assert not may_define(b"type: command\ncommand: echo\n")


def test_the_python_prefilter_and_the_suffixes() -> None:
    assert python_prefilter(b"import os\n") == (False, False)
    assert python_prefilter(b"from azure.ai.ml import command\n") == (True, False)
    assert python_prefilter(b"from azure.ai.ml.entities import KubernetesOnlineEndpoint\n") == (
        True, True
    )
    assert python_prefilter(b"KubernetesCompute()") == (False, False)  # without the SDK: never
    assert [is_python_path(p) for p in ("a.py", "a.ipynb", "a.pyi", "py")] == [
        True, True, False, False
    ]
    assert is_notebook("a.ipynb") and not is_notebook("a.py")
