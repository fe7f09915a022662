"""The project context: each InstanceType as other files need it, kept per cluster scope;
the Kubernetes computes; what a staged commit removes."""

from __future__ import annotations

from pathlib import Path

from linter.config.settings import ClusterScope, Settings
from linter.core.span import Location, Span
from linter.project.context import (
    BUILTIN_DEFAULT,
    InstanceTypeDef,
    ProjectContext,
    instance_type_def,
    resource_pointer,
    scope_of_definition,
)
from tests.support.documents import document

GPU = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata: {name: gpu}
spec:
  nodeSelector: {pool: gpu, tier: 1}
  resources:
    requests: {cpu: 1_000m, memory: 0x10}
    limits: {cpu: 1.50, memory: "4Gi", nvidia.com/gpu: 1, x: null}
"""
SETTINGS = Settings(
    root=Path("."),
    clusters=(ClusterScope(name="prod", instance_types=("prod/**",), computes=("k8s-prod",)),),
    known_instance_types=("listed",),
    kubernetes_computes=("k8s-listed",),
)


def _definition(name: str, path: str) -> InstanceTypeDef:
    return InstanceTypeDef(name, path, 0, "", {"limits": {"cpu": "1"}}, {})


def test_an_instance_type_keeps_its_amounts_as_kubernetes_reads_them() -> None:
    definition = instance_type_def(document(GPU))
    assert definition is not None
    assert (definition.name, definition.path, definition.document) == ("gpu", "doc.yaml", 0)
    assert definition.resources == {
        "requests": {"cpu": "1_000m", "memory": "16"},
        "limits": {"cpu": "1.50", "memory": "4Gi", "nvidia.com/gpu": "1", "x": None},
    }
    assert definition.node_selector == {"pool": "gpu", "tier": "1"}
    assert definition.quantity("limits", "nvidia.com/gpu") == "1"
    assert definition.quantity("requests", "nvidia.com/gpu") is None
    pointer = resource_pointer("limits", "nvidia.com/gpu")
    assert pointer == "/spec/resources/limits/nvidia.com~1gpu"
    assert definition.location(pointer) == Location("doc.yaml", Span(8, 56, 8, 57))


def test_a_definition_survives_its_stored_form_and_damage_reads_as_nothing() -> None:
    definition = instance_type_def(document(GPU))
    assert definition is not None
    again = InstanceTypeDef.stored("gpu", "doc.yaml", 0, "", definition.details_json())
    assert again == definition
    damaged = InstanceTypeDef.stored("gpu", "doc.yaml", 0, "", b'[{"limits": 3}, {}, {}]')
    assert (damaged.resources, damaged.node_selector, damaged.spans) == ({}, {}, {})


def test_the_built_in_default_has_amounts_but_no_place() -> None:
    assert BUILTIN_DEFAULT.quantity("requests", "cpu") == "100m"
    assert BUILTIN_DEFAULT.location("/spec/resources/requests/cpu") is None


def test_definitions_are_kept_per_scope_first_file_first() -> None:
    paths = ("a.yaml", "b.yaml", "prod/t.yaml")
    context = ProjectContext.build(SETTINGS, [_definition("gpu", path) for path in paths], ())
    assert scope_of_definition(SETTINGS, "prod/x/t.yaml") == "prod"
    assert [d.path for d in context.definitions[""]["gpu"]] == ["a.yaml", "b.yaml"]
    found = context.lookup("prod", "gpu")
    assert found is not None and found.path == "prod/t.yaml"
    assert context.lookup("prod", "cpu") is None and context.lookup("staging", "gpu") is None
    assert context.known_names("prod") == {"gpu", "listed"}
    assert context.defines_anywhere("gpu") and not context.defines_anywhere("listed")


def test_kubernetes_computes_come_from_files_endpoints_and_the_config() -> None:
    context = ProjectContext.build(
        SETTINGS, (), ["k8s-attached"], [("ep", "k8s-of-endpoint"), ("ep", "later"), ("m", "")]
    )
    assert context.endpoint_computes == {"ep": "k8s-of-endpoint", "m": ""}
    assert [context.is_kubernetes_compute(c) for c in (
        "k8s-attached", "k8s-of-endpoint", "k8s-listed", "k8s-prod", "later", "cpu-cluster"
    )] == [True, True, True, True, False, False]


def test_a_removed_definition_is_one_whose_scope_no_longer_defines_its_name() -> None:
    context = ProjectContext.build(SETTINGS, [_definition("kept", "a.yaml")], ())
    head = [_definition("kept", "old.yaml"), _definition("gone", "old.yaml"),
            _definition("kept", "prod/t.yaml"), _definition("gone", "other.yaml")]
    removed = context.with_removed(head).removed
    assert {name: d.path for name, d in removed.items()} == {
        "gone": "old.yaml", "kept": "prod/t.yaml"
    }
    assert context.with_removed([_definition("kept", "b.yaml")]) is context
