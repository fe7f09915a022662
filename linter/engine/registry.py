"""The rule registry: every `Rule` declared in a module of `linter.rules` (the engine's own
ids included, from `rules/aml0xx_engine.py`), found once and looked up by id."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from linter.rule import Rule


@cache
def load_rules() -> tuple[Rule, ...]:
    """Import every module of `linter.rules` and collect its rules, sorted by id."""
    import linter.rules as package

    found: dict[str, Rule] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule):
                if value.id in found and found[value.id] is not value:
                    raise RuntimeError(f"rule id {value.id} is declared twice")
                found[value.id] = value
    return tuple(sorted(found.values(), key=lambda r: r.id))


@cache
def rules_by_id() -> dict[str, Rule]:
    return {r.id: r for r in load_rules()}


@cache
def rules_by_name() -> dict[str, Rule]:
    return {r.name: r for r in load_rules()}


def rule_for(rule_id: str) -> Rule:
    return rules_by_id()[rule_id]
