"""`--format text`: `path:line:col: AML302 message`, the source line with the span underlined,
the related locations, then the summary."""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.core.span import CellSpot, Location, Span
from linter.engine.registry import rule_for
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, render

LIMIT = rule_for("AML302")
QUANTITY = rule_for("AML201")


def _cross_file() -> Finding:
    return Finding(
        LIMIT.id, LIMIT.name, Severity.ERROR, "deploy/red.yaml", Span(9, 17, 9, 20),
        "limit too high", snippet='  limits: {cpu: "2", memory: 1Gi}',
        related=(Location("types.yaml", Span(7, 19, 7, 22)).related("the instance type's limit"),),
    )


def _run(*findings: Finding) -> RunResult:
    return RunResult(findings=list(findings), rules=(LIMIT, QUANTITY), files_checked=2)


def test_a_finding_shows_its_line_underlined_and_its_related_location() -> None:
    assert render("text", _run(_cross_file())) == (
        "deploy/red.yaml:9:17: AML302 limit too high\n"
        '9 |   limits: {cpu: "2", memory: 1Gi}\n'
        "  |                 ^^^\n"
        "  related: types.yaml:7:19: the instance type's limit\n"
        "Found 1 finding (1 error); 2 files checked, 0 files skipped.\n"
    )


def test_the_underline_keeps_tabs_and_runs_to_the_line_end_for_a_multi_line_span() -> None:
    finding = Finding(QUANTITY.id, QUANTITY.name, Severity.WARNING, "a.yaml",
                      Span(12, 5, 14, 2), "m", snippet="\tab: cd")
    lines = render("text", _run(finding), RenderOptions(quiet=True)).splitlines()
    assert lines == ["a.yaml:12:5: AML201 m", "12 | \tab: cd", "   | \t   ^^^"]


def test_colour_paints_the_place_the_id_and_the_underline_by_severity() -> None:
    finding = Finding(QUANTITY.id, QUANTITY.name, Severity.WARNING, "a.yaml",
                      Span(2, 1, 2, 3), "m", snippet="ab: 1")
    assert render("text", _run(finding), RenderOptions(color=True, quiet=True)) == (
        "\x1b[1ma.yaml:2:1:\x1b[0m \x1b[1;33mAML201\x1b[0m m\n"
        "2 | ab: 1\n"
        "  | \x1b[33m^^\x1b[0m\n"
    )


def test_a_finding_without_a_snippet_is_one_line() -> None:
    finding = Finding(LIMIT.id, LIMIT.name, Severity.INFO, "a.yaml", Span(1, 1, 1, 1), "m")
    assert render("text", _run(finding), RenderOptions(quiet=True)) == "a.yaml:1:1: AML302 m\n"


def test_a_notebook_finding_shows_the_cell_and_its_own_line() -> None:
    finding = Finding(
        QUANTITY.id, QUANTITY.name, Severity.ERROR, "nb.ipynb", Span(40, 12, 40, 16), "m",
        snippet='    "x = Command(cpu=\\"2GB\\")"',
        cell=CellSpot(3, Span(1, 17, 1, 22), 'x = Command(cpu="2GB")'),
    )
    assert render("text", _run(finding), RenderOptions(quiet=True)) == (
        "nb.ipynb:cell 3:1:17: AML201 m\n"
        '1 | x = Command(cpu="2GB")\n'
        "  |                 ^^^^^\n"
    )
