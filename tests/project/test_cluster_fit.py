"""Where a document would run on its cluster: an InstanceType's pods in its scope, a
Kubernetes deployment's (its own resources or its instance type's, plus the sidecar), worked
out once per document; and the related locations the 7xx rules point at."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from linter.config.settings import ClusterScope, Settings
from linter.core.span import Location, Span
from linter.domain.cluster import DEPLOYMENT_OVERHEAD, NO_OVERHEAD, ClusterModel
from linter.project.cluster_fit import (
    deployment_fits,
    endpoint_scope,
    instance_type_fit,
    model_of,
    node_related,
    selector_text,
    setting_related,
)
from linter.project.context import ProjectContext, instance_type_def
from linter.source.node_snapshot import ClusterNode, read_extension_settings
from tests.support import cluster_documents
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE, check, write_project
from tests.support.documents import document

NODE = ClusterNode("n1", "nodes.yaml", {"agentpool": "cpupool"}, (),
                   {"cpu": "3860m", "memory": "12899172Ki"},
                   spans={"name": [4, 9, 4, 11], "allocatable/cpu": [9, 10, 9, 15]})
MODEL = ClusterModel(scope="", nodes=(NODE,), has_nodes=True)
# Without a node selector: every node is labelled for it. The deployment asks for more
# than its instance type allows, on purpose.
SMALL = SMALL_INSTANCE_TYPE  # requests cpu 500m, memory 1Gi; limits cpu 1, memory 1Gi
BORROWING = DEPLOYMENT.split("resources:")[0]  # uses its instance type's resources
GIB = Fraction(2**30)


def _context() -> ProjectContext:
    definition = instance_type_def(document(SMALL))
    assert definition is not None
    return ProjectContext.build(Settings(root=Path(".")), [definition], (), clusters={"": MODEL})


def test_an_instance_type_is_placed_on_its_scope_s_nodes_once() -> None:
    instance_type = document(SMALL)
    fit = instance_type_fit(instance_type, _context())
    assert fit is not None
    assert (fit.demand.requests, fit.demand.limits, fit.demand.overhead) == (
        {"cpu": Fraction(1, 2), "memory": GIB}, {"cpu": Fraction(1), "memory": GIB}, NO_OVERHEAD
    )
    assert (fit.resources_pointer, fit.own_selector) == ("/spec/resources", {})
    assert [n.name for n in fit.placement.fitting] == ["n1"]
    assert [n.name for n in fit.placement.within_limits] == ["n1"]
    assert instance_type_fit(instance_type, _context()) is fit
    larger = SMALL.replace('limits: {cpu: "1"', 'limits: {cpu: "4"')
    larger_fit = instance_type_fit(document(larger), _context())
    assert larger_fit is not None and larger_fit.placement.within_limits == []  # > 3860m


def test_a_placeholder_in_the_selector_cannot_be_placed() -> None:
    templated = SMALL.replace("spec:\n", "spec:\n  nodeSelector: {pool: '{{ .Values.pool }}'}\n")
    assert instance_type_fit(document(templated), _context()) is None


def test_a_deployment_brings_its_own_resources_or_uses_its_instance_type_s() -> None:
    [fit] = deployment_fits(document(DEPLOYMENT.replace('{cpu: "500m"', '{cpu: "2"')), _context())
    assert (fit.own_resources, fit.resources_pointer) == (True, "/resources")
    assert (fit.demand.requests["cpu"], fit.demand.overhead) == (Fraction(2), DEPLOYMENT_OVERHEAD)
    [borrowed] = deployment_fits(document(BORROWING), _context())
    assert (borrowed.own_resources, borrowed.demand.requests["cpu"]) == (False, Fraction(1, 2))
    assert borrowed.definition is not None and borrowed.definition.name == "small"


def test_the_model_of_a_scope_and_an_endpoint_s_scope() -> None:
    bare = ProjectContext.build(Settings(root=Path(".")), [], (),
                                clusters={"": ClusterModel(scope="")})
    assert model_of(_context(), "") is MODEL
    assert (model_of(_context(), None), model_of(bare, "")) == (None, None)
    assert model_of(bare, "", nodes=False) == ClusterModel(scope="")
    settings = Settings(root=Path("."), clusters=(ClusterScope(name="prod", computes=("k8s",)),))
    clustered = ProjectContext.build(settings, [], ())
    endpoint = (
        "$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json"
        "\nname: churn\ncompute: azureml:{}\n"
    )
    assert [endpoint_scope(document(endpoint.format(c)), clustered) for c in ("k8s", "x")] == [
        "prod", None
    ]
    assert endpoint_scope(document(endpoint.format("x")), _context()) == ""


def test_related_locations_at_a_node_and_at_a_setting() -> None:
    assert node_related(NODE, "allocatable/cpu", "3860m") == Location(
        "nodes.yaml", Span(9, 10, 9, 15)).related('node "n1": 3860m')
    assert node_related(NODE, "taints/0", "x").span == Span(4, 9, 4, 11)  # at its name
    assert node_related(NODE._replace(spans={}), "taints/0", "x").span == Span(1, 1, 1, 1)
    settings = read_extension_settings("s.json", b'{"nodeSelector.pool": "gpu"}')
    model = ClusterModel(scope="", settings=settings)
    assert setting_related(model, "nodeSelector.pool") == (
        Location("s.json", Span(1, 2, 1, 21)).related('nodeSelector.pool: "gpu"'),
    )
    assert setting_related(model, "other") == (
        Location("s.json", Span(1, 1, 1, 29)).related("other is not set"),
    )
    assert setting_related(MODEL, "other") == ()
    assert (selector_text({"a": "b", "c": "d"}), selector_text({})) == ("a=b, c=d", "(none)")


def test_each_cluster_reads_its_own_nodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    node, instance_type = cluster_documents.NODE, cluster_documents.TYPE
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, {
        "types.yaml": instance_type,
        "amlarc-lint.toml": (
            '[[clusters]]\nname = "prod"\ninstance-types = ["prod/**"]\n'
            'nodes = ["prod/nodes.yaml"]\n'
            '[[clusters]]\nname = "dev"\ninstance-types = ["dev/**"]\n'
            'nodes = ["dev/nodes.yaml"]\n'
        ),
        "prod/nodes.yaml": node.format(name="prod-0").replace("cpupool", "gpupool"),
        "prod/types.yaml": instance_type,
        "dev/nodes.yaml": node.format(name="dev-0"),
        "dev/types.yaml": instance_type,
    })
    found = [f for f in check("--format", "concise").found if f[3] == "AML701"]
    assert [f[0] for f in found] == ["dev/types.yaml"]
