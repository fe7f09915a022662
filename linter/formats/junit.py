"""`--format junit`: JUnit XML for CI test-report views (GitLab, Azure Pipelines, Jenkins).

One `<testsuite name="amlarc-lint">`. Each finding is a failed test case: `classname` is the
file's path, `name` is `AML302 request-exceeds-limit at /resources/requests/cpu` — the rule
and the JSON pointer (with `in document N` for the second and later documents of a file), or
the fingerprint's hash for a finding without a pointer (a syntax error), never the line:
moving a line does not make a "new" failing test in a CI's test history (a second finding of
the same name in the same file gets ` #2`). Its `<failure>` holds
the rule id as `type`, the message as `message`, and the full location text (with related
locations) as its body. A run without findings is one passing test case, so the report
still shows that the check ran. Characters XML 1.0 cannot carry are written as `\\uXXXX`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from linter.core.finding import Finding
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, ToolFailure
from linter.formats.details import full_message, position
from linter.suppress.fingerprint import fingerprint

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: RunResult, options: RenderOptions) -> str:
    suite = _suite(max(1, len(result.findings)), failures=len(result.findings), errors=0)
    seen: Counter[tuple[str, str]] = Counter()
    for finding in result.findings:
        name = testcase_name(finding)
        seen[finding.path, name] += 1
        count = seen[finding.path, name]
        _testcase(suite, finding, name if count == 1 else f"{name} #{count}")
    if not result.findings:
        ET.SubElement(suite, "testcase", {"classname": "amlarc-lint", "name": "no findings"})
    return _document(suite)


def render_failure(failure: ToolFailure) -> str:
    """A run that did not happen (a bad config): one test case in error, `configuration`."""
    suite = _suite(1, failures=0, errors=1)
    case = ET.SubElement(suite, "testcase", {"classname": "amlarc-lint", "name": "configuration"})
    error = ET.SubElement(case, "error", {"message": xml_text(failure.message)})
    error.text = xml_text(failure.message)
    return _document(suite)


def _suite(tests: int, failures: int, errors: int) -> ET.Element:
    counts = {"tests": tests, "failures": failures, "errors": errors, "skipped": 0}
    attributes = {"name": "amlarc-lint", **{key: str(n) for key, n in counts.items()}}
    return ET.Element("testsuite", attributes)


def _document(suite: ET.Element) -> str:
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def testcase_name(finding: Finding) -> str:
    """The rule and where in the file, without line numbers (stable when lines move)."""
    if finding.pointer:
        where = finding.pointer
        if finding.document:
            where += f" in document {finding.document + 1}"
    else:
        where = fingerprint(finding)[:12]
    return f"{finding.rule_id} {finding.rule_name} at {where}"


def _testcase(suite: ET.Element, finding: Finding, name: str) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": xml_text(finding.path), "name": xml_text(name)},
    )
    failure = ET.SubElement(
        case,
        "failure",
        {"type": finding.rule_id, "message": xml_text(finding.message)},
    )
    where = f"{position(finding.location)}: {finding.severity.label}: "
    failure.text = xml_text(where + full_message(finding))


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
