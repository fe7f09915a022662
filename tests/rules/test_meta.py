"""The rule catalogue itself: ids, names, documentation (the README table: test_cli_outputs)."""

from __future__ import annotations

from linter.engine.registry import load_rules
from linter.rule import DOC_SECTIONS, RULE_ID, RULE_NAME


def test_ids_and_names_are_well_formed_and_unique() -> None:
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert RULE_ID.match(rule.id), rule.id
        assert RULE_NAME.match(rule.name), rule.name


def test_every_rule_documents_every_section() -> None:
    for rule in load_rules():
        assert rule.summary, rule.id
        for section in DOC_SECTIONS:
            assert rule.section(section), f"{rule.id} lacks a '## {section}' section"


def test_every_rule_can_run() -> None:
    for rule in load_rules():
        engine_emitted = rule.check is None and rule.project_check is None
        assert engine_emitted or rule.kinds or rule.project_check, rule.id
