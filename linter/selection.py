"""Which rules run and at what severity: select/ignore, per-file ignores, severity overrides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from linter.context import glob_match
from linter.finding import Finding
from linter.rule import Rule
from linter.settings import Settings

ALWAYS_ON = ("AML001", "AML003", "AML005")  # the engine's own findings cannot be deselected away


def matches(rule_id: str, prefixes: Iterable[str]) -> bool:
    return any(rule_id.startswith(prefix) for prefix in prefixes)


def is_selected(settings: Settings, rule_id: str) -> bool:
    if rule_id in ALWAYS_ON and not matches(rule_id, settings.ignore):
        return True
    return matches(rule_id, settings.select) and not matches(rule_id, settings.ignore)


def selected_rules(settings: Settings, rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(r for r in rules if is_selected(settings, r.id))


def ignored_in_file(settings: Settings, finding: Finding) -> bool:
    return any(
        glob_match(finding.path, pattern) and matches(finding.rule_id, ids)
        for pattern, ids in settings.per_file_ignores.items()
    )


def apply(settings: Settings, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
    """Drop deselected and per-file-ignored findings, apply severity overrides; count the dropped."""
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        if not is_selected(settings, finding.rule_id) or ignored_in_file(settings, finding):
            dropped += 1
            continue
        override = settings.severity.get(finding.rule_id)
        kept.append(replace(finding, severity=override) if override else finding)
    return kept, dropped
