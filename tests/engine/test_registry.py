"""The rule registry: every rule of `linter.rules` found once, sorted by id, looked up by id
and by name; an id declared twice is an error at start-up."""

from __future__ import annotations

import sys
from pathlib import Path

import linter.rules
import pytest

from linter.engine.registry import load_rules, rule_for, rules_by_id, rules_by_name

TWIN = '''\
from linter.rule import Severity, engine_rule

AGAIN = engine_rule("AML302", "request-exceeds-limit-again", Severity.ERROR, "A twin.")
'''


def test_the_rules_are_sorted_by_id_each_id_once() -> None:
    ids = [rule.id for rule in load_rules()]
    assert ids == sorted(set(ids))
    assert load_rules() is load_rules()  # found once per process


def test_the_engine_s_own_ids_are_rules_without_a_check() -> None:
    engine_ids = [rule.id for rule in load_rules() if rule.check is rule.project_check is None]
    assert engine_ids == ["AML001", "AML002", "AML003", "AML004", "AML005", "AML510"]


def test_a_rule_is_found_by_its_id_and_by_its_name() -> None:
    limit = rule_for("AML302")
    assert (limit.id, limit.name) == ("AML302", "request-exceeds-limit")
    assert rules_by_name()["request-exceeds-limit"] is limit
    assert len(rules_by_id()) == len(rules_by_name()) == len(load_rules())
    with pytest.raises(KeyError):
        rule_for("AML999")


def test_an_id_declared_twice_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "zz_twin.py").write_text(TWIN, encoding="utf-8")
    monkeypatch.setattr(linter.rules, "__path__", [*linter.rules.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "linter.rules.zz_twin", raising=False)
    try:
        with pytest.raises(RuntimeError, match=r"^rule id AML302 is declared twice$"):
            load_rules.__wrapped__()
    finally:
        sys.modules.pop("linter.rules.zz_twin", None)
