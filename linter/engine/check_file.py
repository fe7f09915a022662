"""Lint one file: decode, parse, classify, run the rules for the requested kinds.

Everything here is per file and picklable in and out, so a process pool can run it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from linter.core.finding import Finding, Report, Severity
from linter.core.fixes import Fix
from linter.core.span import Location, Span
from linter.engine.registry import rule_for
from linter.project.context import ProjectContext
from linter.project.facts import NO_FACTS, FileFacts, file_facts
from linter.rule import Rule
from linter.source.document import Document, locate
from linter.source.kinds import DEFINITION_KINDS, Kind, classify, looks_like_ours
from linter.source.line_index import yaml_lines
from linter.source.text import UnreadableFile, decode
from linter.source.yaml_reader import YamlProblem, parse

_PROBLEM_RULES = {
    "syntax": "AML001",
    "tag": "AML001",
    "duplicate-key": "AML002",
    "limit": "AML005",
}


@dataclass
class FileOutcome:
    """One file's check: its findings, and the facts other files need from it."""

    findings: list[Finding] = field(default_factory=list)
    facts: FileFacts = NO_FACTS
    has_workloads: bool = False  # documents left for the workload pass
    relevant: bool = False  # at least one document of ours (or a parse error)


def check_yaml_file(
    path: str,
    data: bytes,
    rules: Iterable[Rule],
    context: ProjectContext | None,
    *,
    definitions: bool,
    file_problems: bool = True,
) -> FileOutcome:
    """Check the definition documents (`definitions=True`) or the workload documents.

    Parse errors belong to the file, not to a pass: `file_problems` says whether this pass
    reports them (the first pass that reads the file does).
    """
    outcome = FileOutcome()
    try:
        source = decode(data)
    except UnreadableFile as exc:
        outcome.findings.append(engine_finding("AML005", path, exc.span, str(exc)))
        outcome.relevant = True
        return outcome
    lines = yaml_lines(source.text)
    parsed = parse(source.text, lines)
    by_kind = checks_by_kind(tuple(rules))
    checked: list[Document] = []
    for yaml_document in parsed.documents:
        kind = classify(yaml_document.root)
        if kind is None:
            continue
        outcome.relevant = True
        if (kind in DEFINITION_KINDS) != definitions:
            outcome.has_workloads = outcome.has_workloads or definitions
            continue
        built = yaml_document.build()
        outcome.findings += [problem_finding(path, p, lines) for p in built.problems]
        if built.over_limit:
            continue
        document = Document(path, yaml_document.index, kind, built.data, built.spans)
        views = [document, *document.items()] if kind is Kind.INSTANCE_TYPE_LIST else [document]
        checked += views
        for view in views:
            for rule in by_kind[view.kind]:
                outcome.findings += run_rule(rule, view, context, lines)
    outcome.facts = file_facts(checked)
    if file_problems and parsed.problems and (outcome.relevant or looks_like_ours(data)):
        outcome.findings += [problem_finding(path, p, lines) for p in parsed.problems]
        outcome.relevant = True
    return outcome


@lru_cache(maxsize=16)
def checks_by_kind(rules: tuple[Rule, ...]) -> dict[Kind, tuple[Rule, ...]]:
    """The document rules that check each kind, in the given order (worked out once per rule
    set, not per document)."""
    return {
        kind: tuple(rule for rule in rules if rule.check is not None and kind in rule.kinds)
        for kind in Kind
    }


def run_rule(
    rule: Rule, document: Document, context: ProjectContext | None, lines: list[str]
) -> list[Finding]:
    assert rule.check is not None
    try:
        reports = list(rule.check(document, context))  # type: ignore[arg-type]
    except Exception as exc:  # a broken rule must not stop the run (AML003)
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        span = document.spans.values.get(document.base) or Span.point(1, 1)
        message = (
            f"rule {rule.id} ({rule.name}) crashed on this document: {type(exc).__name__}: {exc} "
            f"(at {where.name}:{where.lineno}); please report this"
        )
        return [engine_finding("AML003", document.path, span, message, lines, document.index)]
    return [located_finding(rule, report, document, lines) for report in reports]


def located_finding(rule: Rule, report: Report, document: Document, lines: list[str]) -> Finding:
    """The report with its pointer made the exact span in the document."""
    span = locate(document.spans, report.pointer, report.at)
    return new_finding(
        rule,
        document.path,
        span,
        report.message,
        lines,
        severity=report.severity,
        pointer=report.pointer,
        document=document.index,
        related=report.related,
        fix=report.fix,
    )


def problem_finding(path: str, problem: YamlProblem, lines: list[str]) -> Finding:
    return engine_finding(_PROBLEM_RULES[problem.kind], path, problem.span, problem.message, lines)


def engine_finding(
    rule_id: str,
    path: str,
    span: Span,
    message: str,
    lines: list[str] | None = None,
    document: int = 0,
) -> Finding:
    return new_finding(rule_for(rule_id), path, span, message, lines or [], document=document)


def new_finding(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    lines: list[str],
    *,
    severity: Severity | None = None,
    pointer: str = "",
    document: int = 0,
    related: tuple[Location, ...] = (),
    fix: Fix | None = None,
) -> Finding:
    """The one place a `Finding` is made: from a rule (its id, name and default severity),
    where it is, and the file's lines (for the snippet)."""
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=severity or rule.severity,
        path=path,
        span=span,
        message=message,
        pointer=pointer,
        document=document,
        related=related,
        fix=fix,
        snippet=line_at(lines, span.start_line),
    )


def line_at(lines: list[str], number: int) -> str:
    """Line `number` (1-based) of `yaml_lines`, or "" past the end (a finding's snippet)."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
