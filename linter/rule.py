"""Everything a rule module imports: how to declare a rule (`rule`, `project_rule`,
`engine_rule`), and what its check receives and yields (`Document`, `ProjectContext`,
`Report`, `Severity`, `Kind`; a related location is a `Location`, made by
`document.related(pointer, note)` or, from the context, `location.related(note)`).

The engine finds every `Rule` in a module of `linter.rules` (`linter.engine.registry`);
the Azure ML and Kubernetes knowledge rules share is in `linter.domain`.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass
from typing import Any

from linter.core.finding import Report, Severity
from linter.core.span import Location, Role
from linter.project.context import ProjectContext
from linter.source.document import Document
from linter.source.kinds import Kind

__all__ = [
    "Document",
    "Kind",
    "Location",
    "ProjectContext",
    "Report",
    "Role",
    "Rule",
    "Severity",
    "describe",
    "engine_rule",
    "project_rule",
    "rule",
]

DocumentCheck = Callable[[Document, ProjectContext], Iterable[Report]]
ProjectCheck = Callable[[ProjectContext], Iterable[Report]]

RULE_ID = re.compile(r"^AML\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it checks", "Why", "Example", "Use instead", "Options")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, name, default severity and documentation, what it checks (a
    document of these kinds, or the project context), and how it behaves."""

    id: str
    name: str
    severity: Severity
    doc: str
    _: KW_ONLY
    kinds: frozenset[Kind] = frozenset()
    check: DocumentCheck | None = None
    project_check: ProjectCheck | None = None
    fixable: bool = False
    # Its findings may have a related location in another file (an instance type's
    # definition): a change to that file makes the engine run it again on its users.
    cross_file: bool = False

    @property
    def summary(self) -> str:
        """The documentation's first paragraph, on one line."""
        return " ".join(self.doc.strip().split("\n\n", 1)[0].split())

    def section(self, title: str) -> str:
        """The text of one `## title` section of the rule's documentation."""
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.doc, re.M | re.S)
        return match.group(1).strip() if match else ""


def rule(
    id: str,
    name: str,
    severity: Severity,
    kinds: Iterable[Kind],
    *,
    fixable: bool = False,
    cross_file: bool = False,
) -> Callable[[DocumentCheck], Rule]:
    """Declare a document rule; the decorated function's docstring is its documentation."""

    def declare(check: DocumentCheck) -> Rule:
        doc = inspect.getdoc(check) or ""
        return Rule(
            id, name, severity, doc, kinds=frozenset(kinds), check=check, fixable=fixable,
            cross_file=cross_file,
        )

    return declare


def project_rule(id: str, name: str, severity: Severity) -> Callable[[ProjectCheck], Rule]:
    """Declare a rule that looks at the whole project context (e.g. duplicate definitions)."""

    def declare(check: ProjectCheck) -> Rule:
        return Rule(id, name, severity, inspect.getdoc(check) or "", project_check=check)

    return declare


def engine_rule(id: str, name: str, severity: Severity, doc: str) -> Rule:
    """A finding the engine itself emits (parse errors, crashes); declared here for its docs."""
    return Rule(id, name, severity, inspect.cleandoc(doc))


def rule_documentation(rule: Rule) -> str:
    """What `amlarc-lint rule ID` prints and the language server's hover shows (Markdown)."""
    fix = " (fixable)" if rule.fixable else ""
    heading = f"# {rule.id} {rule.name}\n\nDefault severity: {rule.severity.label}{fix}"
    return f"{heading}\n\n{rule.doc}\n"


def describe(value: Any) -> str:
    """A YAML-ish rendering of a value for messages: strings quoted, others as YAML writes them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # quoted, control characters escaped
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)
