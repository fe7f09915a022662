"""`--format concise`: one compiler-style line per finding, then the summary."""

from __future__ import annotations

import re

from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, render
from tests.support.format_fixture import one_error

# VS Code's `$gcc` problem matcher, the pattern CI matchers for compilers are written like.
GCC_MATCHER = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


def test_concise_is_read_by_a_compiler_problem_matcher(result: RunResult) -> None:
    lines = render("concise", result).splitlines()[:-1]  # the summary line matches nothing
    matched = [GCC_MATCHER.match(line) for line in lines]
    levels = {"error": "error", "warning": "warning"}
    assert [
        (m[1], int(m[2]), int(m[3]), m[4], m[5].split(" ", 1)[0]) for m in matched if m
    ] == [
        (f.path, f.span.start_line, f.span.start_col, levels[f.severity.label], f.rule_id)
        for f in result.findings
        if f.severity.label in levels
    ]
    assert lines[2] == (
        f"team/more-types.yaml:5:9: note: AML105 {result.findings[2].message}"
    )


def test_quiet_prints_the_findings_without_the_summary() -> None:
    run = one_error("AML302", "request-exceeds-limit", Span(3, 5, 3, 8), "too much")
    assert render("concise", run, RenderOptions(quiet=True)) == (
        "it.yaml:3:5: error: AML302 too much\n"
    )
