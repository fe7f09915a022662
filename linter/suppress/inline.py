"""Inline suppression: the stage after `engine.run` that hides the findings an
`# amlarc-lint: ignore...` comment covers (counted in `RunResult.suppressed`) and reports
the directives that hid nothing, or cannot be read, as AML004.

Only files that mention `amlarc-lint:` are scanned (`linter.suppress.directives`). Unused directives
are reported in the run's target files only: other files were not fully linted. An id that
is deselected or per-file-ignored for the file is not "unused" (a narrower `--select` run
must not flag the suppressions of the rules it skipped).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from linter.config.settings import Settings
from linter.core.finding import Finding
from linter.engine import selection
from linter.engine.check_file import engine_finding
from linter.engine.registry import rules_by_id
from linter.engine.run_result import RunResult
from linter.source.kinds import is_python_path
from linter.source.line_index import yaml_lines
from linter.source.overlay import NO_BUFFERS, Buffers, buffered
from linter.source.text import UnreadableFile, decode, mentions_marker, read_bytes
from linter.suppress.directives import Directive, find_directives

UNUSED = "AML004"
_ALL = "*"


def suppress(settings: Settings, result: RunResult, buffers: Buffers = NO_BUFFERS) -> RunResult:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_path[finding.path].append(finding)
    target_set = set(result.targets)
    kept: list[Finding] = []
    unused: list[Finding] = []
    suppressed = 0
    for path in sorted(set(by_path) | target_set):
        findings = by_path.get(path, [])
        quiet = path in result.without_directives
        text = "" if quiet else _text_with_directives(settings, path, buffers)
        directives = file_directives(path, text) if text else []
        used: set[tuple[int, str]] = set()
        for finding in findings:
            covering = [
                (number, _ALL if directive.rule_ids is None else finding.rule_id)
                for number, directive in enumerate(directives)
                if directive.covers(finding.rule_id, finding.span)
            ]
            if covering:
                suppressed += 1
                used.update(covering)
            else:
                kept.append(finding)
        if path in target_set and directives:
            unused += _unused(settings, path, text, directives, used)
    reported, deselected = selection.apply(settings, unused)
    return replace(
        result,
        findings=sorted([*kept, *reported], key=Finding.sort_key),
        suppressed=result.suppressed + suppressed,
        deselected=result.deselected + deselected,
    )


def file_directives(path: str, text: str) -> list[Directive]:
    """The suppression comments of a file's text, read as its kind of file has them."""
    if is_python_path(path):
        from linter.suppress.python_directives import find_python_directives

        return find_python_directives(path, text)
    return find_directives(text)


def _text_with_directives(settings: Settings, path: str, buffers: Buffers) -> str:
    try:
        data = buffered(buffers, path)
        if data is None:
            data = read_bytes(settings.root / path)
        if not mentions_marker(data):
            return ""
        return decode(data).text
    except UnreadableFile:
        return ""


def _unused(
    settings: Settings,
    path: str,
    text: str,
    directives: list[Directive],
    used: set[tuple[int, str]],
) -> list[Finding]:
    lines = yaml_lines(text)
    known = rules_by_id()
    found = []

    def report(directive: Directive, message: str) -> None:
        found.append(engine_finding(UNUSED, path, directive.span, message, lines))

    for number, directive in enumerate(directives):
        what = "ignore-file" if directive.whole_file else "ignore"
        where = "in this file" if directive.whole_file else _where(directive)
        if directive.problem:
            report(directive, directive.problem)
        elif directive.rule_ids is None:
            if (number, _ALL) not in used:
                report(directive, f"`{what}` hides no finding {where}; remove this comment")
        else:
            for rule_id in directive.rule_ids:
                if rule_id not in known:
                    report(directive, f"{rule_id} is not a rule; remove it from this comment")
                elif (number, rule_id) not in used and selection.reported_in(
                    settings, path, rule_id
                ):
                    report(
                        directive,
                        f"`{what}[{rule_id}]` hides no {rule_id} finding {where}; "
                        f"remove {rule_id} from this comment",
                    )
    return found


def _where(directive: Directive) -> str:
    if directive.target_line is None:
        return "on this line"
    return f"on line {directive.target_line}, below it"
