"""InstanceType rules beyond their fixtures: the docs' own examples, fixes, severities,
placeholders, and the exact-arithmetic corner cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.core.finding import Finding, Severity
from linter.core.fixes import MoveEntry, ReplaceScalar
from linter.domain.templating import is_placeholder
from tests.schemas.test_schemas import MY_INSTANCE_TYPE, MY_INSTANCE_TYPE_LIST
from tests.support.lint_helpers import assert_findings, lint_folder, lint_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "Azure__AML-Kubernetes"

# As the docs' page writes it, down to the space after the default's "1Gi" request.
DOCS_INSTANCE_TYPE_LIST = MY_INSTANCE_TYPE_LIST.replace(
    'memory: "1Gi"\n        limits', 'memory: "1Gi" \n        limits', 1
)

SHELL_TEMPLATE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: $INSTANCE_TYPE_NAME
spec:
  nodeSelector:
    ${NODE_LABEL}: "{{ .Values.pool }}"
  resources:
    limits:
      cpu: "$CPU"
      memory: "${MEMORY}"
      nvidia.com/gpu: $GPU
    requests:
      cpu: "{{ .Values.cpu }}"
      memory: "<memory>"
"""

DEFAULT_SPEC = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: defaultinstancetype
spec:
  resources:
    requests:
      cpu: "100m"
      memory: "2Gi"
    limits:
      cpu: "2"
      memory: "2Gi"
      nvidia.com/gpu: null
"""


def _found(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    "text",
    [MY_INSTANCE_TYPE, MY_INSTANCE_TYPE_LIST, DOCS_INSTANCE_TYPE_LIST, SHELL_TEMPLATE,
     DEFAULT_SPEC],
    ids=["instance-type", "instance-type-list", "as-on-the-page", "shell-template", "default"],
)
def test_the_docs_examples_lint_clean(tmp_path: Path, text: str) -> None:
    assert lint_text(tmp_path, text) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_the_corpus_instance_types_lint_clean(tmp_path: Path) -> None:
    for source in sorted(CORPUS.rglob("*.yaml")):
        if b"amlarc.azureml.com" in source.read_bytes():
            (tmp_path / source.name).write_bytes(source.read_bytes())
    assert list(tmp_path.iterdir()), "no InstanceType in the corpus"
    assert lint_folder(tmp_path) == []


def test_quantities_compare_exactly_across_units_and_yaml_integers(tmp_path: Path) -> None:
    text = """\
    apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata:
      name: exact
    spec:
      resources:
        requests:
          cpu: "1500m"
          memory: 1_073_741_824
        limits:
          cpu: "1.5"
          memory: "1024Mi"
    """
    assert_findings(tmp_path, text, "AML302", [])
    assert_findings(tmp_path, text.replace('"1024Mi"', '"1023Mi"'), "AML302", [(9, 15)])


FIXES = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: first
    spec:
      nodeSelector:
        gpu: true
      resources:
        requests:
          cpu: 1
          memory: 500mi
          nvidia.com/gpu: 1
        limits:
          cpu: "1"
          memory: "1.5 Gi"
  - metadata:
      name: second
    spec:
      resources:
        requests: {cpu: "1", memory: "1Gi"}
        limits: {cpu: "1", memory: "1Gi", nvidia.com/gpu: "2"}
---
apiVersion: amlarc.azureml.com/v1alpha1
kind: instancetype
metadata:
  name: third
spec:
  resources:
    requests: {cpu: "1", memory: "1Gi", nvidia.com/gpu: 1}
    limits: {cpu: "1", memory: "1Gi", nvidia.com/gpu: 1}
"""


