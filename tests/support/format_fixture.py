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

