"""Control characters from file names and YAML values never reach a terminal or a CI log
raw (ESC could recolour it, move the cursor, set the window title, or hide text): the human
and annotation formats show them as escapes such as `\\x1b`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.core.finding import Finding, Severity
from linter.core.span import Location, Span
from linter.engine.registry import rule_for
from linter.engine.run_result import RunResult
from linter.formats import RenderOptions, render
from linter.formats.details import visible
from tests.support.cli_project import INSTANCE_TYPE, check, write_project

HOSTILE = "\x1b[2J\x1b]0;owned\x07\x08\x7f\x9b31m\u202e\x00"
# Anything but tab and line breaks below 0x20, DEL, C1, and the bidi and line controls.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_result() -> RunResult:
    rule = rule_for("AML201")
    snippet = f'    cpu: "1{HOSTILE}"'
    finding = Finding(
        rule_id=rule.id, rule_name=rule.name, severity=Severity.ERROR,
        path=f"evil{HOSTILE}.yaml", span=Span(3, 10, 3, 11 + len(HOSTILE) + 1),
        message=f"cpu 1{HOSTILE} is wrong", snippet=snippet,
        related=(Location(f"other{HOSTILE}.yaml", Span(1, 1, 1, 2)).related(f"see{HOSTILE}"),),
    )
    return RunResult(findings=[finding], rules=(rule,), files_checked=1)


@pytest.mark.parametrize("name", ["text", "concise", "github", "azure"])
@pytest.mark.parametrize("color", [False, True])
def test_no_control_character_reaches_the_output(name: str, color: bool) -> None:
    output = render(name, hostile_result(), RenderOptions(color=color))
    without_our_colours = re.sub(r"\x1b\[[0-9;]*m", "", output) if color else output
    assert not RAW.search(without_our_colours), repr(output)
    assert "\\x1b[2J\\x1b]0;owned\\x07\\x08\\x7f\\x9b31m\\u202e\\x00" in output


def test_the_underline_counts_the_escapes() -> None:
    text = render("text", hostile_result())
    snippet_line, marker_line = text.splitlines()[1:3]
    assert marker_line.index("^") == snippet_line.index('"1')
    assert marker_line.count("^") == len(visible(f'"1{HOSTILE}'))


def test_plain_text_is_unchanged() -> None:
    assert visible("名前: \"héllo\"\tok") == "名前: \"héllo\"\tok"


def test_a_file_name_with_escape_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "x\x1b]0;title\x07.yaml"
    text = INSTANCE_TYPE.format(name="x").replace('cpu: 1,', 'cpu: "1\\e[31m",')
    write_project(tmp_path, {name: text})
    monkeypatch.chdir(tmp_path)
    for output_format in ("text", "concise", "github", "azure"):
        run = check("--isolated", "--format", output_format, ".")
        assert "\x1b" not in run.stdout and "x\\x1b" in run.stdout, run.stdout
        assert "\\u001b[31m" in run.stdout
