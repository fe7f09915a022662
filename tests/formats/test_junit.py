"""`--format junit`: one failed testcase per finding, names stable across runs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats import render
from linter.suppress.fingerprint import fingerprints
from tests.support.format_fixture import copy_fixture, lint_project, one_error


def test_junit_has_one_failed_testcase_per_finding(result: RunResult, hostile: RunResult) -> None:
    text = render("junit", result)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="amlarc-lint"')
    suite = ET.fromstring(text.encode("utf-8"))
    assert suite.attrib == {"name": "amlarc-lint", "tests": "5", "failures": "5", "errors": "0",
                            "skipped": "0"}
    cases = suite.findall("testcase")
    hashes = [fingerprints(result.findings)[i][:12] for i in range(3)]
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("broken.yaml", f"AML002 duplicate-key at {hashes[0]}"),
        ("broken.yaml", f"AML001 yaml-syntax at {hashes[1]}"),
        ("team/more-types.yaml", f"AML105 duplicate-instance-type at {hashes[2]}"),
        ("team/more-types.yaml", "AML102 unknown-field at /spec/limits"),
        ("team/more-types.yaml", "AML103 wrong-type at /spec/resources/limits in document 2"),
    ]
    failure = cases[2].find("failure")
    assert failure is not None
    message = result.findings[2].message
    assert failure.attrib == {"type": "AML105", "message": message}
    assert failure.text == (
        f"team/more-types.yaml:5:9: info: {message}\n"
        "related: instance-types.yaml:4:9: first definition"
    )
    [hostile_case] = ET.fromstring(render("junit", hostile).encode("utf-8")).findall("testcase")
    assert hostile_case.get("classname") == hostile.findings[0].path
    hostile_failure = hostile_case.find("failure")
    assert hostile_failure is not None
    assert hostile_failure.get("message") == hostile.findings[0].message


def test_junit_testcase_names_survive_moving_lines(tmp_path: Path) -> None:
    """CI test histories key on classname + name: a finding whose line moved is the same test."""
    project = copy_fixture(tmp_path)
    before = ET.fromstring(render("junit", lint_project(project)).encode("utf-8"))
    for name in ("broken.yaml", "team/more-types.yaml"):
        path = project / name
        path.write_text("# moved\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = ET.fromstring(render("junit", lint_project(project)).encode("utf-8"))
    def names(suite: ET.Element) -> list[tuple[str | None, str | None]]:
        return [(case.get("classname"), case.get("name")) for case in suite.findall("testcase")]

    assert names(before) == names(after)
    moved = [suite.findtext("testcase/failure") for suite in (before, after)]
    assert moved[0] != moved[1]  # the failure text still says where the finding is now


def test_junit_numbers_testcases_that_would_share_a_name() -> None:
    twin = one_error("AML302", "request-exceeds-limit", Span(3, 5, 3, 8), "too much")
    finding = replace(twin.findings[0], pointer="/spec/x")
    again = replace(finding, span=Span(9, 5, 9, 8))
    suite = ET.fromstring(render("junit", replace(twin, findings=[finding, again])))
    assert [case.get("name") for case in suite.findall("testcase")] == [
        "AML302 request-exceeds-limit at /spec/x",
        "AML302 request-exceeds-limit at /spec/x #2",
    ]


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    from linter.formats.junit import xml_text

    assert xml_text("a\x1b[31mb\x00c\ttab\u00e9") == "a\\u001b[31mb\\u0000c\ttab\u00e9"


def test_junit_without_findings_is_one_passing_testcase() -> None:
    suite = ET.fromstring(render("junit", RunResult(findings=[], rules=())).encode("utf-8"))
    assert suite.get("tests") == "1" and suite.get("failures") == "0"
    [case] = suite.findall("testcase")
    assert case.attrib == {"classname": "amlarc-lint", "name": "no findings"}
    assert list(case) == []
