"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and SARIF viewers.

One run; `tool.driver.rules` lists every rule (not only those with results) in id order, so
`ruleIndex` is stable across runs. Artifact URIs are relative to `%SRCROOT%`, the project
root, which is described but left without an absolute URI: the output stays byte-identical
wherever the repository is checked out, and consumers (upload-sarif, the VS Code viewer)
resolve it to their checkout.

A result with related locations links each of them from its message, `… (see [the
limit](1))`, the embedded-link form GitHub code scanning needs to show a related location;
brackets of the message's own text are escaped with a backslash. `automationDetails.id` is
`amlarc-lint/` and a digest of the files linted and the findings: the category
(`amlarc-lint/`) stays the same from run to run, and the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from linter import __version__
from linter.core.docs_links import PROJECT_URL, rule_doc_url
from linter.core.finding import Finding
from linter.core.span import Location
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, ToolFailure
from linter.formats.details import LEVELS
from linter.rule import Rule
from linter.suppress.fingerprint import FINGERPRINT_VERSION, fingerprints

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"amlarcFingerprint/{FINGERPRINT_VERSION}"
MAX_DESCRIPTION = 1024  # GitHub code scanning truncates longer rule descriptions
FULL_NAME = "amlarc-lint: policy linter for Azure Machine Learning on Kubernetes"
CATEGORY = "amlarc-lint/"
_BRACKET = re.compile(r"(\\*)([\[\]])")


def render(result: RunResult, options: RenderOptions) -> str:
    index = {rule.id: position for position, rule in enumerate(result.rules)}
    prints = fingerprints(result.findings)
    results = [
        _result(finding, index[finding.rule_id], print_)
        for finding, print_ in zip(result.findings, prints, strict=True)
    ]
    run = _run(result.rules, automation_id(result.targets, prints), {"executionSuccessful": True})
    return _log({**run, "results": results})


def render_failure(failure: ToolFailure) -> str:
    """A run that did not happen (a bad config): no results, `executionSuccessful: false`,
    and the error as a tool configuration notification at the file to blame."""
    from linter.engine.registry import load_rules

    notification: dict[str, Any] = {"level": "error", "message": {"text": failure.message}}
    if failure.path is not None:
        region = {"startLine": failure.line} if failure.line else {}
        if failure.line and failure.column:
            region["startColumn"] = failure.column
        artifact = _artifact(failure.path)
        physical = {"artifactLocation": artifact, **({"region": region} if region else {})}
        notification["locations"] = [{"physicalLocation": physical}]
    invocation = {"executionSuccessful": False, "toolConfigurationNotifications": [notification]}
    run = _run(load_rules(), automation_id((), [failure.message]), invocation)
    return _log({**run, "results": []})


def _run(rules: Sequence[Rule], automation: str, invocation: dict[str, Any]) -> dict[str, Any]:
    return {
        "tool": {
            "driver": {
                "name": "amlarc-lint",
                "fullName": FULL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "invocations": [invocation],
        "automationDetails": {"id": automation},
        "originalUriBaseIds": {
            SRCROOT: {
                "description": {
                    "text": "The project root: the git repository's root, else the "
                    "folder of the amlarc-lint configuration, else the working directory."
                }
            }
        },
        "columnKind": "unicodeCodePoints",
    }


def _log(run: dict[str, Any]) -> str:
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule: Rule) -> dict[str, Any]:
    full = rule.section("What it checks") or rule.summary
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _shorten(rule.summary)},
        "fullDescription": {"text": _shorten(" ".join(full.split()))},
        "help": {"text": _plain_text(rule.doc), "markdown": rule.doc},
        "helpUri": rule_doc_url(rule.id),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["amlarc-lint", "azure-ml", "kubernetes"]},
    }


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": linked_message(finding)},
        "locations": [_location(finding.location)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_location(location), "message": {"text": location.note}}
            for number, location in enumerate(finding.related, start=1)
        ]
    return result


def linked_message(finding: Finding) -> str:
    """The message as SARIF plain text, with an embedded link to each related location (ids
    1, 2, …, as `relatedLocations` numbers them)."""
    text = escape_brackets(finding.message)
    if not finding.related:
        return text
    links = [
        f"[{escape_brackets(location.note)}]({number})"
        for number, location in enumerate(finding.related, start=1)
    ]
    return f"{text} (see {'; '.join(links)})"


def escape_brackets(text: str) -> str:
    """Square brackets that are not a link, escaped as SARIF plain text wants (`\\[`), with
    any backslashes before them doubled."""
    return _BRACKET.sub(lambda match: match[1] * 2 + "\\" + match[2], text)


def automation_id(targets: tuple[str, ...], prints: list[str]) -> str:
    """`amlarc-lint/<digest>`: the category before the slash never changes; the run's part
    is deterministic (the same files and findings give the same id)."""
    digest = hashlib.sha256("\0".join([*targets, "", *prints]).encode("utf-8"))
    return CATEGORY + digest.hexdigest()[:16]


def _location(location: Location) -> dict[str, Any]:
    span = location.span
    return {
        "physicalLocation": {
            "artifactLocation": _artifact(location.path),
            "region": {
                "startLine": span.start_line,
                "startColumn": span.start_col,
                "endLine": span.end_line,
                "endColumn": span.end_col,
            },
        }
    }


def _artifact(path: str) -> dict[str, str]:
    """A path relative to the project root; an absolute one (a config file outside the
    current folder) as a `file:` URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": artifact_uri(path), "uriBaseId": SRCROOT}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX path: every byte outside the unreserved set and
    `/` is percent-encoded (so `:` can never read as a scheme, `#` as a fragment)."""
    return quote(path, safe="/")


def _shorten(text: str) -> str:
    if len(text) <= MAX_DESCRIPTION:
        return text
    return text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"


def _plain_text(markdown: str) -> str:
    """The rule's Markdown documentation without heading marks and code fences."""
    lines: list[str] = []
    in_code = False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            in_code = not in_code
        else:
            lines.append(line if in_code else re.sub(r"^#+ ", "", line))
    return "\n".join(lines)
