"""Declaring a rule: its documentation from the docstring, its sections and summary, the text
`amlarc-lint rule ID` prints, and how messages describe values."""

from __future__ import annotations

from collections.abc import Iterator

from linter.rule import (
    Document,
    Kind,
    ProjectContext,
    Report,
    Rule,
    Severity,
    describe,
    engine_rule,
    project_rule,
    rule,
    rule_documentation,
)

DOC = """\
Request at most the limit, on one
line when shown.

Second paragraph.

## What it checks
A request above its limit.

## Why
Kubernetes rejects it.
"""


@rule("AML998", "request-over-limit", Severity.WARNING, [Kind.INSTANCE_TYPE, Kind.COMMAND_JOB],
      fixable=True, cross_file=True)
def _document_rule(document: Document, context: ProjectContext) -> Iterator[Report]:
    """Request at most the limit.

    ## Why
    Kubernetes rejects it.
    """
    yield Report("/spec", "too much")


@project_rule("AML997", "twice", Severity.ERROR)
def _project_rule(context: ProjectContext) -> Iterator[Report]:
    """Defined twice."""
    return iter(())


def test_a_document_rule_is_declared_by_its_decorator() -> None:
    assert isinstance(_document_rule, Rule)
    assert (_document_rule.id, _document_rule.name, _document_rule.severity) == (
        "AML998", "request-over-limit", Severity.WARNING
    )
    assert _document_rule.kinds == frozenset({Kind.INSTANCE_TYPE, Kind.COMMAND_JOB})
    assert (_document_rule.fixable, _document_rule.cross_file) == (True, True)
    assert _document_rule.doc == "Request at most the limit.\n\n## Why\nKubernetes rejects it."
    assert _document_rule.check is not None and _document_rule.project_check is None


def test_a_project_rule_and_an_engine_rule() -> None:
    assert (_project_rule.doc, _project_rule.kinds, _project_rule.check) == (
        "Defined twice.", frozenset(), None
    )
    assert _project_rule.project_check is not None
    declared = engine_rule("AML996", "engine-own", Severity.ERROR, """
        First line.

        ## Why
        Indented in the source.
    """)
    assert declared.doc == "First line.\n\n## Why\nIndented in the source."
    assert declared.check is declared.project_check is None


def test_the_summary_is_the_first_paragraph_on_one_line_and_sections_are_found() -> None:
    documented = Rule("AML995", "x", Severity.INFO, DOC)
    assert documented.summary == "Request at most the limit, on one line when shown."
    assert documented.section("What it checks") == "A request above its limit."
    assert documented.section("Why") == "Kubernetes rejects it."
    assert documented.section("Options") == ""


def test_the_rule_command_prints_a_heading_then_the_documentation() -> None:
    assert rule_documentation(_document_rule) == (
        "# AML998 request-over-limit\n\nDefault severity: warning (fixable)\n\n"
        "Request at most the limit.\n\n## Why\nKubernetes rejects it.\n"
    )
    assert rule_documentation(_project_rule).startswith(
        "# AML997 twice\n\nDefault severity: error\n\n"
    )


def test_values_are_described_the_way_yaml_writes_them() -> None:
    assert [describe(v) for v in ("2GB", 'a"\n', None, True, False, 1.5, 2, {}, [])] == [
        '"2GB"', '"a\\"\\n"', "null", "true", "false", "1.5", "2", "a mapping", "a list"
    ]
