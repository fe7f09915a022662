"""What every output format shares, rendered from the one shared fixture set
(tests/support/format_fixture.py): the fixture itself, determinism, CI commands read back the
way their consumer reads them, one line per finding. Each format's own tests are in
`test_<format>.py`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.core.finding import Finding
from linter.core.span import Span
from linter.engine.run_result import RunResult
from linter.formats import FORMATS, render
from linter.formats.details import full_message
from tests.support.format_fixture import copy_fixture, lint_project, one_error


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


@pytest.mark.parametrize("name", ["text", "concise"])
def test_line_per_finding_formats_never_break_a_message_across_lines(name: str) -> None:
    message = 'spec.resources must be a mapping, not "x\ny\r\n"'
    output = render(name, one_error("AML103", "wrong-type", Span(8, 14, 9, 6), message))
    assert output.splitlines()[0].endswith('not "x\\ny\\r\\n"')
