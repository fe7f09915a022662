"""Code actions and hovers on a linted document.

- A finding with a safe fix: a quick fix made by the fix engine (`fix_apply.plan_bytes`, the
  same planning and re-parse check as `check --fix`) on the unsaved text.
- Every finding: "ignore AMLxxx on this line" (an `# amlarc-lint: ignore[AMLxxx]` comment at
  the end of the line, or the id added to the directive already there; alone on the line
  above when a comment cannot end that line, e.g. inside a block scalar) and "ignore AMLxxx
  in this file" (`# amlarc-lint: ignore-file[AMLxxx]` on the first line, or the id added to
  the one already there). An edit is offered only when the directive parser reads the result
  as covering the finding.
- Hover on a finding, or on an `# amlarc-lint: ignore[...]` comment: the rule's documentation.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from linter.core.finding import Finding
from linter.core.span import Span
from linter.engine.registry import rules_by_id
from linter.fix.apply import plan_bytes
from linter.rule import rule_documentation
from linter.server.positions import DocumentPositions
from linter.source.line_index import LineIndex
from linter.source.text import UnreadableFile, decode
from linter.suppress.directives import Directive
from linter.suppress.inline import file_directives

QUICK_FIX = types.CodeActionKind.QuickFix


def code_actions(
    uri: str,
    findings: Sequence[Finding],
    diagnostics: Sequence[types.Diagnostic],
    positions: DocumentPositions,
    wanted: types.Range,
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    text = positions.text
    for finding, diagnostic in zip(findings, diagnostics, strict=True):
        if not _overlaps(diagnostic.range, wanted):
            continue
        fixed = _fixed_text(finding, text)
        if fixed is not None:
            title = f"Fix {finding.rule_id}: {finding.fix.description}"
            actions.append(_action(title, uri, positions, fixed, diagnostic, preferred=True))
        for title, edited in (
            (f"Ignore {finding.rule_id} on this line", _ignore_on_line(text, finding)),
            (f"Ignore {finding.rule_id} in this file", _ignore_in_file(text, finding)),
        ):
            if edited is not None:
                actions.append(_action(title, uri, positions, edited, diagnostic))
    return actions


def hover(
    path: str,
    findings: Sequence[Finding],
    diagnostics: Sequence[types.Diagnostic],
    positions: DocumentPositions,
    where: types.Position,
) -> types.Hover | None:
    """The documentation of the rules of the findings under the cursor, and of the rules an
    ignore comment under the cursor names."""
    rule_ids = [
        finding.rule_id
        for finding, diagnostic in zip(findings, diagnostics, strict=True)
        if _contains(diagnostic.range, where)
    ]
    rule_ids += _directive_ids_at(path, positions, where)
    known = rules_by_id()
    docs = [rule_documentation(known[rule_id]) for rule_id in dict.fromkeys(rule_ids)
            if rule_id in known]
    if not docs:
        return None
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n\n".join(docs))
    return types.Hover(contents=content)


def _directive_ids_at(
    path: str, positions: DocumentPositions, where: types.Position
) -> list[str]:
    offset = positions.offset(where)
    lines = LineIndex(positions.text)
    line = lines.line_of(offset)
    col = offset - lines.start(line) + 1
    for directive in file_directives(path, positions.text):
        span = directive.span
        if span.start_line == line and span.start_col <= col <= span.end_col:
            return list(directive.rule_ids or ())
    return []


def _fixed_text(finding: Finding, text: str) -> str | None:
    if finding.fix is None:
        return None
    planned = plan_bytes(finding.path, text.encode("utf-8"), [finding])
    if planned is None or planned.after is None:
        return None
    try:
        return decode(planned.after).text
    except UnreadableFile:
        return None


def _ignore_on_line(text: str, finding: Finding) -> str | None:
    lines = LineIndex(text)
    line = finding.span.start_line
    existing = _directive_on(file_directives(finding.path, text), line, whole_file=False)
    if existing is not None:
        edited = _with_id(text, lines, existing, finding.rule_id)
    else:
        end = lines.end(line)
        stripped = len(lines.line(line).rstrip())
        at = lines.start(line) + stripped
        edited = f"{text[:at]}  # amlarc-lint: ignore[{finding.rule_id}]{text[end:]}"
    if _covers(edited, finding, finding.span):
        return edited
    # A comment cannot end this line (it is inside a block scalar): the line above it.
    indent = lines.line(line)[: len(lines.line(line)) - len(lines.line(line).lstrip())]
    start = lines.start(line)
    newline = lines.newline(line) or "\n"
    above = f"{indent}# amlarc-lint: ignore[{finding.rule_id}]{newline}"
    edited = text[:start] + above + text[start:]
    moved = finding.span._replace(
        start_line=finding.span.start_line + 1, end_line=finding.span.end_line + 1
    )
    return edited if _covers(edited, finding, moved) else None


def _ignore_in_file(text: str, finding: Finding) -> str | None:
    lines = LineIndex(text)
    existing = _directive_on(file_directives(finding.path, text), None, whole_file=True)
    if existing is not None:
        edited = _with_id(text, lines, existing, finding.rule_id)
        span = finding.span
    else:
        # On the first line, or the second after a `#!` line (a script's interpreter).
        first = 2 if text.startswith("#!") and lines.line_count > 1 else 1
        newline = lines.newline(1) or "\n"
        at = lines.start(first)
        comment = f"# amlarc-lint: ignore-file[{finding.rule_id}]{newline}"
        edited = text[:at] + comment + text[at:]
        span = finding.span._replace(
            start_line=finding.span.start_line + 1, end_line=finding.span.end_line + 1
        )
    return edited if _covers(edited, finding, span) else None


def _directive_on(
    directives: list[Directive], line: int | None, whole_file: bool
) -> Directive | None:
    for directive in directives:
        if directive.problem or directive.rule_ids is None:
            continue
        if directive.whole_file == whole_file and (line is None or directive.line == line):
            return directive
    return None


def _with_id(text: str, lines: LineIndex, directive: Directive, rule_id: str) -> str:
    """The directive's id list with `rule_id` added (`ignore[AML201]` -> `[AML201,AML204]`)."""
    start = lines.offset(directive.span.start_line, directive.span.start_col)
    end = lines.offset(directive.span.end_line, directive.span.end_col)
    comment = text[start:end]
    close = comment.find("]")
    return text[: start + close] + f",{rule_id}" + text[start + close :]


