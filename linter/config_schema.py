"""Validate a config table against `schemas/config.schema.json`, one clear line per problem."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


@cache
def config_schema() -> dict[str, Any]:
    text = resources.files("linter.schemas").joinpath("config.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_config(table: dict[str, Any], path: Path) -> None:
    from jsonschema import Draft202012Validator

    from linter.config import ConfigError

    validator = Draft202012Validator(config_schema())
    errors = sorted(validator.iter_errors(table), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        key = ".".join(filter(None, [where, *unknown[:1]]))
        raise ConfigError(f"{path}: unknown key '{key}'; allowed keys: {', '.join(allowed)}")
    raise ConfigError(f"{path}: bad value for '{where or '(table)'}': {error.message}")
