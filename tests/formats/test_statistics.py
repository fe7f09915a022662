"""`check --statistics`: findings counted per rule, most first, as text or JSON."""

from __future__ import annotations

import json

from linter.core.finding import Finding, Severity
from linter.core.span import Span
from linter.engine.registry import rule_for
from linter.engine.run_result import RunResult
from linter.formats.statistics import render_statistics

RULES = (rule_for("AML201"), rule_for("AML302"), rule_for("AML102"))


def _run(*rule_ids: str) -> RunResult:
    rules = {rule.id: rule for rule in RULES}
    findings = [
        Finding(rule_id, rules[rule_id].name, Severity.ERROR, "a.yaml", Span(line, 1, line, 2), "m")
        for line, rule_id in enumerate(rule_ids, start=1)
    ]
    return RunResult(findings=findings, rules=RULES, files_checked=1)


def test_the_most_frequent_rule_comes_first_then_by_id() -> None:
    run = _run(*["AML302"] * 2, *["AML201"] * 10, "AML102", "AML302")
    assert render_statistics(run, as_json=False) == (
        "10  AML201  invalid-quantity\n"
        " 3  AML302  request-exceeds-limit\n"
        " 1  AML102  unknown-field\n"
        "Found 14 findings (14 errors); 1 file checked, 0 files skipped.\n"
    )


def test_quiet_leaves_out_the_summary() -> None:
    assert render_statistics(_run("AML102"), as_json=False, quiet=True) == (
        "1  AML102  unknown-field\n"
    )


def test_json_lists_each_rule_with_its_count_and_whether_it_can_be_fixed() -> None:
    rows = json.loads(render_statistics(_run("AML302", "AML201", "AML201"), as_json=True))
    assert rows == [
        {"rule_id": "AML201", "rule_name": "invalid-quantity", "count": 2, "fixable": True},
        {"rule_id": "AML302", "rule_name": "request-exceeds-limit", "count": 1, "fixable": False},
    ]


def test_no_findings_is_an_empty_list_or_the_summary_alone() -> None:
    assert render_statistics(_run(), as_json=True) == "[]\n"
    assert render_statistics(_run(), as_json=False) == (
        "Found 0 findings; 1 file checked, 0 files skipped.\n"
    )
