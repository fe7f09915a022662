"""Severities, a rule's report, and the finding the engine makes of it."""

from __future__ import annotations

import pytest

from linter.core.finding import Finding, Report, Severity
from linter.core.span import Location, Role, Span


def finding(**changes: object) -> Finding:
    fields: dict[str, object] = {
        "rule_id": "AML302",
        "rule_name": "cpu-limit",
        "severity": Severity.ERROR,
        "path": "a.yaml",
        "span": Span(2, 3, 2, 7),
        "message": "m",
    }
    return Finding(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "severity"),
    [("error", Severity.ERROR), (" Warning\n", Severity.WARNING), ("INFO", Severity.INFO)],
)
def test_a_severity_is_parsed_whatever_its_case_and_spaces(text: str, severity: Severity) -> None:
    assert Severity.parse(text) is severity


def test_an_unknown_severity_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        Severity.parse("fatal")


def test_severities_are_ordered_and_labelled() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert [s.label for s in Severity] == ["info", "warning", "error"]


def test_a_report_is_at_the_value_with_no_extras_by_default() -> None:
    report = Report("/spec/x", "bad")
    assert (report.at, report.related, report.fix, report.severity, report.location) == (
        "value", (), None, None, None
    )
    with pytest.raises(TypeError):
        Report("/spec/x", "bad", "key")  # type: ignore[misc]


def test_findings_sort_by_path_line_column_then_rule() -> None:
    first = finding(path="a.yaml", span=Span(2, 3, 2, 4), rule_id="AML401")
    second = finding(path="a.yaml", span=Span(2, 3, 9, 9), rule_id="AML402")
    third = finding(path="a.yaml", span=Span(10, 1, 10, 2), rule_id="AML001")
    fourth = finding(path="b.yaml", span=Span(1, 1, 1, 2), rule_id="AML001")
    shuffled = [fourth, third, second, first]
    assert sorted(shuffled, key=Finding.sort_key) == [first, second, third, fourth]
    assert first.sort_key() == ("a.yaml", 2, 3, "AML401", 2, 4, "m")


def test_the_fix_snippet_and_cell_do_not_make_findings_differ() -> None:
    assert finding(fix=object(), snippet="cpu: 1") == finding()
    assert finding(message="other") != finding()


def test_a_findings_location_is_its_primary_place() -> None:
    assert finding().location == Location("a.yaml", Span(2, 3, 2, 7))
    assert finding().location.role is Role.PRIMARY
