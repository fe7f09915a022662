"""The one set of findings every output format is rendered from.

`tests/formats/project` is linted as a project by the real engine and the real rules of the
0xx and 1xx groups: a syntax error, a duplicate key, a mis-indented key, a wrong type, and
a cross-file finding with a related location (AML105: an instance type defined again in
another file). Its `amlarc-lint.toml` makes AML102 a warning and AML105 info, so the set
holds every severity.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from linter.core.finding import Finding, Severity
from linter.core.span import Location, Span
from linter.discovery.configs import load_settings
from linter.engine import passes as engine
from linter.engine.registry import rule_for
from linter.engine.run_result import RunResult
from linter.rule import Rule

FIXTURE = Path(__file__).parents[1] / "formats" / "project"
MIS_INDENTED_LIMITS = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: cpu-small
spec:
  resources:
    requests: {cpu: "1", memory: "1Gi"}
  limits: {cpu: "1", memory: "1Gi"}
"""  # one AML102 at 8:3, for the CLI and hook tests


def instance_type_with_unknown_key(key: str) -> str:
    """An InstanceType whose spec holds `key` (quoted): a finding that echoes the key."""
    return f"""\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: x
spec:
  "{key}": 1
  resources:
    limits: {{cpu: "1"}}
"""


# A fixed set of rules, so that rules added later do not change the fixture's findings.
FIXTURE_RULES = (
    "AML001", "AML002", "AML003", "AML004", "AML005", "AML101", "AML102", "AML103", "AML105",
)


def fixture_rules() -> tuple[Rule, ...]:
    return tuple(rule_for(rule_id) for rule_id in FIXTURE_RULES)


def lint_project(folder: Path) -> RunResult:
    """Lint a folder as a project with the fixture's rules."""
    return engine.run(load_settings(folder), (str(folder),), rules=fixture_rules())


def copy_fixture(tmp: Path) -> Path:
    target = tmp / "project"
    shutil.copytree(FIXTURE, target)
    return target


def fixture_result(tmp: Path) -> RunResult:
    return lint_project(copy_fixture(tmp))


HOSTILE_NAME = "we%ird,na:me;]\r\nü %0A ##vso[x].yaml"
HOSTILE_KEY = "bad%key,:;]\\r\\nü %25 ::x"
HOSTILE_DOCUMENT = instance_type_with_unknown_key(HOSTILE_KEY)


def hostile_run() -> RunResult:
    """A hand-made finding for exact expected text, independent of any rule's wording."""
    finding = Finding(
        rule_id="AML105",
        rule_name="duplicate-instance-type",
        severity=Severity.ERROR,
        path=HOSTILE_NAME,
        span=Span(6, 3, 6, 29),
        message="50% of a:b, c;d] e\r\nü",
        related=(Location("x,y:z%.yaml", Span(2, 1, 2, 5)).related("first; [here]"),),
    )
    return RunResult(findings=[finding], rules=fixture_rules())


def one_error(rule_id: str, rule_name: str, span: Span, message: str) -> RunResult:
    """A run with one hand-made error finding in `it.yaml`."""
    finding = Finding(rule_id, rule_name, Severity.ERROR, "it.yaml", span, message)
    return RunResult(findings=[finding], rules=fixture_rules())
