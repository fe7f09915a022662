"""JSON Schema validation of a document: each failing keyword one error at its pointer."""

from __future__ import annotations

from linter.domain.schema_check import SCHEMA_KINDS, SchemaError, errors_for, schema_errors
from linter.source.kinds import Kind
from tests.support.documents import document

INSTANCE_TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata: {}
spec:
  resourcez: {}
  resources:
    limits: {cpu: "1", memory: [1]}
"""


def test_each_failing_keyword_is_one_error_sorted_by_pointer() -> None:
    found = schema_errors(document(INSTANCE_TYPE))
    assert [(e.keyword, e.pointer, e.message, e.required) for e in found] == [
        ("required", "/metadata", "'name' is a required property", True),
        ("additionalProperties", "/spec",
         "Additional properties are not allowed ('resourcez' was unexpected)", True),
        ("type", "/spec/resources/limits/memory",
         "[1] is not of type 'string', 'integer', 'number', 'null'", False),
    ]


def test_errors_for_keeps_the_keywords_asked_for() -> None:
    doc = document(INSTANCE_TYPE)
    (error,) = errors_for(doc, "type")
    assert isinstance(error, SchemaError)
    assert (error.instance, error.schema["title"]) == ([1], "Quantity")
    assert [e.keyword for e in errors_for(doc, "required", "additionalProperties")] == [
        "required", "additionalProperties"
    ]


def test_the_errors_are_worked_out_once_per_document() -> None:
    doc = document(INSTANCE_TYPE)
    first = schema_errors(doc)
    assert doc.memo["schema_errors"] is first
    assert schema_errors(doc) is first


def test_a_list_is_checked_as_a_list_and_its_items_not_again() -> None:
    listed = document(
        "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceTypeList\nitems: 3\n"
    )
    assert [(e.keyword, e.pointer) for e in schema_errors(listed)] == [("type", "/items")]
    items = document(
        "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceTypeList\n"
        "items:\n- metadata: {}\n  spec: {}\n"
    ).items()
    assert [schema_errors(item) for item in items] == [[]]


def test_a_pipeline_job_checks_the_resources_of_each_step() -> None:
    job = document("""\
$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
jobs:
  a:
    type: command
    command: echo
    resources: {shm_size: 1}
  b:
    type: command
    command: echo
    resources: {instance_type: x, unknown: 1}
""")
    assert [(e.keyword, e.pointer) for e in schema_errors(job)] == [
        ("type", "/jobs/a/resources/shm_size"),
        ("additionalProperties", "/jobs/b/resources"),
    ]


def test_a_kind_without_a_schema_has_no_errors() -> None:
    managed = document(
        "name: blue\nendpoint_name: e\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\n"
        "instance_count: [1]\n"
    )
    assert managed.kind is Kind.MANAGED_DEPLOYMENT
    assert Kind.MANAGED_DEPLOYMENT not in SCHEMA_KINDS
    assert schema_errors(managed) == []
