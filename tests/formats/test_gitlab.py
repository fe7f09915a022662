"""`--format gitlab`: a GitLab Code Quality report."""

from __future__ import annotations

import json

from linter.engine.run_result import RunResult
from linter.formats import render
from linter.formats.details import full_message
from linter.suppress.fingerprint import fingerprints


def test_gitlab_code_quality_has_the_documented_shape(result: RunResult) -> None:
    issues = json.loads(render("gitlab", result))
    assert len(issues) == len(result.findings)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    prints = fingerprints(result.findings)
    for issue, finding, fingerprint in zip(issues, result.findings, prints, strict=True):
        assert issue == {
            "description": f"{finding.rule_id} {full_message(finding)}",
            "check_name": finding.rule_id,
            "fingerprint": fingerprint,
            "severity": severities[finding.severity.label],
            "location": {
                "path": finding.path,
                "lines": {"begin": finding.span.start_line, "end": finding.span.end_line},
            },
        }
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
