"""Findings as LSP diagnostics, and a bad config as one diagnostic on the config file."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from linter.core.finding import Finding, Severity
from linter.core.span import Location, Span
from linter.server.diagnostics import config_diagnostic, diagnostic, file_uri
from linter.server.positions import DocumentPositions
from linter.server.session import ConfigProblem


def _range(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(types.Position(*start), types.Position(*end))


def test_a_finding_is_a_diagnostic_with_its_rule_its_severity_and_its_related_places() -> None:
    finding = Finding(
        "AML403", "exceeds-instance-type", Severity.WARNING, "deploy/red.yaml",
        Span(9, 17, 9, 20), "too much",
        related=(Location("types/small.yaml", Span(7, 19, 7, 22)).related("the limit"),),
    )
    here = DocumentPositions("a\n" * 12)
    other = DocumentPositions("😀 b\n" * 8)  # two UTF-16 code units before column 3

    def positions_of(path: str) -> tuple[str, DocumentPositions]:
        assert path == "types/small.yaml"
        return "file:///p/types/small.yaml", other

    made = diagnostic(finding, here, positions_of)
    assert (made.code, made.source, made.message, made.severity) == (
        "AML403", "amlarc-lint", "too much", types.DiagnosticSeverity.Warning
    )
    assert made.range == _range((8, 1), (8, 1))  # the line holds one character: its end
    assert made.code_description is not None
    assert made.code_description.href.endswith("/README.md#aml403")
    assert made.related_information == [
        types.DiagnosticRelatedInformation(
            types.Location("file:///p/types/small.yaml", _range((6, 4), (6, 4))), "the limit"
        )
    ]


def test_without_related_places_there_is_no_related_information() -> None:
    finding = Finding("AML201", "invalid-quantity", Severity.INFO, "a.yaml", Span(1, 1, 1, 2), "m")
    made = diagnostic(finding, DocumentPositions("ab\n"), lambda path: ("", DocumentPositions("")))
    assert (made.related_information, made.severity, made.range) == (
        None, types.DiagnosticSeverity.Information, _range((0, 0), (0, 1))
    )


def test_a_config_problem_is_at_its_place_or_at_the_top() -> None:
    text = 'select = ["AML"]\nignore = ]\n'
    placed = config_diagnostic(ConfigProblem(Path("c.toml"), "bad", 2, 10), text)
    assert (placed.range, placed.severity, placed.message, placed.source) == (
        _range((1, 9), (1, 10)), types.DiagnosticSeverity.Error, "bad", "amlarc-lint"
    )
    unplaced = config_diagnostic(ConfigProblem(Path("c.toml"), "bad"), text)
    assert unplaced.range == _range((0, 0), (0, 1))


def test_a_file_uri_is_absolute(tmp_path: Path) -> None:
    assert file_uri(tmp_path / "a b.yaml") == (tmp_path / "a b.yaml").as_uri()
    assert file_uri(Path("x.yaml")) == (Path.cwd() / "x.yaml").as_uri()
