"""Every output format, rendered from the one shared fixture set
(tests/support/format_fixture.py) and read back the way its consumer reads it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
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
from linter.formats import FORMATS, render
from linter.formats.details import full_message
from linter.formats.sarif import escape_brackets
from linter.rule import Rule
from linter.suppress.fingerprint import fingerprints
from tests.support.format_fixture import (
    copy_fixture,
    fixture_result,
    fixture_rules,
    instance_type_with_unknown_key,
    lint_project,
)
from tests.support.sarif_checks import (
    embedded_link_targets,
    github_ingestion_problems,
    needs_sarif_schema,
    schema_errors,
)

HOSTILE_NAME = "we%ird,na:me;]\r\nü %0A ##vso[x].yaml"
HOSTILE_KEY = "bad%key,:;]\\r\\nü %25 ::x"
HOSTILE_DOCUMENT = instance_type_with_unknown_key(HOSTILE_KEY)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return fixture_result(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """A real run on a file whose name and content hold every character the formats escape."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / HOSTILE_NAME).write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    return lint_project(folder)


@pytest.fixture(scope="module")
def hostile_finding() -> RunResult:
    return _hostile_finding()


@pytest.fixture(scope="module")
def every_rule() -> RunResult:
    return RunResult(findings=[], rules=load_rules())


def _hostile_finding() -> RunResult:
    """A hand-made finding for exact expected text, independent of any rule's wording."""
    finding = Finding(
        rule_id="AML105",
        rule_name="duplicate-instance-type",
        severity=Severity.ERROR,
        path=HOSTILE_NAME,
        span=Span(6, 3, 6, 29),
        message="50% of a:b, c;d] e\r\nü",
        related=(Location("x,y:z%.yaml", Span(2, 1, 2, 5)).related("first; [here]"),),
    )
    return RunResult(findings=[finding], rules=fixture_rules())


def _where(finding: Finding) -> tuple[str, str, int, int, str]:
    return (finding.rule_id, finding.path, finding.span.start_line, finding.span.start_col,
            finding.severity.label)


def test_the_fixture_holds_every_severity_and_a_cross_file_finding(result: RunResult) -> None:
    assert [_where(f) for f in result.findings] == [
        ("AML002", "broken.yaml", 5, 3, "error"),
        ("AML001", "broken.yaml", 17, 1, "error"),
        ("AML105", "team/more-types.yaml", 5, 9, "info"),
        ("AML102", "team/more-types.yaml", 9, 3, "warning"),
        ("AML103", "team/more-types.yaml", 18, 7, "error"),
    ]
    cross_file = result.findings[2]
    [location] = cross_file.related
    message = location.note
    assert (location.path, location.span.as_tuple(), message) == (
        "instance-types.yaml", (4, 9, 4, 18), "first definition"
    )
    assert render("concise", result).endswith(
        "Found 5 findings (3 errors, 1 warning, 1 info); 3 files checked, 0 files skipped.\n"
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_deterministic_wherever_the_project_lies(
    name: str, result: RunResult, tmp_path: Path
) -> None:
    elsewhere = lint_project(copy_fixture(tmp_path / "some" / "other" / "place"))
    assert render(name, result) == render(name, result) == render(name, elsewhere)


# JSON


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


# SARIF


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


# GitHub annotations, read back as the Actions runner reads them


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    assert line.startswith("::")
    end = line.index("::", 2)
    command, _, listed = line[2:end].partition(" ")
    data = {"%25": "%", "%0D": "\r", "%0A": "\n"}
    properties = {}
    for pair in filter(None, listed.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, {**data, "%3A": ":", "%2C": ","})
    return command, properties, _unescape(line[end + 2 :], data)


def _unescape(text: str, table: dict[str, str]) -> str:
    return re.sub("|".join(map(re.escape, table)), lambda m: table[m.group()], text)


def _expected_annotation(finding: Finding) -> tuple[str, dict[str, str], str]:
    s = finding.span
    command = {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.label]
    properties = {"file": finding.path, "line": str(s.start_line), "endLine": str(s.end_line)}
    if s.start_line == s.end_line:
        properties |= {"col": str(s.start_col), "endColumn": str(s.end_col)}
    properties["title"] = f"{finding.rule_id} {finding.rule_name}"
    return command, properties, full_message(finding)


def test_github_annotation_text(result: RunResult) -> None:
    lines = render("github", result).splitlines()
    assert lines[2] == (
        "::notice file=team/more-types.yaml,line=5,endLine=5,col=9,endColumn=18,"
        f"title=AML105 duplicate-instance-type::{result.findings[2].message}"
        "%0Arelated: instance-types.yaml:4:9: first definition"
    )
    assert render("github", _hostile_finding()) == (
        "::error file=we%25ird%2Cna%3Ame;]%0D%0Aü %250A ##vso[x].yaml,line=6,endLine=6,col=3,"
        "endColumn=29,title=AML105 duplicate-instance-type::50%25 of a:b, c;d] e%0D%0Aü"
        "%0Arelated: x,y:z%25.yaml:2:1: first; [here]\n"
    )


def _one_error(rule_id: str, rule_name: str, span: Span, message: str) -> RunResult:
    """A run with one hand-made error finding in `it.yaml`."""
    finding = Finding(rule_id, rule_name, Severity.ERROR, "it.yaml", span, message)
    return RunResult(findings=[finding], rules=fixture_rules())


def test_github_annotation_of_a_multi_line_span_has_no_columns() -> None:
    assert render("github", _one_error("AML101", "missing-field", Span(3, 5, 7, 12), "m")) == (
        "::error file=it.yaml,line=3,endLine=7,title=AML101 missing-field::m\n"
    )


# Azure Pipelines logging commands, read back as the agent reads them


def parse_logging_command(line: str) -> tuple[str, dict[str, str], str]:
    table = {"%3B": ";", "%0D": "\r", "%0A": "\n", "%5D": "]", "%AZP25": "%"}
    start = line.index("##vso[") + len("##vso[")
    end = line.index("]", start)
    command, _, listed = line[start:end].partition(" ")
    properties = {}
    for pair in filter(None, listed.split(";")):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, table)
    return command, properties, _unescape(line[end + 1 :], table)


