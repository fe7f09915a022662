"""`--format json`: every field of every finding, versioned, from the shared fixture set."""

from __future__ import annotations

import json

from linter import __version__
from linter.engine.run_result import RunResult
from linter.formats import render
from linter.suppress.fingerprint import fingerprints


def test_json_carries_every_field_of_every_finding(result: RunResult) -> None:
    data = json.loads(render("json", result))
    assert data["version"] == 1
    assert data["tool"] == {
        "name": "amlarc-lint",
        "version": __version__,
        "information_uri": "https://github.com/amlarc-lint/amlarc-lint",
    }
    assert data["summary"] == {
        "findings": 5,
        "by_severity": {"error": 3, "warning": 1, "info": 1},
        "files_checked": 3,
        "files_skipped": 0,
        "deselected": 0,
        "suppressed": 0,
        "baselined": 0,
    }
    prints = fingerprints(result.findings)
    for entry, finding, fingerprint in zip(data["findings"], result.findings, prints, strict=True):
        assert entry["rule_id"] == finding.rule_id
        assert entry["path"] == finding.path
        assert entry["message"] == finding.message
        assert entry["fingerprint"] == fingerprint
        assert tuple(entry["span"].values()) == finding.span.as_tuple()
    assert data["findings"][2] == {
        "rule_id": "AML105",
        "rule_name": "duplicate-instance-type",
        "severity": "info",
        "path": "team/more-types.yaml",
        "span": {"start_line": 5, "start_column": 9, "end_line": 5, "end_column": 18},
        "message": result.findings[2].message,
        "pointer": "",
        "document": 0,
        "snippet": "  name: cpu-small",
        "related": [
            {
                "path": "instance-types.yaml",
                "span": {"start_line": 4, "start_column": 9, "end_line": 4, "end_column": 18},
                "message": "first definition",
            }
        ],
        "fix_available": False,
        "fingerprint": prints[2],
        "help_uri": f"https://github.com/amlarc-lint/amlarc-lint/blob/v{__version__}/README.md#aml105",
    }
    assert data["findings"][4]["pointer"] == "/spec/resources/limits"