def test_fixes_are_attached_with_absolute_pointers(tmp_path: Path) -> None:
    fixes = {(f.rule_id, f.document, f.pointer): f.fix for f in lint_text(tmp_path, FIXES)}
    item = "/items/0/spec"
    assert fixes[("AML601", 0, f"{item}/nodeSelector/gpu")] == ReplaceScalar(
        f"{item}/nodeSelector/gpu", '"true"', 'quote the value: "true"'
    )
    assert fixes[("AML204", 0, f"{item}/resources/requests/cpu")] == ReplaceScalar(
        f"{item}/resources/requests/cpu", '"1"', 'add the quotes: "1"'
    )
    assert fixes[("AML201", 0, f"{item}/resources/requests/memory")] == ReplaceScalar(
        f"{item}/resources/requests/memory", "500Mi", "write 500Mi"
    )
    assert fixes[("AML201", 0, f"{item}/resources/limits/memory")] == ReplaceScalar(
        f"{item}/resources/limits/memory", '"1.5Gi"', 'write "1.5Gi"'
    )
    assert fixes[("AML303", 0, f"{item}/resources/requests/nvidia.com~1gpu")] == MoveEntry(
        f"{item}/resources/requests/nvidia.com~1gpu",
        f"{item}/resources/limits",
        "move nvidia.com/gpu from requests to limits",
    )
    second = "/items/1/spec/resources/limits/nvidia.com~1gpu"
    assert fixes[("AML204", 0, second)] == ReplaceScalar(second, "2", "drop the quotes: 2")
    assert fixes[("AML011", 1, "/kind")] == ReplaceScalar(
        "/kind", "InstanceType", "write kind InstanceType"
    )
    # a GPU in both sections: delete the request by hand, the counts may differ
    assert fixes[("AML303", 1, "/spec/resources/requests/nvidia.com~1gpu")] is None


def test_fixable_rules_say_so() -> None:
    from linter.engine.registry import rules_by_id

    rules = rules_by_id()
    assert all(rules[r].fixable for r in ("AML011", "AML201", "AML204", "AML303", "AML601"))


def test_one_rule_reports_at_two_severities(tmp_path: Path) -> None:
    text = """\
    apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata:
      name: mixed
    spec:
      resources:
        requests:
          CPU: "1"
          memory: "1Gi"
          hugepages-2Mi: "1Gi"
        limits:
          cpu: 1
          memory: "1Gi"
    """
    found = lint_text(tmp_path, text)
    assert [(f.span.start_line, f.severity) for f in _found(found, "AML304")] == [
        (8, Severity.ERROR),  # misspelt: requests has no cpu at all
        (10, Severity.WARNING),
    ]
    assert _found(found, "AML301") == []
    assert [f.severity for f in _found(found, "AML204")] == [Severity.WARNING]


def test_extension_node_selector_conflict_is_an_error_and_an_extra_key_a_warning(
    tmp_path: Path,
) -> None:
    (tmp_path / "amlarc-lint.toml").write_text(
        'extension-node-selector = { agentpool = "mlpool" }\n', encoding="utf-8"
    )
    text = MY_INSTANCE_TYPE.replace(
        "    mylabel: mylabelvalue\n", "    agentpool: gpupool\n    zone: west\n"
    )
    found = _found(lint_text(tmp_path, text), "AML603")
    assert [(f.span.start_line, f.span.start_col, f.severity) for f in found] == [
        (7, 16, Severity.ERROR),
        (8, 5, Severity.WARNING),
    ]


def test_a_misspelt_required_field_is_reported_once(tmp_path: Path) -> None:
    text = MY_INSTANCE_TYPE.replace("  resources:", "  resource:")
    found = lint_text(tmp_path, text)
    assert [f.rule_id for f in found] == ["AML102"]
    assert found[0].message == 'unknown field "resource" in spec; did you mean "resources"?'


@pytest.mark.parametrize(
    "value",
    ["$CPU", "${MEMORY}", "${GPU:-1}", "$(cpu)", "${{parent.inputs.instance_type}}",
     "{{ .Values.cpu }}", "{{model_name}}", "<your name>", "gpu-${SIZE}", "<instance_type_name>"],
)
def test_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["500m", "2Gi", "gpu-large", "$", "$1", "{x}", "a < b", "cost: 5$", "<>", "", "1</failure>",
     "<br/>", "<a href=x>", "< b >", "<1>"],
)
def test_literal_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)
