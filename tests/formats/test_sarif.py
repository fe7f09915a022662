"""`--format sarif`: valid against the 2.1.0 schema, ingestible by GitHub code scanning and
Azure DevOps, every rule described from its documentation, every related location linked."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import linter
from linter import __version__
from linter.core.finding import Finding, Severity
from linter.core.span import Location, Span
from linter.engine.registry import load_rules
from linter.engine.run_result import RunResult
from linter.formats import render
from linter.formats.sarif import escape_brackets
from linter.rule import Rule
from tests.support.sarif_checks import (
    embedded_link_targets,
    github_ingestion_problems,
    needs_sarif_schema,
    schema_errors,
)


def _sarif(result: RunResult) -> dict[str, Any]:
    log = json.loads(render("sarif", result))
    assert github_ingestion_problems(log) == []
    return log


@needs_sarif_schema
@pytest.mark.parametrize("which", ["result", "hostile", "every_rule"])
def test_sarif_validates_against_the_official_schema(
    which: str, request: pytest.FixtureRequest
) -> None:
    run: RunResult = request.getfixturevalue(which)
    assert schema_errors(json.loads(render("sarif", run))) == []


def test_sarif_is_valid_and_maps_each_finding(result: RunResult) -> None:
    log = _sarif(result)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in result.rules]
    assert run["columnKind"] == "unicodeCodePoints"
    assert list(run["originalUriBaseIds"]) == ["%SRCROOT%"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for sarif_result, finding in zip(run["results"], result.findings, strict=True):
        assert rules[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"] == finding.rule_id
        assert sarif_result["level"] == levels[finding.severity.label]
        assert sarif_result["message"]["text"].startswith(escape_brackets(finding.message))
        [location] = sarif_result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": finding.path, "uriBaseId": "%SRCROOT%"}
        assert tuple(physical["region"].values()) == finding.span.as_tuple()
    cross_file = run["results"][2]
    assert cross_file["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "instance-types.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 18},
            },
            "message": {"text": "first definition"},
        }
    ]
    assert cross_file["message"]["text"] == (
        f"{result.findings[2].message} (see [first definition](1))"
    )
    assert list(cross_file["partialFingerprints"]) == ["amlarcFingerprint/v1"]
    assert "relatedLocations" not in run["results"][0]


def test_sarif_describes_every_rule_from_its_documentation(every_rule: RunResult) -> None:
    described = _sarif(every_rule)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in described] == [r.id for r in load_rules()]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for entry, rule in zip(described, load_rules(), strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"] == {"text": rule.summary}
        what = " ".join(rule.section("What it checks").split())
        full = entry["fullDescription"]["text"]
        if len(what) <= 1024:
            assert full == what
        else:  # cut at a word, the whole text stays in help
            assert len(full) <= 1024 and full.endswith("…") and what.startswith(full[:-1])
        assert entry["help"]["markdown"] == rule.doc
        assert "## " not in entry["help"]["text"] and "```" not in entry["help"]["text"]
        assert rule.section("Why").split("\n")[0] in entry["help"]["text"]
        assert entry["helpUri"] == (
            f"https://github.com/amlarc-lint/amlarc-lint/blob/v{__version__}/README.md"
            f"#{rule.id.lower()}"
        )
        assert entry["defaultConfiguration"] == {"level": levels[rule.severity.label]}


def test_sarif_help_text_is_the_documentation_without_markdown() -> None:
    doc = "Summary line.\n\n## Example\n```yaml\n# a comment\nkey: 1\n```\n\n## Options\nNone."
    rule = Rule("AML999", "example-rule", Severity.WARNING, doc)
    [entry] = _sarif(RunResult(findings=[], rules=(rule,)))["runs"][0]["tool"]["driver"]["rules"]
    assert entry["help"] == {
        "text": "Summary line.\n\nExample\n# a comment\nkey: 1\n\nOptions\nNone.",
        "markdown": doc,
    }
    assert entry["fullDescription"] == entry["shortDescription"] == {"text": "Summary line."}


def test_sarif_uris_are_percent_encoded_relative_references(hostile: RunResult) -> None:
    log = _sarif(hostile)
    [sarif_result] = log["runs"][0]["results"]
    location = sarif_result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "we%25ird%2Cna%3Ame%3B%5D%0D%0A%C3%BC%20%250A%20%23%23vso%5Bx%5D.yaml"


def test_sarif_messages_link_every_related_location() -> None:
    """GitHub code scanning shows a related location only when the message links it."""
    finding = Finding(
        rule_id="AML302",
        rule_name="request-exceeds-limit",
        severity=Severity.ERROR,
        path="job.yaml",
        span=Span(3, 5, 3, 8),
        message=r"requests [cpu] \[2] too high",
        related=(
            Location("job.yaml", Span(5, 5, 5, 8)).related("the [limit]"),
            Location("types.yaml", Span(2, 1, 2, 4)).related("instance type"),
        ),
    )
    [sarif_result] = _sarif(RunResult(findings=[finding], rules=load_rules()))["runs"][0][
        "results"
    ]
    assert sarif_result["message"]["text"] == (
        r"requests \[cpu\] \\\[2\] too high (see [the \[limit\]](1); [instance type](2))"
    )
    assert embedded_link_targets(sarif_result["message"]["text"]) == {1, 2}
    assert [item["id"] for item in sarif_result["relatedLocations"]] == [1, 2]


def test_sarif_of_the_bad_examples_links_every_related_location() -> None:
    """Real cross-file and in-document findings (AML302, AML403): all linked, none dangling."""
    examples = Path(__file__).resolve().parents[2] / "examples" / "bad"
    result = linter.lint((str(examples),), linter.LintOptions(cache=False))
    results = _sarif(result)["runs"][0]["results"]  # _sarif checks GitHub's linking rule
    related = [r for r in results if r.get("relatedLocations")]
    assert {r["ruleId"] for r in related} >= {"AML302", "AML403"}
    for sarif_result in related:
        ids = {item["id"] for item in sarif_result["relatedLocations"]}
        assert embedded_link_targets(sarif_result["message"]["text"]) == ids


def test_sarif_names_the_tool_and_the_run_for_azure_devops(result: RunResult) -> None:
    [run] = _sarif(result)["runs"]
    assert run["tool"]["driver"]["fullName"].startswith("amlarc-lint")
    automation = run["automationDetails"]["id"]
    category, _, instance = automation.rpartition("/")
    assert category == "amlarc-lint" and re.fullmatch("[0-9a-f]{16}", instance)
    assert _sarif(result)["runs"][0]["automationDetails"]["id"] == automation
    fewer = replace(result, findings=result.findings[1:])
    assert _sarif(fewer)["runs"][0]["automationDetails"]["id"] != automation