def _covers(text: str, finding: Finding, span: Span) -> bool:
    directives = file_directives(finding.path, text)
    return any(directive.covers(finding.rule_id, span) for directive in directives)


def _action(
    title: str,
    uri: str,
    positions: DocumentPositions,
    new_text: str,
    diagnostic: types.Diagnostic,
    preferred: bool = False,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=QUICK_FIX,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(changes={uri: [_smallest_edit(positions, new_text)]}),
        is_preferred=preferred or None,
    )


def _smallest_edit(positions: DocumentPositions, new_text: str) -> types.TextEdit:
    """One edit replacing only what differs between the text and `new_text`."""
    old = positions.text
    start = 0
    limit = min(len(old), len(new_text))
    while start < limit and old[start] == new_text[start]:
        start += 1
    end_old, end_new = len(old), len(new_text)
    while end_old > start and end_new > start and old[end_old - 1] == new_text[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return types.TextEdit(
        types.Range(positions.at(start), positions.at(end_old)), new_text[start:end_new]
    )


def _overlaps(first: types.Range, second: types.Range) -> bool:
    return _before_or_at(first.start, second.end) and _before_or_at(second.start, first.end)


def _contains(span: types.Range, where: types.Position) -> bool:
    return _before_or_at(span.start, where) and _before_or_at(where, span.end)


def _before_or_at(first: types.Position, second: types.Position) -> bool:
    return (first.line, first.character) <= (second.line, second.character)

