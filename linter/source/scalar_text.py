"""The YAML source text of a new string scalar, for fixes that rewrite one value."""

from __future__ import annotations

import yaml


def string_scalar(text: str, style: str | None) -> str:
    """The YAML text of the string `text` in the quoting `style` of the scalar it replaces
    (`Scalar.style`: "" or None = plain, `'`, `"`; a block scalar becomes double-quoted).
    Plain text that YAML 1.1 would not read back as that same string is double-quoted:
    `1Gi` stays plain, `1`, `true` and `1 Gi ` get quotes."""
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if not style and _reads_back_as_itself(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reads_back_as_itself(text: str) -> bool:
    """Whether `text`, written plain, is loaded as that same string."""
    if not text or "\n" in text:
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False
