"""`check --fix` in Python files and notebooks: each fix is an exact text edit at its
finding's span (a keyword's name, an import's module, a literal's quotes), applied only
where the file still holds the expected text there; the result must still parse (as Python,
a notebook as JSON and each cell as Python) with no new syntax problem, or the file is left
untouched."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from linter.core.finding import Finding
from linter.core.fixes import ReplaceScalar, ReplaceText
from linter.core.span import Span
from linter.fix.edits import Edit, apply_edits
from linter.source.line_index import LineIndex
from linter.source.python_front import decode_python, parse_python
from linter.source.text import UnreadableFile, read_bytes

# (the bytes before, the bytes after or None when left untouched, the findings fixed, why not)
PlannedFile = tuple[bytes, bytes | None, tuple[Finding, ...], str]


def plan_python_file(location: Path, path: str, findings: list[Finding]) -> PlannedFile | None:
    try:
        data = read_bytes(location)
        text = decode_python(path, data)
    except UnreadableFile:
        return None
    lines = LineIndex(text)
    taken: list[Edit] = []
    fixed: list[Finding] = []
    for finding in findings:
        edit = _edit(finding, text, lines)
        if edit is None:
            continue
        if edit in taken:  # one import fixed for each of its names: one edit
            fixed.append(finding)
            continue
        if any(edit.overlaps(other) for other in taken):
            continue
        taken.append(edit)
        fixed.append(finding)
    if not taken:
        return None
    new_text = apply_edits(text, taken)
    problem = _problem(path, text, new_text)
    if problem:
        rules = ", ".join(sorted({finding.rule_id for finding in fixed}))
        return data, None, tuple(fixed), f"not fixed ({rules}): {problem}"
    return data, _encoded(path, data, new_text), tuple(fixed), ""


def _edit(finding: Finding, text: str, lines: LineIndex) -> Edit | None:
    fix = finding.fix
    if isinstance(fix, ReplaceText):
        span, old, new = fix.span, fix.old, fix.new
    elif isinstance(fix, ReplaceScalar) and not path_is_notebook(finding.path):
        span, new = finding.span, fix.new_text
        old = _text_at(text, lines, span)
        if not _same_literal_but_quoted(old, new):
            return None
    else:
        return None
    if span.start_line != span.end_line or span.end_line > lines.line_count:
        return None
    start = lines.offset(span.start_line, span.start_col)
    end = lines.offset(span.end_line, span.end_col)
    if text[start:end] != old:
        return None
    return Edit(start, end, new)


def path_is_notebook(path: str) -> bool:
    return path.endswith(".ipynb")


def _text_at(text: str, lines: LineIndex, span: Span) -> str:
    if span.start_line != span.end_line or span.end_line > lines.line_count:
        return ""
    return text[lines.offset(span.start_line, span.start_col) : lines.offset(*span[2:])]


def _same_literal_but_quoted(old: str, new: str) -> bool:
    """A number written as a string (`1` -> `"1"`) or back: same text, other type."""
    try:
        before, after = ast.literal_eval(old), ast.literal_eval(new)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    kinds = (int, float, str)
    return (
        isinstance(before, kinds)
        and isinstance(after, kinds)
        and not isinstance(before, bool)
        and str(before) == str(after)
    )


def _problem(path: str, before: str, after: str) -> str:
    if path_is_notebook(path):
        try:
            json.loads(after)
        except ValueError:
            return "the fixed notebook would not be valid JSON; file left untouched"
    old_problems = len(parse_python(path, before)[2])
    if len(parse_python(path, after)[2]) > old_problems:
        return "the fixed code would not parse; file left untouched"
    return ""


def _encoded(path: str, data: bytes, text: str) -> bytes:
    if path_is_notebook(path):
        return text.encode("utf-8")
    import io
    import tokenize

    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return text.encode(encoding)
