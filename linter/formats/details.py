"""Text shared by the CI formats: a finding's message with its related locations, and the
`key=value` list of a logging command."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from linter.core.finding import Finding
from linter.core.span import Location
from linter.formats import ToolFailure


def position(location: Location, shown: Callable[[str], str] = str) -> str:
    """`path:line:col` of where a location starts, as every text format writes it; `shown`
    rewrites the path (the text formats: relative to the current folder)."""
    return f"{shown(location.path)}:{location.span.start_line}:{location.span.start_col}"


def shown_position(finding: Finding, shown: Callable[[str], str] = str) -> str:
    """Where a finding is as people read it: `path:line:col`, or in a notebook
    `nb.ipynb:cell 3:5:10` (the cell, and the line and column in it)."""
    if finding.cell is None:
        return position(finding.location, shown)
    span = finding.cell.span
    return f"{shown(finding.path)}:cell {finding.cell.cell}:{span.start_line}:{span.start_col}"


def one_line(text: str) -> str:
    """A message for a line-per-finding format: line breaks shown as `\\n`, not made."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def full_message(finding: Finding) -> str:
    """The message, then one `related: path:line:col: message` line per related location."""
    related = [
        f"related: {position(location)}: {message}"
        for location, message in finding.related
    ]
    return "\n".join([finding.message, *related])


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
