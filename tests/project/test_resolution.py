"""Which InstanceType each Kubernetes workload runs on: only on Kubernetes compute, in the
cluster scope of its compute; with clusters configured and no scope known, a name any scope
defines is accepted and resolved when only one scope does."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from linter.config.settings import ClusterScope, Settings
from linter.project.context import BUILTIN_DEFAULT, InstanceTypeDef, ProjectContext
from linter.project.resolution import (
    definition_label,
    definition_quantity,
    known_names,
    resolve,
    scopes_of,
)
from tests.support.documents import PIPELINE, document
from tests.support.lint_helpers import lint_folder, render_expected

TWO_CLUSTERS = Settings(root=Path("."), clusters=(
    ClusterScope(name="a", instance_types=("a/**",), computes=("ka",)),
    ClusterScope(name="b", instance_types=("b/**",), computes=("kb",)),
))


def _definition(
    name: str, path: str, limits: dict[str, str | None] | None = None
) -> InstanceTypeDef:
    return InstanceTypeDef(name, path, 0, "", {"limits": limits or {"cpu": "1"}}, {})


def _job(compute: str, instance_type: str) -> str:
    resources = f"resources: {{instance_type: {instance_type}}}\n"
    return f"command: x\ncompute: azureml:{compute}\n{resources}"


def test_a_step_resolves_where_its_compute_is_kubernetes_or_its_name_is_known() -> None:
    settings = Settings(root=Path("."), kubernetes_computes=("k8s",))
    context = ProjectContext.build(settings, [_definition("gpu-large", "t.yaml")], ())
    found = [(r.workload.pointer, r.named, r.name, r.known, r.definition, r.checkable)
             for r in resolve(document(PIPELINE), context)]
    assert found == [
        ("/jobs/prep", False, "defaultinstancetype", True, BUILTIN_DEFAULT, True),
        ("/jobs/train", True, "gpu-large", True, _definition("gpu-large", "t.yaml"), True),
        ("/jobs/templated", True, None, True, None, False),
    ]


def test_other_compute_is_never_resolved() -> None:
    context = ProjectContext.build(Settings(root=Path(".")), [_definition("gpu", "t.yaml")], ())
    assert resolve(document("command: x\ncompute: azureml:cpu-cluster\n"), context) == []
    assert resolve(document(_job("cpu-cluster", "Standard_DS3_v2")), context) == []


def test_names_resolve_in_the_scope_of_the_compute_or_in_the_only_scope_defining_them() -> None:
    definitions = [_definition("gpu", "a/t.yaml"), _definition("gpu", "b/t.yaml"),
                   _definition("big", "b/t.yaml")]
    context = ProjectContext.build(TWO_CLUSTERS, definitions, ())

    def resolved(text: str) -> list[tuple[str | None, bool, str | None]]:
        return [(r.scope, r.known, r.definition and r.definition.path)
                for r in resolve(document(text), context)]

    assert resolved(_job("ka", "gpu")) == [("a", True, "a/t.yaml")]
    assert resolved(_job("ka", "big")) == [("a", False, None)]
    assert resolved(_job("elsewhere", "gpu")) == [(None, True, None)]  # which scope's?
    assert resolved(_job("elsewhere", "big")) == [(None, True, "b/t.yaml")]
    assert scopes_of(context, None) == ["", "a", "b"] and scopes_of(context, "b") == ["b"]
    assert known_names(context, "a") == {"defaultinstancetype", "gpu"}
    assert known_names(context, None) == {"defaultinstancetype", "gpu", "big"}


def test_an_amount_is_a_quantity_only_when_it_is_one() -> None:
    definition = _definition("x", "t.yaml", {"cpu": "500m", "memory": "2GB", "gpu": "{{ .G }}"})
    amount = definition_quantity(definition, "limits", "cpu")
    assert amount is not None and amount.text == "500m" and float(amount.value) == 0.5
    assert [definition_quantity(definition, "limits", r) for r in ("memory", "gpu", "none")] == [
        None, None, None
    ]
    assert definition_label(definition) == 'instance type "x"'
    assert definition_label(BUILTIN_DEFAULT) == 'the built-in "defaultinstancetype"'


def test_a_deployment_whose_cluster_is_unknown_resolves_only_unambiguous_names(
    tmp_path: Path,
) -> None:
    clusters = Path(__file__).parents[1] / "rules" / "AML401" / "ok_two_cluster_scopes"
    shutil.copytree(clusters, tmp_path, dirs_exist_ok=True)
    deployment = """\
    name: {name}
    type: kubernetes
    endpoint_name: not-in-this-repository
    model: azureml:m:1
    code_configuration: {{code: ./src, scoring_script: score.py}}
    instance_type: {instance_type}
    resources:
      requests: {{cpu: "1", memory: "1Gi"}}
      limits: {{cpu: "64", memory: "1Gi"}}
    """
    for name, instance_type in [("a", "gpu"), ("b", "gpu-a100"), ("c", "gpu-x")]:
        text = textwrap.dedent(deployment.format(name=name, instance_type=instance_type))
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    found = [f for f in lint_folder(tmp_path) if f.rule_id in ("AML401", "AML403")]
    assert render_expected(found) == (
        # "gpu" is defined by both clusters: which one applies cannot be told.
        'b.yaml:9:17-9:21: AML403 limits.cpu "64" is more than instance type "gpu-a100" allows'
        " (limits.cpu 32); ask for at most that, or choose a larger instance type\n"
        "  related clusters/prod/instance-types.yaml:17:19-17:23: instance type \"gpu-a100\":"
        " its limits.cpu\n"
        'c.yaml:6:16-6:21: AML401 instance type "gpu-x" is not defined in any cluster scope of'
        ' this repository; did you mean "gpu"?\n'
        "  related clusters/prod/instance-types.yaml:4:9-4:12: instance type \"gpu\" is defined"
        " here\n"
    )
