"""`--format github`: workflow commands the Actions runner turns into annotations."""

from __future__ import annotations

from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats import ToolFailure, render, render_failure
from tests.support.format_fixture import hostile_run, one_error


def test_github_annotation_text(result: RunResult) -> None:
    lines = render("github", result).splitlines()
    assert lines[2] == (
        "::notice file=team/more-types.yaml,line=5,endLine=5,col=9,endColumn=18,"
        f"title=AML105 duplicate-instance-type::{result.findings[2].message}"
        "%0Arelated: instance-types.yaml:4:9: first definition"
    )
    assert render("github", hostile_run()) == (
        "::error file=we%25ird%2Cna%3Ame;]%0D%0Aü %250A ##vso[x].yaml,line=6,endLine=6,col=3,"
        "endColumn=29,title=AML105 duplicate-instance-type::50%25 of a:b, c;d] e%0D%0Aü"
        "%0Arelated: x,y:z%25.yaml:2:1: first; [here]\n"
    )


def test_github_annotation_of_a_multi_line_span_has_no_columns() -> None:
    assert render("github", one_error("AML101", "missing-field", Span(3, 5, 7, 12), "m")) == (
        "::error file=it.yaml,line=3,endLine=7,title=AML101 missing-field::m\n"
    )


def test_a_run_that_did_not_happen_is_one_error_at_the_config() -> None:
    failure = ToolFailure("bad, config: 50%", "amlarc-lint.toml", 2, 10)
    assert render_failure("github", failure) == (
        "::error file=amlarc-lint.toml,line=2,col=10,title=amlarc-lint did not run::"
        "bad, config: 50%25\n"
    )
    assert render_failure("github", ToolFailure("m", "x.toml")) == (
        "::error file=x.toml,title=amlarc-lint did not run::m\n"
    )
