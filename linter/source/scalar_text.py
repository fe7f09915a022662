"""The YAML source text of a new string scalar, for fixes that rewrite one value."""

from __future__ import annotations

import yaml

# Characters a double-quoted scalar must escape: its own quote and backslash, the line breaks
# (YAML would fold them into spaces: \x85, \u2028 and \u2029 are line breaks too), and what
# YAML does not allow raw: the C0 controls except tab, DEL and the C1 controls, U+FFFE/FFFF.
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0",
          "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def string_scalar(text: str, style: str | None) -> str:
    """The YAML text of the string `text` in the quoting `style` of the scalar it replaces
    (`Scalar.style`: "" or None = plain, `'`, `"`; a block scalar becomes double-quoted).
    Plain text that YAML 1.1 would not read back as that same string is double-quoted:
    `1Gi` stays plain, `1`, `true` and `1 Gi ` get quotes. Text with a line break or a
    character YAML cannot hold raw is double-quoted with escapes, whatever the style."""
    if any(_needs_escape(char) for char in text):
        return _double_quoted(text)
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    if not style and _reads_back_as_itself(text):
        return text
    return _double_quoted(text)


def _needs_escape(char: str) -> bool:
    """Whether a double-quoted scalar writes `char` as an escape (tab aside: it may stay)."""
    if char in _NAMED:
        return char not in '\\"\t'
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or code in (0xFFFE, 0xFFFF)


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _NAMED:
            out.append(_NAMED[char])
        elif _needs_escape(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _reads_back_as_itself(text: str) -> bool:
    """Whether `text`, written plain, is loaded as that same string."""
    if not text:
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False
