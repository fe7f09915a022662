"""Validate a config table against `schemas/config.schema.json`: the first problem becomes one
line naming the file, the key, the bad value and what is allowed (the schema's description)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from linter.schemas import full_validator, load_schema, passes_fast_check

RULE_PREFIX = re.compile(r"AML[0-9]{0,3}")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TYPE_NAMES = {"array": "a list", "object": "a table", "string": "a string"}
_SCHEMA = "config.schema.json"


def config_schema() -> dict[str, Any]:
    return load_schema(_SCHEMA)


def validate_config(table: dict[str, Any], path: Path) -> None:
    from linter.config.errors import ConfigError, shown

    if passes_fast_check(_SCHEMA, table):
        return
    validator = full_validator(_SCHEMA)
    errors = sorted(validator.iter_errors(table), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ConfigError(f"{shown(path)}: {_problem(errors[0])}", path)


def _problem(error: Any) -> str:
    parts = list(error.absolute_path)
    key = _key(parts)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))[0]
        return f"unknown key '{_key([*parts, unknown])}'; allowed keys: {', '.join(allowed)}"
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        return f"'{key}' lacks the required key '{missing}'"
    allowed = error.schema.get("description") or _description(parts)  # a rule prefix: its own
    if error.validator == "type":
        expected = _TYPE_NAMES.get(error.validator_value, error.validator_value)
        value = _toml(error.instance)
        return f"bad value for '{key}': {value} is not {expected}; allowed: {allowed}"
    if error.validator == "enum":
        choices = ", ".join(_toml(choice) for choice in error.validator_value)
        return f"bad value for '{key}': {_toml(error.instance)}; allowed: {choices}"
    if "propertyNames" in error.relative_schema_path:
        return f"bad key in '{key}': {_toml(error.instance)}; allowed: {allowed}"
    if error.validator == "minLength":
        return f"bad value for '{key}': an empty string; allowed: {allowed}"
    return f"bad value for '{key}': {_toml(error.instance)}; allowed: {allowed}"


def _description(parts: list[Any]) -> str:
    """The description of the deepest schema along `parts` that has one."""
    schema: Any = config_schema()
    found = ""
    for part in parts:
        if isinstance(part, int):
            schema = schema.get("items", {})
        else:
            schema = schema.get("properties", {}).get(part) or schema.get("additionalProperties")
        if not isinstance(schema, dict):
            break
        found = schema.get("description", found)
    return found


def _key(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = part if _BARE_KEY.fullmatch(part) else json.dumps(part)
            text += f".{name}" if text else name
    return text or "(table)"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    return json.dumps(value, ensure_ascii=False, default=str)
