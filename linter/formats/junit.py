"""`--format junit`: JUnit XML for CI test-report views (GitLab, Azure Pipelines, Jenkins).

One `<testsuite name="amlarc-lint">`. Each finding is a failed test case: `classname` is the
file's path, `name` is `AML302 request-exceeds-limit at line:col`, and its `<failure>` holds
the rule id as `type`, the message as `message`, and the full location text (with related
locations) as its body. A run without findings is one passing test case, so the report
still shows that the check ran. Characters XML 1.0 cannot carry are written as `\\uXXXX`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from linter.engine import RunResult
from linter.finding import Finding
from linter.formats import RenderOptions
from linter.formats.details import full_message, position

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: RunResult, options: RenderOptions) -> str:
    suite = ET.Element(
        "testsuite",
        {
            "name": "amlarc-lint",
            "tests": str(max(1, len(result.findings))),
            "failures": str(len(result.findings)),
            "errors": "0",
            "skipped": "0",
        },
    )
    for finding in result.findings:
        _testcase(suite, finding)
    if not result.findings:
        ET.SubElement(suite, "testcase", {"classname": "amlarc-lint", "name": "no findings"})
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _testcase(suite: ET.Element, finding: Finding) -> None:
    span = finding.span
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": xml_text(finding.path),
            "name": f"{finding.rule_id} {finding.rule_name} at {span.start_line}:{span.start_col}",
        },
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
