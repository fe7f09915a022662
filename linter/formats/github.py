"""`--format github`: GitHub Actions workflow commands that annotate the pull request.

`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message` (columns only when the
span is on one line, as GitHub requires; `endColumn` is exclusive), escaped exactly as
`@actions/core` escapes: `%`, CR and LF in the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, ToolFailure
from linter.formats.details import failure_place, full_message, properties_text, visible

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: RunResult, options: RenderOptions) -> str:
    return "".join(annotation(finding) + "\n" for finding in result.findings)


def annotation(finding: Finding) -> str:
    span = finding.span
    properties: dict[str, object] = {
        "file": visible(finding.path),
        "line": span.start_line,
        "endLine": span.end_line,
    }
    # GitHub accepts columns only on a one-line annotation.
    if span.start_line == span.end_line:
        properties.update(col=span.start_col, endColumn=span.end_col)
    properties["title"] = f"{finding.rule_id} {finding.rule_name}"
    listed = properties_text(properties, ",", escape_property)
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(full_message(finding))}"


def render_failure(failure: ToolFailure) -> str:
    """`::error file=<config>,line=…,col=…,title=…::message` for a run that did not happen."""
    place = failure_place(failure, ("file", "line", "col"))
    properties = {**place, "title": "amlarc-lint did not run"}
    listed = properties_text(properties, ",", escape_property)
    return f"::error {listed}::{escape_data(failure.message)}\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
