"""Every rule's fixtures: `tests/rules/<ID>/ok_*` must not raise the rule, `bad_*` must raise
exactly what `bad_*.expected` (or `bad_*/expected.txt`) says, with exact spans.

A fixture is a YAML file linted alone, or a folder linted as a project (for cross-file
rules; it may hold its own amlarc-lint.toml). `pytest --update-expected` rewrites the
expectations; review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.engine.registry import load_rules
from tests.support.lint_helpers import lint_copy, render_expected

FIXTURES = Path(__file__).parent
ENGINE_ONLY = {"AML003": "a crash cannot be written as YAML; see test_robustness.py"}


def _cases(prefix: str) -> list[Path]:
    return sorted(
        p for p in FIXTURES.glob(f"*/{prefix}_*") if not p.name.endswith(".expected")
    )


def _expected_file(case: Path) -> Path:
    return case / "expected.txt" if case.is_dir() else case.with_name(case.name + ".expected")


@pytest.mark.parametrize("case", _cases("ok"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ok_fixture_passes(case: Path, tmp_path: Path) -> None:
    rule_id = case.parent.name
    found = [f for f in lint_copy(tmp_path, case) if f.rule_id == rule_id]
    assert found == [], render_expected(found)


@pytest.mark.parametrize("case", _cases("bad"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_fixture_fails_as_expected(
    case: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rule_id = case.parent.name
    found = [f for f in lint_copy(tmp_path, case) if f.rule_id == rule_id]
    actual = render_expected(found)
    expected_file = _expected_file(case)
    if request.config.getoption("--update-expected"):
        expected_file.write_text(actual, encoding="utf-8")
    assert found, f"{case} raised no {rule_id}"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_rule_has_ok_and_bad_fixtures() -> None:
    for rule in load_rules():
        if rule.id in ENGINE_ONLY:
            continue
        folder = FIXTURES / rule.id
        assert list(folder.glob("ok_*")), f"{rule.id} has no ok_ fixture in {folder}"
        assert list(folder.glob("bad_*")), f"{rule.id} has no bad_ fixture in {folder}"


def test_findings_pointing_into_other_files_come_from_cross_file_rules(tmp_path: Path) -> None:
    """The engine re-runs only `cross_file` rules on the users of a changed definition file;
    a document rule that points elsewhere without the flag would lose findings there."""
    by_id = {rule.id: rule for rule in load_rules()}
    pointing_elsewhere: set[str] = set()
    for number, case in enumerate(_cases("bad")):
        folder = tmp_path / str(number)
        folder.mkdir()
        for finding in lint_copy(folder, case):
            if any(location.path != finding.path for location in finding.related):
                pointing_elsewhere.add(finding.rule_id)
    document_rules = {i for i in pointing_elsewhere if by_id[i].project_check is None}
    assert document_rules, "no fixture has a cross-file finding: the check below checks nothing"
    assert {i for i in document_rules if not by_id[i].cross_file} == set()
    assert {i for i, r in by_id.items() if r.cross_file} == document_rules
