"""JSON Schemas shipped with amlarc-lint (usable on their own by editors), and the two
validators the linter runs them with: jsonschema-rs answers "valid?" fast; Python
`jsonschema` (about 0.1 s to import) is loaded only to explain an instance that fails."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


def schema_text(name: str) -> str:
    """A schema file of this package. A plain path, not `importlib.resources`: that import
    (and the `tempfile` it pulls in) would cost every commit-time run a few milliseconds."""
    return (Path(__file__).parent / name).read_text("utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema file, or with `#/$defs/x` one definition of it as a schema of its own (the
    linter knows a document's kind, so it checks the one alternative of a root `oneOf`)."""
    file, _, part = name.partition("#")
    schema: dict[str, Any] = json.loads(schema_text(file))
    if not part:
        return schema
    return {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#{part}"}


def passes_fast_check(name: str, instance: Any) -> bool:
    """True when jsonschema-rs finds `instance` valid; False when it does not, or cannot
    tell (not installed, or values it cannot take, e.g. huge integers or TOML dates)."""
    validator = _fast_validator(name)
    try:
        return validator is not None and bool(validator.is_valid(instance))
    except (ValueError, TypeError):
        return False


@cache
def full_validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


@cache
def _fast_validator(name: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema(name))
