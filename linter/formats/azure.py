"""`--format azure`: Azure Pipelines logging commands, one `task.logissue` per finding.

`##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=AML302]message`,
escaped as the Azure Pipelines task library escapes: `%` as `%AZP25`, CR as `%0D`, LF as
`%0A` everywhere; in property values also `;` as `%3B` and `]` as `%5D`. Azure knows only
errors and warnings: info findings are logged as warnings.
"""

from __future__ import annotations

from linter.core.finding import Finding, Severity
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, ToolFailure
from linter.formats.details import failure_place, full_message, properties_text, visible

TYPES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "warning"}


def render(result: RunResult, options: RenderOptions) -> str:
    return "".join(logissue(finding) + "\n" for finding in result.findings)


def logissue(finding: Finding) -> str:
    properties = {
        "type": TYPES[finding.severity],
        "sourcepath": visible(finding.path),
        "linenumber": finding.span.start_line,
        "columnnumber": finding.span.start_col,
        "code": finding.rule_id,
    }
    listed = properties_text(properties, ";", escape_property)
    return f"##vso[task.logissue {listed}]{escape_data(full_message(finding))}"


def render_failure(failure: ToolFailure) -> str:
    """An error logged at the config file for a run that did not happen."""
    place = failure_place(failure, ("sourcepath", "linenumber", "columnnumber"))
    properties = {"type": "error", **place}
    listed = properties_text(properties, ";", escape_property)
    return f"##vso[task.logissue {listed}]{escape_data(failure.message)}\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(";", "%3B").replace("]", "%5D")
