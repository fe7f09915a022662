"""Requests and limits as the 2xx and 3xx rules see them: one entry per `resource: amount`,
what each kind requires, what an unsupported name most likely means, exact decimals."""

from __future__ import annotations

from fractions import Fraction

from linter.project.resource_lists import (
    amounts,
    decimal_text,
    intended_resource,
    profile_of,
    required_resources,
    resource_entries,
    section_pointer,
)
from tests.support.cli_project import SMALL_INSTANCE_TYPE
from tests.support.documents import document

DEPLOYMENT = """\
name: b
type: kubernetes
endpoint_name: e
model: azureml:m:1
instance_type: small
resources:
  requests: {cpu: 0.5, memory: '1Gi', gpu: 1}
  limits: {cpu: "1", memory: null, gpu: "{{ .G }}", foo: [1]}
"""
INSTANCE_TYPE = SMALL_INSTANCE_TYPE.replace(
    'limits: {cpu: "1", memory: 1Gi}', "limits: {cpu: 500m, nvidia.com/gpu: 1}"
)


def test_each_entry_as_written_and_as_kubernetes_reads_it() -> None:
    entries = list(resource_entries(document(DEPLOYMENT)))
    assert [(e.place, e.resource, e.pointer, e.yaml_type, e.quoted, e.text) for e in entries] == [
        ("requests.cpu", "cpu", "/resources/requests/cpu", "float", False, "0.5"),
        ("requests.memory", "memory", "/resources/requests/memory", "str", True, "1Gi"),
        ("requests.gpu", "nvidia.com/gpu", "/resources/requests/gpu", "int", False, "1"),
        ("limits.cpu", "cpu", "/resources/limits/cpu", "str", True, "1"),
        ("limits.memory", "memory", "/resources/limits/memory", "null", False, None),
        ("limits.gpu", "nvidia.com/gpu", "/resources/limits/gpu", "str", True, "{{ .G }}"),
        ("limits.foo", "foo", "/resources/limits/foo", "collection", False, None),
    ]
    assert [e.shown for e in entries[:5]] == ["0.5", '"1Gi"', "1", '"1"', "null"]
    assert [e.is_template for e in entries] == [False] * 5 + [True, False]
    assert [e.parsed is None for e in entries] == [False] * 4 + [True] * 3


def test_amounts_are_the_entries_that_are_valid_quantities() -> None:
    found = [(entry.place, quantity.value) for entry, quantity in amounts(document(DEPLOYMENT))]
    assert found == [
        ("requests.cpu", Fraction(1, 2)), ("requests.memory", Fraction(2**30)),
        ("requests.gpu", Fraction(1)), ("limits.cpu", Fraction(1)),
    ]
    [cpu, _] = resource_entries(document(INSTANCE_TYPE), "limits")
    assert cpu.quantity is not None and cpu.shown_with_value(cpu.quantity) == '"500m" (0.5)'


def test_each_kind_has_its_place_and_its_requirements() -> None:
    instance_type = document(INSTANCE_TYPE)
    assert (profile_of(instance_type).noun, section_pointer(instance_type, "limits")) == (
        "an instance type", "/spec/resources/limits"
    )
    assert required_resources(instance_type, "limits") == ("cpu", "memory")
    # A deployment must set limits only when they ask for a GPU (a template counts, 0 not).
    assert required_resources(document(DEPLOYMENT), "limits") == ("cpu", "memory")
    without = DEPLOYMENT.replace('gpu: "{{ .G }}"', 'gpu: "0"')
    assert required_resources(document(without), "limits") == ()
    assert required_resources(document(without), "requests") == ("cpu", "memory")


def test_an_unsupported_name_is_matched_to_the_resource_it_most_likely_means() -> None:
    names = ("CPU", " Memory ", "memroy", "gpus", "nvidia.com/gpus", "amd.com/gpu",
             "ephemeral-storage")
    assert [intended_resource(name) for name in names] == [
        "cpu", "memory", "memory", "nvidia.com/gpu", "nvidia.com/gpu", None, None
    ]


def test_decimal_text_is_exact() -> None:
    values = [Fraction(1, 2), Fraction(-3, 1000), Fraction(5), Fraction(1, 8), Fraction(0)]
    assert [decimal_text(value) for value in values] == ["0.5", "-0.003", "5", "0.125", "0"]