def _expected_logissue(finding: Finding) -> tuple[str, dict[str, str], str]:
    properties = {
        "type": "error" if finding.severity.label == "error" else "warning",
        "sourcepath": finding.path,
        "linenumber": str(finding.span.start_line),
        "columnnumber": str(finding.span.start_col),
        "code": finding.rule_id,
    }
    return "task.logissue", properties, full_message(finding)


READERS = {
    "github": (parse_workflow_command, _expected_annotation),
    "azure": (parse_logging_command, _expected_logissue),
}


@pytest.mark.parametrize("which", ["result", "hostile", "hostile_finding"])
@pytest.mark.parametrize("name", sorted(READERS))
def test_ci_commands_parse_back_to_the_findings(
    name: str, which: str, request: pytest.FixtureRequest
) -> None:
    run: RunResult = request.getfixturevalue(which)
    parse, expected = READERS[name]
    lines = render(name, run).split("\n")
    assert lines.pop() == ""
    assert [parse(line) for line in lines] == [expected(f) for f in run.findings]


def test_azure_logging_command_text(result: RunResult) -> None:
    assert render("azure", result).splitlines()[2] == (
        "##vso[task.logissue type=warning;sourcepath=team/more-types.yaml;linenumber=5;"
        f"columnnumber=9;code=AML105]{result.findings[2].message}"
        "%0Arelated: instance-types.yaml:4:9: first definition"
    )
    assert render("azure", _hostile_finding()) == (
        "##vso[task.logissue type=error;sourcepath=we%AZP25ird,na:me%3B%5D%0D%0Aü %AZP250A "
        "##vso[x%5D.yaml;linenumber=6;columnnumber=3;code=AML105]50%AZP25 of a:b, c;d] e%0D%0Aü"
        "%0Arelated: x,y:z%AZP25.yaml:2:1: first; [here]\n"
    )


# GitLab Code Quality


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


# JUnit XML


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
    twin = _one_error("AML302", "request-exceeds-limit", Span(3, 5, 3, 8), "too much")
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


# VS Code's `$gcc` problem matcher, the pattern CI matchers for compilers are written like.
GCC_MATCHER = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


def test_concise_is_read_by_a_compiler_problem_matcher(result: RunResult) -> None:
    lines = render("concise", result).splitlines()[:-1]  # the summary line matches nothing
    matched = [GCC_MATCHER.match(line) for line in lines]
    levels = {"error": "error", "warning": "warning"}
    assert [
        (m[1], int(m[2]), int(m[3]), m[4], m[5].split(" ", 1)[0]) for m in matched if m
    ] == [
        (f.path, f.span.start_line, f.span.start_col, levels[f.severity.label], f.rule_id)
        for f in result.findings
        if f.severity.label in levels
    ]
    assert lines[2] == (
        f"team/more-types.yaml:5:9: note: AML105 {result.findings[2].message}"
    )


@pytest.mark.parametrize("name", ["text", "concise"])
def test_line_per_finding_formats_never_break_a_message_across_lines(name: str) -> None:
    message = 'spec.resources must be a mapping, not "x\ny\r\n"'
    output = render(name, _one_error("AML103", "wrong-type", Span(8, 14, 9, 6), message))
    assert output.splitlines()[0].endswith('not "x\\ny\\r\\n"')
