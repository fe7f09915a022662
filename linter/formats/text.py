"""`path:line:col: AML302 message`, then the source line with the span underlined."""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions
from linter.formats.details import one_line, position, shown_position, visible
from linter.formats.summary import summary_line

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, options: RenderOptions) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if options.color else text


def render(result: RunResult, options: RenderOptions) -> str:
    blocks = [_finding(f, options) for f in result.findings]
    summary = "" if options.quiet else summary_line(result) + "\n"
    return "".join(blocks) + summary


def _finding(finding: Finding, options: RenderOptions) -> str:
    span, snippet = finding.span, finding.snippet
    if finding.cell is not None:  # a notebook: the cell's own line, not the JSON
        span, snippet = finding.cell.span, finding.cell.line_text
    where = _paint(f"{shown_position(finding, options.shown_path)}:", "1", options)
    rule_id = _paint(finding.rule_id, "1;" + _COLORS[finding.severity], options)
    head = f"{where} {rule_id} {one_line(finding.message)}\n"
    lines = [head]
    if snippet:
        gutter = str(span.start_line)
        pad = " " * len(gutter)
        end = span.end_col if span.end_line == span.start_line else len(snippet) + 1
        # Control characters are shown escaped: the underline counts their escapes.
        before = visible(snippet[: span.start_col - 1])
        width = max(1, len(visible(snippet[span.start_col - 1 : end - 1])))
        prefix = "".join(c if c == "\t" else " " for c in before)
        marker = _paint("^" * width, _COLORS[finding.severity], options)
        lines.append(f"{gutter} | {visible(snippet)}\n{pad} | {prefix}{marker}\n")
    for location in finding.related:
        where = position(location, options.shown_path)
        lines.append(f"  related: {where}: {one_line(location.note)}\n")
    return "".join(lines)
