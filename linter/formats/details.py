"""Text shared by the CI formats: a finding's message with its related locations, and the
`key=value` list of a logging command."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from linter.core.finding import Finding, Severity
from linter.core.span import Location
from linter.formats import ToolFailure

# Levels as SARIF and compilers name them (info is a `note`).
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# Characters that would act on a terminal or a CI log instead of showing: C0 controls but
# tab and line breaks (which each format treats itself), DEL, C1 controls, the Unicode line
# and paragraph separators and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def visible(text: str) -> str:
    """`text` with each control character written as its escape (ESC as `\\x1b`), so that a
    file name or a value cannot recolour, move or rewrite what a human or a CI log shows."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def position(location: Location, shown: Callable[[str], str] = str) -> str:
    """`path:line:col` of where a location starts, as every text format writes it; `shown`
    rewrites the path (the text formats: relative to the current folder). Control
    characters in the path are shown escaped."""
    path = visible(shown(location.path))
    return f"{path}:{location.span.start_line}:{location.span.start_col}"


def shown_position(finding: Finding, shown: Callable[[str], str] = str) -> str:
    """Where a finding is as people read it: `path:line:col`, or in a notebook
    `nb.ipynb:cell 3:5:10` (the cell, and the line and column in it)."""
    if finding.cell is None:
        return position(finding.location, shown)
    span = finding.cell.span
    path = visible(shown(finding.path))
    return f"{path}:cell {finding.cell.cell}:{span.start_line}:{span.start_col}"


def one_line(text: str) -> str:
    """A message for a line-per-finding format: line breaks shown as `\\n`, not made, and
    control characters as their escapes."""
    return visible(text).replace("\r", "\\r").replace("\n", "\\n")


def full_message(finding: Finding) -> str:
    """The message, then one `related: path:line:col: message` line per related location;
    control characters shown escaped (line breaks are each format's business)."""
    related = [
        f"related: {position(location)}: {visible(location.note)}" for location in finding.related
    ]
    return "\n".join([visible(finding.message), *related])


def properties_text(
    properties: Mapping[str, object], separator: str, escape: Callable[[str], str]
) -> str:
    """`key=value` pairs of a CI logging command, each value escaped for that CI."""
    return separator.join(f"{key}={escape(str(value))}" for key, value in properties.items())


def failure_place(failure: ToolFailure, keys: tuple[str, str, str]) -> dict[str, object]:
    """The file, line and column of a failed run's cause (those known), under a CI's names
    for them."""
    values = (failure.path, failure.line, failure.column)
    place: dict[str, object] = {}
    for key, value in zip(keys, values, strict=True):
        if not value:
            break
        place[key] = value
    return place
