"""`--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`).

A JSON array with one issue per finding: `description`, `check_name` (the rule id),
`fingerprint` (linter.suppress.fingerprint: stable when lines move, unique within the report),
`severity` (error → major, warning → minor, info → info) and `location.path` with
`location.lines.begin`/`end`.
"""

from __future__ import annotations

import json
from typing import Any

from linter.core.finding import Finding, Severity
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions
from linter.formats.details import full_message
from linter.suppress.fingerprint import fingerprints

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: RunResult, options: RenderOptions) -> str:
    issues = [
        _issue(finding, print_)
        for finding, print_ in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{finding.rule_id} {full_message(finding)}",
        "check_name": finding.rule_id,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": finding.path,
            "lines": {"begin": finding.span.start_line, "end": finding.span.end_line},
        },
    }
