"""Findings as LSP diagnostics: `code` the rule id, `codeDescription.href` the rule's
documentation, `source` "amlarc-lint", the severity mapped, each related location (an
instance type's limit in another file) as `relatedInformation`. A bad config is one
diagnostic on the config file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from linter.core.docs_links import rule_doc_url
from linter.core.finding import Finding, Severity
from linter.server.positions import DocumentPositions
from linter.server.session import ConfigProblem

SOURCE = "amlarc-lint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

# The positions of another file of the project (a related location), by its project path.
PositionsOf = Callable[[str], tuple[str, DocumentPositions]]


def diagnostic(
    finding: Finding, positions: DocumentPositions, positions_of: PositionsOf
) -> types.Diagnostic:
    related = []
    for location in finding.related:
        uri, where = positions_of(location.path)
        related.append(
            types.DiagnosticRelatedInformation(
                types.Location(uri, where.range(location.span)), location.note
            )
        )
    return types.Diagnostic(
        range=positions.range(finding.span),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule_id,
        code_description=types.CodeDescription(href=rule_doc_url(finding.rule_id)),
        source=SOURCE,
        related_information=related or None,
    )


def config_diagnostic(problem: ConfigProblem, text: str) -> types.Diagnostic:
    """At the place the error names (TOML's parser does), else at the top of the file."""
    line, col = problem.line or 1, problem.column or 1
    positions = DocumentPositions(text)
    start = positions.position(line, col)
    return types.Diagnostic(
        range=types.Range(start, positions.position(line, col + 1)),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def file_uri(path: Path) -> str:
    return path.absolute().as_uri()
