"""Code actions and hovers on a linted document: a quick fix from the fix engine, "ignore on
this line" and "ignore in this file" as the smallest edit, the rule's documentation on hover."""

from __future__ import annotations

from lsprotocol import types

from linter.core.finding import Finding
from linter.engine.check_file import check_yaml_file
from linter.engine.registry import load_rules, rule_for
from linter.rule import rule_documentation
from linter.server.actions import code_actions, hover
from linter.server.diagnostics import diagnostic
from linter.server.positions import DocumentPositions
from tests.support.cli_project import INSTANCE_TYPE

URI = "file:///p/t.yaml"
EVERYWHERE = types.Range(types.Position(0, 0), types.Position(99, 0))


def _linted(text: str) -> tuple[list[Finding], list[types.Diagnostic], DocumentPositions]:
    """The AML201 (line 10) and AML204 (line 9) findings of the text, as the server has them."""
    outcome = check_yaml_file("t.yaml", text.encode(), load_rules(), None, definitions=True)
    findings = [f for f in outcome.findings if f.rule_id in ("AML201", "AML204")]
    positions = DocumentPositions(text)
    diagnostics = [diagnostic(f, positions, lambda path: (path, positions)) for f in findings]
    return findings, diagnostics, positions


def _offered(text: str, wanted: types.Range = EVERYWHERE) -> list[tuple[str, bool, str]]:
    findings, diagnostics, positions = _linted(text)
    offered = code_actions(URI, findings, diagnostics, positions, wanted)
    shown = []
    for action in offered:
        assert action.edit is not None and action.edit.changes is not None
        [edit] = action.edit.changes[URI]
        where = f"{edit.range.start.line}:{edit.range.start.character}-" \
                f"{edit.range.end.line}:{edit.range.end.character}"
        shown.append((action.title, bool(action.is_preferred), f"{where} {edit.new_text!r}"))
    return shown


def test_a_fix_and_two_ignores_are_offered_for_each_finding() -> None:
    assert _offered(INSTANCE_TYPE.format(name="x")) == [
        ("Ignore AML201 on this line", False, "9:35-9:35 '  # amlarc-lint: ignore[AML201]'"),
        ("Ignore AML201 in this file", False,
         "0:0-0:0 '# amlarc-lint: ignore-file[AML201]\\n'"),
        ('Fix AML204: add the quotes: "1"', True, "8:20-8:21 '\"1\"'"),
        ("Ignore AML204 on this line", False, "8:35-8:35 '  # amlarc-lint: ignore[AML204]'"),
        ("Ignore AML204 in this file", False,
         "0:0-0:0 '# amlarc-lint: ignore-file[AML204]\\n'"),
    ]


def test_only_the_findings_in_the_range_asked_about() -> None:
    line_9 = types.Range(types.Position(8, 0), types.Position(8, 40))
    assert [title for title, _, _ in _offered(INSTANCE_TYPE.format(name="x"), line_9)] == [
        'Fix AML204: add the quotes: "1"', "Ignore AML204 on this line",
        "Ignore AML204 in this file",
    ]


def test_an_id_is_added_to_the_directive_already_on_the_line() -> None:
    text = INSTANCE_TYPE.format(name="x").replace(
        "memory: 2Gi}", "memory: 2Gi}  # amlarc-lint: ignore[AML201]"
    )
    assert ("Ignore AML204 on this line", False, "8:65-8:65 ',AML204'") in _offered(text)


def test_hover_shows_the_documentation_of_the_rules_there() -> None:
    text = INSTANCE_TYPE.format(name="x")
    findings, diagnostics, positions = _linted(text)
    shown = hover("t.yaml", findings, diagnostics, positions, types.Position(8, 20))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value == rule_documentation(rule_for("AML204"))
    assert hover("t.yaml", findings, diagnostics, positions, types.Position(0, 0)) is None
    commented = text.replace("pool: cpu", "pool: cpu  # amlarc-lint: ignore[AML201,AML204]")
    on_comment = hover("t.yaml", [], [], DocumentPositions(commented), types.Position(6, 20))
    assert on_comment is not None and isinstance(on_comment.contents, types.MarkupContent)
    assert on_comment.contents.value == "\n---\n\n".join(
        [rule_documentation(rule_for("AML201")), rule_documentation(rule_for("AML204"))]
    )
