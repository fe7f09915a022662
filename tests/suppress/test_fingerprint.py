"""Fingerprints identify a finding across edits that move lines (SARIF, GitLab, baseline)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from linter.core.finding import Finding, Severity
from linter.core.span import Span
from linter.suppress.fingerprint import fingerprint, fingerprints, offending_text
from tests.support.format_fixture import copy_fixture, lint_project

HASH = re.compile(r"^[0-9a-f]{32}:\d+$")


def _prepend(path: Path, text: str) -> None:
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_fingerprints_survive_edits_that_move_lines(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    before = lint_project(project).findings
    for name in ("broken.yaml", "instance-types.yaml", "team/more-types.yaml"):
        _prepend(project / name, "# moved down by a comment\n\n# and a blank line\n")
    _replace(project / "team" / "more-types.yaml", "spec:\n", "\n\nspec:\n")
    after = lint_project(project).findings

    assert [(f.rule_id, f.span.start_line) for f in before] == [
        ("AML002", 5), ("AML001", 17), ("AML105", 5), ("AML102", 9), ("AML103", 18),
    ]
    assert [(f.rule_id, f.span.start_line) for f in after] == [
        ("AML002", 8), ("AML001", 20), ("AML105", 8), ("AML102", 14), ("AML103", 23),
    ]
    assert before[0].message.endswith("already set on line 4; the last value wins")
    assert after[0].message.endswith("already set on line 7; the last value wins")
    assert after[2].related[0].span.start_line == 7
    assert fingerprints(after) == fingerprints(before)
    assert all(HASH.match(value) for value in fingerprints(before))
    assert len(set(fingerprints(before))) == len(before)


def test_a_changed_offending_value_is_a_new_finding(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path)
    before = lint_project(project).findings
    _replace(project / "team" / "more-types.yaml", '- cpu: "4"', '- cpu: "8"')
    after = lint_project(project).findings
    assert offending_text(before[4]) == '- cpu: "4"'
    assert offending_text(after[4]) == '- cpu: "8"'
    assert fingerprints(after)[:4] == fingerprints(before)[:4]
    assert fingerprints(after)[4] != fingerprints(before)[4]


def test_identical_findings_in_one_file_are_numbered_in_file_order(tmp_path: Path) -> None:
    document = (
        "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: {name}\n"
        'spec:\n  resources:\n    requests: {{cpu: "1"}}\n  limits: {{cpu: "1"}}\n'
    )
    (tmp_path / "types.yaml").write_text(
        document.format(name="a") + "---\n" + document.format(name="b"), encoding="utf-8"
    )
    findings = [f for f in lint_project(tmp_path).findings if f.rule_id == "AML102"]
    assert [f.span.start_line for f in findings] == [8, 17]
    first, second = fingerprints(findings)
    assert first.endswith(":1") and second.endswith(":2")
    assert first[:-2] == second[:-2] == fingerprint(findings[0]) == fingerprint(findings[1])


def test_what_the_fingerprint_is_made_of() -> None:
    base = Finding(
        rule_id="AML302",
        rule_name="request-exceeds-limit",
        severity=Severity.ERROR,
        path="deploy/model.yaml",
        span=Span(12, 12, 12, 15),
        message="requests.cpu 4 exceeds limits.cpu 2",
        pointer="/resources/requests/cpu",
        document=0,
        snippet='      cpu: "4"  # asked',
    )
    assert offending_text(base) == '"4"'
    same = [
        replace(base, span=Span(40, 12, 40, 15), document=3),  # moved, and in a later document
        replace(base, snippet='  cpu:   "4"', span=Span(3, 10, 3, 13)),  # re-indented
        replace(base, message="requests.cpu 8 exceeds limits.cpu 6"),  # only numbers differ
        replace(base, severity=Severity.WARNING, rule_name="renamed"),
    ]
    different = [
        replace(base, rule_id="AML303"),
        replace(base, path="deploy/other.yaml"),
        replace(base, pointer="/resources/requests/memory"),
        replace(base, snippet='      cpu: "5"  # asked'),
        replace(base, message="requests.cpu exceeds the instance type's limit"),
    ]
    assert {fingerprint(f) for f in same} == {fingerprint(base)}
    assert len({fingerprint(f) for f in [base, *different]}) == 1 + len(different)
