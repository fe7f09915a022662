"""The text the formats share: control characters made visible, one-line messages, positions,
the message with its related locations, CI command properties and a failed run's place."""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.core.span import CellSpot, Location, Span
from linter.formats import ToolFailure
from linter.formats.details import (
    failure_place,
    full_message,
    one_line,
    position,
    properties_text,
    shown_position,
    visible,
)


def _finding(**extra: object) -> Finding:
    return Finding("AML302", "request-exceeds-limit", Severity.ERROR, "deploy/red.yaml",
                   Span(9, 17, 9, 20), "too high", **extra)  # type: ignore[arg-type]


def test_visible_escapes_controls_but_keeps_tabs_line_breaks_and_letters() -> None:
    assert visible("a\x1b[31m\x9b\u202eb\u2028c") == "a\\x1b[31m\\x9b\\u202eb\\u2028c"
    assert visible("tab\there\r\nü 名前") == "tab\there\r\nü 名前"


def test_one_line_writes_line_breaks_as_escapes() -> None:
    assert one_line("first\r\nsecond\x07") == "first\\r\\nsecond\\x07"


def test_position_is_path_line_column_with_the_path_as_shown() -> None:
    location = Location("types\x1b.yaml", Span(7, 19, 8, 2))
    assert position(location) == "types\\x1b.yaml:7:19"
    assert position(location, lambda path: f"../{path}") == "../types\\x1b.yaml:7:19"


def test_a_notebook_finding_is_shown_at_its_cell() -> None:
    assert shown_position(_finding()) == "deploy/red.yaml:9:17"
    in_a_cell = _finding(cell=CellSpot(3, Span(2, 5, 2, 9), "x = 1"))
    assert shown_position(in_a_cell, str.upper) == "DEPLOY/RED.YAML:cell 3:2:5"


def test_full_message_adds_a_line_per_related_location() -> None:
    related = (
        Location("types.yaml", Span(7, 19, 7, 22)).related("the limit"),
        Location("more.yaml", Span(1, 1, 1, 2)).related("also\x1b here"),
    )
    assert full_message(_finding(related=related)) == (
        "too high\n"
        "related: types.yaml:7:19: the limit\n"
        "related: more.yaml:1:1: also\\x1b here"
    )


def test_properties_are_escaped_and_joined() -> None:
    listed = properties_text({"file": "a,b", "line": 3}, ",", lambda v: v.replace(",", "%2C"))
    assert listed == "file=a%2Cb,line=3"


def test_a_failure_place_stops_at_the_first_unknown_part() -> None:
    keys = ("file", "line", "col")
    assert failure_place(ToolFailure("m", "a.toml", 2, 10), keys) == {
        "file": "a.toml", "line": 2, "col": 10
    }
    assert failure_place(ToolFailure("m", "a.toml", None, 10), keys) == {"file": "a.toml"}
    assert failure_place(ToolFailure("m"), keys) == {}
