"""One Python file checked like a YAML file: the same passes and rules, AML204 a warning with
the Python wording, a syntax error one AML510, and no finding that depends on a value the
code does not state."""

from __future__ import annotations

from pathlib import Path

from linter.config.settings import Settings
from linter.core.finding import Severity
from linter.core.span import Span
from linter.engine.check_python import check_python_file
from linter.engine.registry import load_rules
from linter.project.context import ProjectContext

CONTEXT = ProjectContext.build(Settings(root=Path(".")), (), ())
DEPLOYMENT = """\
import os
from azure.ai.ml.entities import KubernetesOnlineDeployment, ResourceRequirementsSettings
from azure.ai.ml.entities import ResourceSettings

deployment = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="churn",
    instance_type="cpu-small",
    resources=ResourceRequirementsSettings(
        requests=ResourceSettings(cpu={cpu}, memory="8Gi"),
        limits=ResourceSettings(cpu={limit}, memory="4Gi"),
    ),
)
"""


def _found(text: str, definitions: bool = False) -> list[tuple[str, Span, str]]:
    outcome = check_python_file("d.py", text.encode(), load_rules(), CONTEXT,
                                definitions=definitions)
    return [(f.rule_id, f.span, f.pointer) for f in outcome.findings]


def test_a_deployment_is_checked_in_the_workloads_pass() -> None:
    text = DEPLOYMENT.format(cpu='"1"', limit='"0.5"')
    assert _found(text, definitions=True) == []
    assert _found(text) == [
        ("AML302", Span(10, 39, 10, 42), "/resources/requests/cpu"),
        ("AML302", Span(10, 51, 10, 56), "/resources/requests/memory"),
        ("AML401", Span(8, 19, 8, 30), "/instance_type"),
    ]


def test_a_finding_about_a_value_the_code_does_not_state_is_dropped() -> None:
    text = DEPLOYMENT.format(cpu='os.environ["CPU"]', limit='"0.5"')
    assert _found(text) == [
        ("AML302", Span(10, 65, 10, 70), "/resources/requests/memory"),
        ("AML401", Span(8, 19, 8, 30), "/instance_type"),
    ]


def test_a_python_number_is_a_warning_in_python_words_with_its_quoting_fix() -> None:
    text = DEPLOYMENT.format(cpu='"0.5"', limit="2")
    outcome = check_python_file("d.py", text.encode(), load_rules(), CONTEXT, definitions=False)
    [number] = [f for f in outcome.findings if f.rule_id == "AML204"]
    assert (number.span, number.severity) == (Span(11, 37, 11, 38), Severity.WARNING)
    assert number.message == (
        'limits.cpu is the Python number 2; cpu in a Kubernetes deployment should be a string: '
        'write "2" (azure-ai-ml sends it as a number, which deployment YAML rejects)'
    )
    assert number.fix is not None and number.fix.new_text == '"2"'


def test_a_syntax_error_is_one_aml510_from_the_pass_that_reports_it() -> None:
    data = b"from azure.ai.ml import command\ndef (:\n"
    outcome = check_python_file("s.py", data, load_rules(), CONTEXT, definitions=True)
    assert [(f.rule_id, f.span, f.severity, f.message) for f in outcome.findings] == [
        ("AML510", Span(2, 5, 2, 6), Severity.WARNING,
         "this file does not parse as Python (invalid syntax); it is not checked")
    ]
    assert outcome.relevant
    quiet = check_python_file("s.py", data, load_rules(), CONTEXT, definitions=True,
                              file_problems=False)
    assert quiet.findings == []
