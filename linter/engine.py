"""One run: discover -> read -> (definitions pass) -> project context -> (workloads pass)
-> project rules -> selection -> sorted findings.

Definitions (InstanceTypes, compute attach files) are checked in a first pass that also
collects the project context; workloads (jobs, deployments, endpoints) are checked in a
second pass against the complete context. Each file is parsed once, except the rare file
that mixes both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from linter import discover, selection
from linter.context import ProjectContext
from linter.facts import FileFacts
from linter.finding import Finding, LocatedReport
from linter.kinds import looks_relevant, may_define
from linter.lint_file import FileOutcome, engine_finding, lint_bytes
from linter.rule import Rule, load_rules
from linter.settings import Settings
from linter.source import UnreadableFile, read_bytes, searchable_bytes
from linter.span import Span


@dataclass
class RunResult:
    findings: list[Finding]
    rules: tuple[Rule, ...]
    files_checked: int = 0  # target files holding at least one document of ours
    files_skipped: int = 0  # target files that are not ours
    deselected: int = 0
    suppressed: int = 0


@dataclass
class _Pending:
    path: str
    file_problems: bool


def run(settings: Settings, paths: Sequence[str], rules: Iterable[Rule] | None = None) -> RunResult:
    all_rules = tuple(rules) if rules is not None else load_rules()
    active = selection.selected_rules(settings, all_rules)
    chosen = discover.targets(settings, paths)
    target_set = set(chosen.files)
    files = chosen.files if chosen.whole_project else _union(discover.project_files(settings), chosen.files)

    findings: list[Finding] = [
        engine_finding("AML005", path, Span.point(1, 1), "path does not exist") for path in chosen.missing
    ]
    relevant: set[str] = set()
    facts: dict[str, FileFacts] = {}
    pending: list[_Pending] = []

    for path in files:
        is_target = path in target_set
        try:
            data = read_bytes(settings.root / path)
        except UnreadableFile as exc:
            if is_target:
                findings.append(engine_finding("AML005", path, Span.point(1, 1), str(exc)))
                relevant.add(path)
            continue
        searchable = searchable_bytes(data)
        if not looks_relevant(searchable):
            continue
        if not may_define(searchable):
            pending.append(_Pending(path, True))
            continue
        outcome = lint_bytes(path, data, active if is_target else (), None, definitions=True,
                             file_problems=is_target)
        facts[path] = outcome.facts
        _collect(outcome, path, is_target, findings, relevant)
        if outcome.has_workloads:
            pending.append(_Pending(path, False))

    context = ProjectContext.build(
        settings,
        (d for f in facts.values() for d in f.definitions),
        (c for f in facts.values() for c in f.computes),
    )
    changed_names = {d.name for p in target_set if p in facts for d in facts[p].definitions}

    for item in pending:
        is_target = item.path in target_set
        if not is_target and not changed_names:
            continue
        try:
            data = read_bytes(settings.root / item.path)
        except UnreadableFile as exc:
            if is_target:
                findings.append(engine_finding("AML005", item.path, Span.point(1, 1), str(exc)))
                relevant.add(item.path)
            continue
        outcome = lint_bytes(item.path, data, active, context, definitions=False,
                             file_problems=item.file_problems and is_target)
        if is_target:
            _collect(outcome, item.path, True, findings, relevant)
        else:
            findings += [f for f in outcome.findings if _related_in(f, target_set)]

    findings += _project_findings(settings, active, context, target_set)
    kept, deselected = selection.apply(settings, findings)
    kept = sorted(set(kept), key=Finding.sort_key)
    return RunResult(
        findings=kept,
        rules=all_rules,
        files_checked=len(relevant & target_set),
        files_skipped=len(target_set - relevant),
        deselected=deselected,
    )


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(first) | set(second)))


def _collect(
    outcome: FileOutcome, path: str, is_target: bool, findings: list[Finding], relevant: set[str]
) -> None:
    if not is_target:
        return
    findings += outcome.findings
    if outcome.relevant:
        relevant.add(path)


def _related_in(finding: Finding, paths: set[str]) -> bool:
    return any(location.path in paths for location, _ in finding.related)


def _project_findings(
    settings: Settings, rules: Iterable[Rule], context: ProjectContext, targets: set[str]
) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        if rule.project_check is None:
            continue
        for report in rule.project_check(context):
            finding = _located(settings, rule, report)
            if finding.path in targets or _related_in(finding, targets):
                found.append(finding)
    return found


def _located(settings: Settings, rule: Rule, report: LocatedReport) -> Finding:
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        severity=rule.severity,
        path=report.location.path,
        span=report.location.span,
        message=report.message,
        related=report.related,
        snippet=_source_line(settings, report.location.path, report.location.span.start_line),
    )


def _source_line(settings: Settings, path: str, number: int) -> str:
    try:
        lines = searchable_bytes(read_bytes(settings.root / path)).decode("utf-8", "replace")
    except UnreadableFile:
        return ""
    text = lines.lstrip("\ufeff").split("\n")
    return text[number - 1].rstrip("\r") if 0 < number <= len(text) else ""

