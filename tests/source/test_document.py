"""A classified document as rules see it: values and scalars by pointer (read as their
consumer reads them), reports and related places rebased onto a list item, spans."""

from __future__ import annotations

from linter.core.finding import Report
from linter.core.fixes import ReplaceScalar
from linter.core.span import Location, Role, Span
from linter.source.document import locate
from linter.source.kinds import Kind
from linter.source.yaml_reader import Scalar
from tests.support.documents import document

LIST = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
- metadata: {name: a}
  spec:
    resources:
      limits: {cpu: y, memory: 0o17, x: "1_000", t: 1:30, z: }
- 3
"""
JOB = """\
command: python a.py
compute: k8s
resources:
  instance_count: 1:30
  shm_size: y
"""


def test_an_instance_type_lists_items_are_views_with_a_base() -> None:
    listed = document(LIST)
    assert (listed.kind, listed.in_list) == (Kind.INSTANCE_TYPE_LIST, False)
    (item,) = listed.items()  # `- 3` is no mapping: no item
    assert (item.kind, item.base, item.in_list) == (Kind.INSTANCE_TYPE, "/items/0", True)
    assert item.get("/metadata/name") == "a"
    assert item.absolute("/spec") == "/items/0/spec"
    assert item.value_span("/spec/resources/limits/x") == Span(7, 41, 7, 48)


def test_an_instance_types_scalars_are_read_as_kubectl_reads_them() -> None:
    (item,) = document(LIST).items()
    limits = "/spec/resources/limits"
    assert item.scalar(f"{limits}/cpu") == Scalar("y", "", "bool")  # PyYAML: a string
    assert item.integer(f"{limits}/memory") == 15  # `0o17`, Go's octal
    assert item.scalar(f"{limits}/t") == Scalar("1:30", "", "str")  # no base 60 in go-yaml
    assert item.integer(f"{limits}/t") is None
    assert item.scalar(f"{limits}/x") == Scalar("1_000", '"', "str")  # quoted: as written
    assert item.integer(f"{limits}/x") is None
    assert item.scalar(f"{limits}/absent") is None


def test_a_jobs_scalars_are_read_as_azure_ai_ml_reads_them() -> None:
    job = document(JOB)
    assert job.scalar("/resources/shm_size") == Scalar("y", "", "str")
    assert job.integer("/resources/instance_count") == 90  # YAML 1.1 base 60
    assert job.integer("/compute") is None


def test_has_get_and_mapping() -> None:
    (item,) = document(LIST).items()
    assert item.has("/spec/resources/limits/z") and item.get("/spec/resources/limits/z") is None
    assert not item.has("/spec/absent")
    assert item.get("/spec/absent", "default") == "default"
    assert item.mapping("/metadata") == {"name": "a"}
    assert item.mapping("/metadata/name") == {}  # not a mapping
    assert item.mapping("/absent") == {}


def test_a_report_and_its_fix_are_rebased_onto_the_item() -> None:
    (item,) = document(LIST).items()
    fix = ReplaceScalar("/spec/resources/limits/cpu", '"1"', "quote it")
    assert item.report("/spec/resources/limits/cpu", "bad", at="key", fix=fix) == Report(
        "/items/0/spec/resources/limits/cpu",
        "bad",
        at="key",
        fix=ReplaceScalar("/items/0/spec/resources/limits/cpu", '"1"', "quote it"),
    )
    assert item.related("/metadata/name", "defined here") == Location(
        "doc.yaml", Span(4, 20, 4, 21), role=Role.RELATED, note="defined here"
    )


def test_locate_falls_back_from_an_empty_or_missing_value_upward() -> None:
    job = document(JOB)
    assert locate(job.spans, "/resources/instance_count") == Span(4, 19, 4, 23)
    assert locate(job.spans, "/resources/instance_count", "key") == Span(4, 3, 4, 17)
    assert locate(job.spans, "/resources/missing/deeper") == Span(4, 3, 5, 14)
    assert locate(job.spans, "/absent") == Span(1, 1, 5, 14)  # the document
    (item,) = document(LIST).items()
    # An empty value (`z: `) is located at its key.
    assert locate(item.spans, "/items/0/spec/resources/limits/z") == Span(7, 59, 7, 60)
