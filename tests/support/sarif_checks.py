"""What a SARIF log must satisfy: the official 2.1.0 schema, and GitHub code scanning's
documented ingestion rules (the properties it requires or reads, and its limits)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "sarif-schema-2.1.0.json"
LEVELS = {"none", "note", "warning", "error"}
MAX_DESCRIPTION = 1024
MAX_RESULTS_PER_RUN = 25_000
MAX_RULES_PER_RUN = 25_000
MAX_LOCATIONS_PER_RESULT = 10
MAX_RELATED_LOCATIONS = 1_000
MAX_TAGS_PER_RULE = 20
_URI_REFERENCE_PATH = re.compile(r"(?:[A-Za-z0-9\-._~/!$&'()*+,;=@]|%[0-9A-F]{2})+")


@cache
def _schema() -> dict[str, Any] | None:
    return json.loads(SCHEMA.read_text(encoding="utf-8")) if SCHEMA.is_file() else None


# The official schema lives in the shared folder beside the repository; where it is absent,
# the tests that validate against it are skipped.
needs_sarif_schema = pytest.mark.skipif(
    not SCHEMA.is_file(), reason=f"the SARIF 2.1.0 schema is not at {SCHEMA}"
)


def schema_errors(log: dict[str, Any]) -> list[str]:
    """The official schema's complaints about log (use with `@needs_sarif_schema`)."""
    import jsonschema

    schema = _schema()
    assert schema is not None
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)
    ]


def github_ingestion_problems(log: dict[str, Any]) -> list[str]:
    problems: list[str] = []

    def need(condition: object, problem: str) -> None:
        if not condition:
            problems.append(problem)

    need(log.get("version") == "2.1.0", "version must be 2.1.0")
    need(isinstance(log.get("$schema"), str), "$schema is missing")
    runs = log.get("runs", [])
    need(len(runs) == 1, "amlarc-lint writes exactly one run")
    for run in runs:
        driver = run.get("tool", {}).get("driver", {})
        need(driver.get("name") == "amlarc-lint", "tool.driver.name")
        # Azure DevOps Advanced Security (sarif-multitool --rule-kind Ado) requires these two.
        need(isinstance(driver.get("fullName"), str) and driver["fullName"], "tool.driver.fullName")
        automation = run.get("automationDetails", {}).get("id", "")
        need(isinstance(automation, str) and automation.startswith("amlarc-lint/"),
             "runs[].automationDetails.id must name the category amlarc-lint/")
        rules = driver.get("rules", [])
        need(len(rules) <= MAX_RULES_PER_RUN, "too many rules")
        ids = [rule.get("id") for rule in rules]
        need(len(set(ids)) == len(ids), "rule ids must be unique")
        for rule in rules:
            problems += _rule_problems(rule)
        need("%SRCROOT%" in run.get("originalUriBaseIds", {}), "originalUriBaseIds lacks %SRCROOT%")
        results = run.get("results", [])
        need(len(results) <= MAX_RESULTS_PER_RUN, "too many results")
        seen_fingerprints: set[tuple[str, str]] = set()
        for number, result in enumerate(results):
            where = f"result {number}"
            index = result.get("ruleIndex")
            need(isinstance(index, int) and 0 <= index < len(rules)
                 and rules[index]["id"] == result.get("ruleId"), f"{where}: ruleIndex/ruleId")
            need(result.get("level") in LEVELS, f"{where}: level")
            need(result.get("message", {}).get("text"), f"{where}: message.text")
            locations = result.get("locations", [])
            need(1 <= len(locations) <= MAX_LOCATIONS_PER_RESULT, f"{where}: locations")
            related = result.get("relatedLocations", [])
            need(len(related) <= MAX_RELATED_LOCATIONS, f"{where}: too many related locations")
            related_ids = [item.get("id") for item in related]
            need(all(isinstance(i, int) for i in related_ids)
                 and len(set(related_ids)) == len(related), f"{where}: related location ids")
            need(all(item.get("message", {}).get("text") for item in related),
                 f"{where}: related location messages")
            linked = embedded_link_targets(result.get("message", {}).get("text", ""))
            need(set(related_ids) <= linked,
                 f"{where}: GitHub shows a related location only when the message links it")
            need(linked <= set(related_ids), f"{where}: a link to no related location")
            for location in [*locations, *related]:
                problems += [f"{where}: {p}" for p in _location_problems(location)]
            prints = result.get("partialFingerprints", {})
            need(prints and all(isinstance(v, str) and v for v in prints.values()),
                 f"{where}: partialFingerprints")
            need("primaryLocationLineHash" not in prints,
                 f"{where}: primaryLocationLineHash is GitHub's own (line-based) fingerprint")
            for key, value in prints.items():
                need((key, value) not in seen_fingerprints, f"{where}: fingerprint repeated")
                seen_fingerprints.add((key, value))
    return problems


_LINK = re.compile(r"(?<!\\)\[(?:[^\[\]\\]|\\.)*\]\((\d+)\)")


def embedded_link_targets(text: str) -> set[int]:
    """The related-location ids a SARIF plain-text message links, `[text](id)` (SARIF 2.1.0
    3.11.6; an escaped bracket `\\[` starts no link)."""
    return {int(target) for target in _LINK.findall(text)}


def _rule_problems(rule: dict[str, Any]) -> list[str]:
    name = rule.get("id", "?")
    problems = []
    if not (isinstance(rule.get("id"), str) and isinstance(rule.get("name"), str)):
        problems.append(f"rule {name}: id and name")
    for key in ("shortDescription", "fullDescription"):
        text = rule.get(key, {}).get("text", "")
        if not 0 < len(text) <= MAX_DESCRIPTION:
            problems.append(f"rule {name}: {key}.text must hold 1 to {MAX_DESCRIPTION} characters")
    help_ = rule.get("help", {})
    if not (help_.get("text") and help_.get("markdown")):
        problems.append(f"rule {name}: help.text and help.markdown")
    uri = urlsplit(rule.get("helpUri", ""))
    if uri.scheme != "https" or not uri.netloc:
        problems.append(f"rule {name}: helpUri must be an absolute https URL")
    if rule.get("defaultConfiguration", {}).get("level") not in LEVELS:
        problems.append(f"rule {name}: defaultConfiguration.level")
    if len(rule.get("properties", {}).get("tags", [])) > MAX_TAGS_PER_RULE:
        problems.append(f"rule {name}: too many tags")
    return problems


def _location_problems(location: dict[str, Any]) -> list[str]:
    physical = location.get("physicalLocation", {})
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri", "")
    problems = []
    if not _URI_REFERENCE_PATH.fullmatch(uri) or uri.startswith("/") or ":" in uri:
        problems.append(f"uri {uri!r} is not a percent-encoded relative path")
    if artifact.get("uriBaseId") != "%SRCROOT%":
        problems.append("uriBaseId must be %SRCROOT%")
    region = physical.get("region", {})
    start = (region.get("startLine", 0), region.get("startColumn", 0))
    end = (region.get("endLine", 0), region.get("endColumn", 0))
    if min(*start, *end) < 1 or end < start:
        problems.append(f"region {region} is not a forward range of 1-based positions")
    return problems
