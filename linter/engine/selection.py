"""Which rules run and at what severity: select/ignore, per-file ignores, severity overrides,
each from the config nearest to the finding's file (`Settings.rules_for`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from linter.config.globs import glob_match
from linter.config.settings import RuleSettings, Settings
from linter.core.finding import Finding
from linter.rule import Rule

ALWAYS_ON = ("AML001", "AML003", "AML005")  # the engine's own findings cannot be deselected away


def matches(rule_id: str, prefixes: Iterable[str]) -> bool:
    return any(rule_id.startswith(prefix) for prefix in prefixes)


def is_selected(rules: RuleSettings, rule_id: str) -> bool:
    if rule_id in ALWAYS_ON and not matches(rule_id, rules.ignore):
        return True
    return matches(rule_id, rules.select) and not matches(rule_id, rules.ignore)


def selected_rules(settings: Settings, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules any config of the project selects (each file's findings are filtered later)."""
    scopes = (settings.project_rules, *settings.nested)
    return tuple(r for r in rules if any(is_selected(scope, r.id) for scope in scopes))


def ignored_in_file(rules: RuleSettings, path: str, rule_id: str) -> bool:
    return any(
        glob_match(path, pattern) and matches(rule_id, ids)
        for pattern, ids in rules.per_file_ignores.items()
    )


def reported_in(settings: Settings, path: str, rule_id: str) -> bool:
    """Whether a finding of `rule_id` in `path` is reported (selected and not ignored there)."""
    return _reported(settings.rules_for(path), path, rule_id)


def _reported(rules: RuleSettings, path: str, rule_id: str) -> bool:
    return is_selected(rules, rule_id) and not ignored_in_file(rules, path, rule_id)


def apply(settings: Settings, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    """Drop deselected and per-file-ignored findings, apply severity overrides; count the
    dropped."""
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        rules = settings.rules_for(finding.path)
        if not _reported(rules, finding.path, finding.rule_id):
            dropped += 1
            continue
        override = rules.severity.get(finding.rule_id)
        kept.append(replace(finding, severity=override) if override else finding)
    return kept, dropped
