"""`--format json`: every field of every finding, in a versioned shape (README "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from linter import __version__
from linter.core.docs_links import PROJECT_URL, rule_doc_url
from linter.core.finding import Finding, Severity
from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions
from linter.suppress.fingerprint import fingerprints

JSON_VERSION = 1


def render(result: RunResult, options: RenderOptions) -> str:
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "amlarc-lint", "version": __version__, "information_uri": PROJECT_URL},
        "findings": [
            _finding(finding, print_)
            for finding, print_ in zip(result.findings, fingerprints(result.findings), strict=True)
        ],
        "summary": _summary(result),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _finding(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "severity": finding.severity.label,
        "path": finding.path,
        "span": _span(finding.span),
        "message": finding.message,
        "pointer": finding.pointer,
        "document": finding.document,
        "snippet": finding.snippet,
        "related": [
            {"path": location.path, "span": _span(location.span), "message": location.note}
            for location in finding.related
        ],
        "fix_available": finding.fix is not None,
        "fingerprint": fingerprint,
        "help_uri": rule_doc_url(finding.rule_id),
    }


def _span(span: Span) -> dict[str, int]:
    return {
        "start_line": span.start_line,
        "start_column": span.start_col,
        "end_line": span.end_line,
        "end_column": span.end_col,
    }


def _summary(result: RunResult) -> dict[str, Any]:
    by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for finding in result.findings:
        by_severity[finding.severity.label] += 1
    return {
        "findings": len(result.findings),
        "by_severity": by_severity,
        "files_checked": result.files_checked,
        "files_skipped": result.files_skipped,
        "deselected": result.deselected,
        "suppressed": result.suppressed,
        "baselined": result.baselined,
    }
