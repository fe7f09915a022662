"""Lint one file: decode, parse, classify, run the rules for the requested kinds.

Everything here is per file and picklable in and out, so a process pool can run it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from linter.core import pointer as jp
from linter.core.finding import Finding, Related, Report
from linter.core.span import Location, Span
from linter.engine.registry import rule_for
from linter.project.context import ProjectContext
from linter.project.facts import NO_FACTS, FileFacts, file_facts
from linter.rule import Rule
from linter.source.document import Document
from linter.source.kinds import DEFINITION_KINDS, Kind, classify, looks_like_ours
from linter.source.line_index import yaml_lines
from linter.source.text import UnreadableFile, decode
from linter.source.yaml_reader import SpanIndex, YamlProblem, parse

_PROBLEM_RULES = {
    "syntax": "AML001",
    "tag": "AML001",
    "duplicate-key": "AML002",
    "limit": "AML005",
}


@dataclass
class FileOutcome:
    findings: list[Finding] = field(default_factory=list)
    facts: FileFacts = NO_FACTS
    has_workloads: bool = False  # documents left for the workload pass
    relevant: bool = False  # at least one document of ours (or a parse error)


def lint_bytes(
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
    return [resolve(rule, report, document, lines) for report in reports]


def resolve(rule: Rule, report: Report, document: Document, lines: list[str]) -> Finding:
    span = locate(document.spans, report.pointer, report.at)
    related = tuple(_related(item, document) for item in report.related)
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=report.severity or rule.severity,
        path=document.path,
        span=span,
        message=report.message,
        pointer=report.pointer,
        document=document.index,
        related=tuple(r for r in related if r is not None),
        fix=report.fix,
        snippet=line_at(lines, span.start_line),
    )


def _related(item: Related, document: Document) -> tuple[Location, str] | None:
    if item.location is not None:
        return item.location, item.message
    if item.pointer is None:
        return None
    return Location(document.path, locate(document.spans, item.pointer, item.at)), item.message


def locate(spans: SpanIndex, pointer: str, at: str = "value") -> Span:
    """The span of a key or value; missing or empty values fall back to the key, then upward."""
    current = pointer
    while True:
        key = spans.keys.get(current)
        value = spans.values.get(current)
        if at == "key" and key is not None:
            return key
        if value is not None and not value.is_empty:
            return value
        if key is not None:
            return key
        if value is not None:
            return value
        if not current:
            return Span.point(1, 1)
        current = jp.parent(current)


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
    rule = rule_for(rule_id)
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=rule.severity,
        path=path,
        span=span,
        message=message,
        document=document,
        snippet=line_at(lines or [], span.start_line),
    )


def line_at(lines: list[str], number: int) -> str:
    """Line `number` (1-based) of `yaml_lines`, or "" past the end (a finding's snippet)."""
    return lines[number - 1] if 0 < number <= len(lines) else ""
