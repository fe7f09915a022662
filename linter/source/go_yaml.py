"""How kubectl reads a plain YAML scalar: go-yaml v2's resolver (the `sigs.k8s.io/yaml` fork
that kubectl decodes manifests with), which differs from YAML 1.1 as PyYAML reads it.

Azure ML CLI files are read by azure-ai-ml with PyYAML (YAML 1.1, `linter.source.yaml_reader`);
InstanceType manifests go through kubectl, so rules that judge what Kubernetes receives
(AML601, AML204, the quantities) ask this module. The differences, each tested:
- booleans: `y`, `Y`, `n`, `N` too (besides yes/no/true/false/on/off in three casings);
- integers: Go's `strconv.ParseInt(s, 0, 64)` after dropping `_`: `0o17`, `0O17`, `0X1F`,
  `0B101` are integers, and so is any hexadecimal, octal or binary number too large for 64
  bits; base-60 (`1:30`) is not a number at all, but a string;
- floats: `^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, so `1e3`, `1.5e3`,
  `-.5` and `08` are floats (PyYAML: strings); an overflowing `1e400` is a string;
  `.inf`, `+.inf`, `-.inf`, `.nan` in three casings as in YAML 1.1;
- dates: go-yaml resolves `2024-01-01` as a timestamp but hands it to kubectl's untyped
  decoding as the text written, so Kubernetes receives a string (PyYAML: a date).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

_TRUE = ("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")
_FALSE = ("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")
_BOOLEANS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_SPECIAL_FLOATS = frozenset(
    f"{sign}.{word}" for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")
) | frozenset((".nan", ".NaN", ".NAN"))
_YAML_STYLE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INT64 = range(-(2**63), 2**63)
_UINT64 = range(2**64)
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}
_PREFIXES = {"0x": 16, "0X": 16, "0o": 8, "0O": 8, "0b": 2, "0B": 2}


class GoScalar(NamedTuple):
    type: str  # null, bool, int, float or str
    value: bool | int | None = None  # for bool and int


@lru_cache(maxsize=4096)
def resolve_plain(text: str) -> GoScalar:
    """A plain (unquoted) scalar as go-yaml v2 resolves it, for kubectl."""
    if text in _NULLS:
        return GoScalar(type="null")
    if text in _BOOLEANS:
        return GoScalar(type="bool", value=_BOOLEANS[text])
    if text in _SPECIAL_FLOATS:
        return GoScalar(type="float")
    first = text[0]
    if first == ".":  # strconv.ParseFloat, which takes no `_` in a decimal number
        return GoScalar(type="float" if "_" not in text and _finite_float(text) else "str")
    if first not in "+-0123456789":
        return GoScalar(type="str")
    plain = text.replace("_", "")
    number = _parse_int(plain)
    unsigned = plain[0] not in "+-"  # strconv.ParseUint takes no sign
    if number is not None and (number in _INT64 or (unsigned and number in _UINT64)):
        return GoScalar(type="int", value=number)
    if _YAML_STYLE_FLOAT.fullmatch(plain):
        return GoScalar(type="float" if _finite_float(plain) else "str")
    if number is not None and unsigned:  # beyond 64 bits: math/big reads it
        return GoScalar(type="int", value=number)
    return GoScalar(type="str")  # base 60 (`1:30`), dates, and every other text


def _parse_int(text: str) -> int | None:
    """Go's `strconv.ParseInt(text, 0, ...)` syntax, without its range check."""
    sign = -1 if text.startswith("-") else 1
    digits = text[1:] if text[:1] in ("+", "-") else text
    base = _PREFIXES.get(digits[:2])
    if base is not None:
        digits = digits[2:]
    elif len(digits) > 1 and digits[0] == "0":
        base, digits = 8, digits[1:]
    else:
        base = 10
    if not digits or any(c not in _DIGITS[base] for c in digits):
        return None
    return sign * int(digits, base)


def _finite_float(text: str) -> bool:
    """`strconv.ParseFloat` reads the text (a decimal form) without overflowing."""
    try:
        return not math.isinf(float(text))
    except ValueError:
        return False
