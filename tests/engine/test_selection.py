"""Which rules run and at what severity: select and ignore by prefix, per-file ignores,
severity overrides, each from the config nearest to the finding's file."""

from __future__ import annotations

from pathlib import Path

from linter.config.settings import RuleSettings
from linter.core.finding import Finding, Severity
from linter.core.span import Span
from linter.discovery.configs import load_settings
from linter.engine.registry import rule_for
from linter.engine.selection import apply, ignored_in_file, is_selected, reported_in, selected_rules
from tests.support.cli_project import write_project

CONFIG = """\
select = ["AML2", "AML302"]
ignore = ["AML203"]
[per-file-ignores]
"legacy/*.yaml" = ["AML20"]
[severity]
AML302 = "warning"
"""


def _finding(rule_id: str, path: str) -> Finding:
    rule = rule_for(rule_id)
    return Finding(rule.id, rule.name, rule.severity, path, Span(1, 1, 1, 2), "m")


def test_select_and_ignore_are_prefixes_and_ignore_wins() -> None:
    rules = RuleSettings(select=("AML2", "AML302"), ignore=("AML203",))
    assert [is_selected(rules, rule_id) for rule_id in ("AML201", "AML203", "AML302", "AML303")] \
        == [True, False, True, False]


def test_the_engine_s_own_findings_are_on_unless_ignored_by_name() -> None:
    rules = RuleSettings(select=("AML3",))
    assert [is_selected(rules, rule_id) for rule_id in ("AML001", "AML003", "AML005", "AML002")] \
        == [True, True, True, False]
    assert not is_selected(RuleSettings(ignore=("AML00",)), "AML001")


def test_per_file_ignores_match_the_glob_and_the_prefix() -> None:
    rules = RuleSettings(per_file_ignores={"legacy/*.yaml": ("AML20",)})
    assert ignored_in_file(rules, "legacy/a.yaml", "AML201")
    assert not ignored_in_file(rules, "legacy/a.yaml", "AML301")
    assert not ignored_in_file(rules, "legacy/deeper/a.yaml", "AML201")


def test_apply_drops_and_counts_and_overrides_the_severity(tmp_path: Path) -> None:
    settings = load_settings(write_project(tmp_path, {"amlarc-lint.toml": CONFIG}))
    findings = [_finding(rule_id, path) for rule_id, path in [
        ("AML302", "a.yaml"), ("AML203", "a.yaml"), ("AML201", "legacy/b.yaml"),
        ("AML201", "b.yaml"), ("AML101", "a.yaml"),
    ]]
    kept, dropped = apply(settings, findings)
    assert [(f.rule_id, f.path, f.severity) for f in kept] == [
        ("AML302", "a.yaml", Severity.WARNING), ("AML201", "b.yaml", Severity.ERROR)
    ]
    assert dropped == 3


def test_a_nested_config_selects_for_its_own_folder(tmp_path: Path) -> None:
    write_project(tmp_path, {"amlarc-lint.toml": 'select = ["AML3"]\n',
                             "team/amlarc-lint.toml": 'select = ["AML1"]\n'})
    settings = load_settings(tmp_path)
    assert reported_in(settings, "a.yaml", "AML302")
    assert not reported_in(settings, "team/a.yaml", "AML302")
    assert reported_in(settings, "team/a.yaml", "AML101")
    rules = (rule_for("AML101"), rule_for("AML201"), rule_for("AML302"))
    assert [r.id for r in selected_rules(settings, rules)] == ["AML101", "AML302"]
