"""The closing summary line of the human formats."""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats.summary import summary_line


def _finding(severity: Severity) -> Finding:
    return Finding("AML302", "request-exceeds-limit", severity, "a.yaml", Span(1, 1, 1, 2), "m")


def test_findings_are_counted_by_severity_most_severe_first() -> None:
    findings = [_finding(Severity.INFO), _finding(Severity.ERROR), _finding(Severity.ERROR)]
    run = RunResult(findings=findings, rules=(), files_checked=1, files_skipped=4)
    assert summary_line(run) == (
        "Found 3 findings (2 errors, 1 info); 1 file checked, 4 files skipped."
    )


def test_info_has_no_plural() -> None:
    run = RunResult(findings=[_finding(Severity.INFO)] * 2, rules=(), files_checked=1)
    assert summary_line(run).startswith("Found 2 findings (2 info);")


def test_nothing_found_names_no_severity() -> None:
    run = RunResult(findings=[], rules=(), files_checked=2)
    assert summary_line(run) == "Found 0 findings; 2 files checked, 0 files skipped."


def test_hidden_findings_are_counted_only_when_there_are_some() -> None:
    run = RunResult(findings=[_finding(Severity.WARNING)], rules=(), files_checked=1,
                    deselected=2, baselined=1)
    assert summary_line(run) == (
        "Found 1 finding (1 warning); 1 file checked, 0 files skipped, 2 deselected, 1 baselined."
    )
    every = RunResult(findings=[], rules=(), deselected=1, suppressed=5, baselined=3)
    assert summary_line(every).endswith(
        "0 files skipped, 1 deselected, 5 suppressed, 3 baselined."
    )
