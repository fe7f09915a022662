"""Exact parsing and formatting of Kubernetes ``resource.Quantity`` strings.

The grammar is the one documented in k8s.io/apimachinery/pkg/api/resource/quantity.go::

    <quantity>        ::= <signedNumber><suffix>
    <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
    <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
    <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
    <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
    <signedNumber>    ::= <number> | <sign><number>
    <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>

Values are the exact ``Fraction`` that was written. Where we differ from the Go parser, on purpose:

- ``+``, ``-``, ``.`` and ``.Gi`` are rejected, as the grammar says; Go's scanner reads them as 0.
- The exponent is an integer (``1e1.5`` is rejected), as in Go.
- No rounding up to 1n and no cap at 2^63-1: rules must see what the user wrote (``100u`` cpu).
- Out of range (see ``MAX_EXPONENT`` and ``MAX_DIGITS``): a guard against hostile input.
"""

from __future__ import annotations

import enum
import json
import re
from fractions import Fraction
from types import MappingProxyType
from typing import Final, NamedTuple

# Largest |n| of an e<n> suffix. The SI suffixes stop at 10^18 and 2^60, so only e-notation
# can ask for a huge power; the bound keeps 10**n cheap whatever the input ("1e999999999").
MAX_EXPONENT: Final = 1000
# Digits of the number once leading zeros of the integer part and trailing zeros of the
# fraction are dropped; CPython refuses int() of more than 4300 digits anyway.
MAX_DIGITS: Final = 1000


class QuantityFormat(enum.Enum):
    """The three ways Kubernetes writes a quantity (its ``resource.Format``)."""

    BINARY_SI = "BinarySI"  # 12Mi = 12 * 2^20
    DECIMAL_SI = "DecimalSI"  # 12M = 12 * 10^6, and plain numbers
    DECIMAL_EXPONENT = "DecimalExponent"  # 12e6


class Quantity(NamedTuple):
    """A parsed quantity: its exact value, the format it was written in, and the text."""

    value: Fraction
    format: QuantityFormat
    text: str


class QuantityError(ValueError):
    """``text`` is not a quantity; ``message`` says why in one line."""

    def __init__(self, text: str, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.text = text
        self.message = message
        self.suggestions = suggestions


# Power of 1024 of each binary suffix, power of 10 of each decimal one.
_BINARY_SI: Final = MappingProxyType({"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6})
_DECIMAL_SI: Final = MappingProxyType(
    {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
)
_BINARY_BY_POWER: Final = MappingProxyType({0: ""} | {p: s for s, p in _BINARY_SI.items()})
_DECIMAL_BY_POWER: Final = MappingProxyType({p: s for s, p in _DECIMAL_SI.items()})

# What a wrong suffix most likely meant, keyed by its lower case. A binary suffix in the
# wrong case, or with a B, is unambiguous; a decimal letter in the wrong case or with a B
# means 10^x or 2^x, decimal first. A lone "e" is left alone: "1E" is valid, "1e" looks
# like a cut-off exponent.
_DECIMAL_AND_BINARY: Final = MappingProxyType(
    {"k": "Ki", "M": "Mi", "G": "Gi", "T": "Ti", "P": "Pi", "E": "Ei"}
)
_LIKELY_SUFFIXES: Final = MappingProxyType(
    {
        **{binary.lower(): (binary,) for binary in _BINARY_SI},
        **{binary.lower() + "b": (binary,) for binary in _BINARY_SI},
        **{letter.lower(): (letter, _DECIMAL_AND_BINARY[letter]) for letter in "kGTP"},
        **{
            letter.lower() + "b": (letter, binary) for letter, binary in _DECIMAL_AND_BINARY.items()
        },
        "b": ("",),
    }
)
# cpu counts cores, so a byte suffix is never meant: only "500mi" (millicores) is a likely slip.
_LIKELY_CPU_SUFFIXES: Final = MappingProxyType({"mi": ("m",)})

_SUFFIX_HELP: Final = (
    "a quantity is a number with an optional suffix: "
    "Ki, Mi, Gi, Ti, Pi, Ei, n, u, m, k, M, G, T, P, E or e<exponent>"
)

# Both patterns only ever match forward (no nested repetition), so they are linear in the input.
_NUMBER: Final = re.compile(r"([+-]?)([0-9]*)(?:\.([0-9]*))?")
_EXPONENT: Final = re.compile(r"[eE]([+-]?)([0-9]+)")


class _OutOfRange(Exception):
    """The text is well formed, but past the bounds we are willing to compute with."""


def parse_quantity(text: str, *, cpu: bool = False) -> Quantity:
    """Parse ``text`` exactly, or raise ``QuantityError`` with a message and suggestions
    (for a ``cpu`` amount, only those that make sense for cores)."""
    try:
        quantity = _parse(text)
    except _OutOfRange as problem:
        raise QuantityError(text, f"{_quote(text)} is out of range: {problem}") from None
    if quantity is None:
        suggestions = suggest_quantity(text, cpu=cpu)
        raise QuantityError(text, _invalid_message(text, suggestions), suggestions)
    return quantity


def is_quantity(text: str) -> bool:
    """Whether ``text`` parses as a quantity (within our bounds)."""
    try:
        return _parse(text) is not None
    except _OutOfRange:
        return False


def quantity_error_message(text: str) -> str:
    """The one-line message for a ``text`` that is not a quantity; ValueError if it is one."""
    try:
        parse_quantity(text)
    except QuantityError as error:
        return error.message
    raise ValueError(f"{_quote(text)} is a valid quantity")


def suggest_quantity(text: str, *, cpu: bool = False) -> tuple[str, ...]:
    """Likely intents for an invalid quantity, each itself valid; () if none or ``text`` is fine.

    "2GB" -> ("2G", "2Gi"), "500mi" -> ("500Mi",), "1.5 Gi" -> ("1.5Gi",), "two" -> ().
    With ``cpu``: "500mi" -> ("500m",), "2GB" -> ().
    """
    if is_quantity(text):
        return ()
    compact = "".join(text.split())
    if is_quantity(compact):
        return (compact,)
    number, suffix = _split(compact)
    if number is None:
        return ()
    likely_suffixes = _LIKELY_CPU_SUFFIXES if cpu else _LIKELY_SUFFIXES
    candidates = (number + likely for likely in likely_suffixes.get(suffix.lower(), ()))
    return tuple(candidate for candidate in candidates if is_quantity(candidate))


def unambiguous_fix(text: str, *, cpu: bool = False) -> str | None:
    """The replacement for an invalid ``text`` when there is exactly one sensible intent.

    "500mi" -> "500Mi" ("500m" for ``cpu``), " 2Gi " -> "2Gi"; None for "2GB" (G or Gi?),
    "two", or a valid text.
    """
    suggestions = suggest_quantity(text, cpu=cpu)
    return suggestions[0] if len(suggestions) == 1 else None


def format_quantity(value: Fraction | int, fmt: QuantityFormat = QuantityFormat.DECIMAL_SI) -> str:
    """The canonical short form, as Kubernetes' ``Quantity.String()`` writes it.

    1073741824 -> "1Gi" (binary), 3/2 -> "1500m", 1/10 -> "100m", 1000 -> "1k" (decimal),
    1000 -> "1e3" (exponent). Binary falls back to decimal below 1024 or for a fraction, as
    in Kubernetes. Past the SI suffixes, decimal writes "1000E" and "1e-12". Raises
    ValueError for a value without a finite decimal form, such as 1/3.
    """
    value = Fraction(value)
    if value == 0:
        return "0"
    if fmt is QuantityFormat.BINARY_SI and value.denominator == 1 and abs(value) >= 1024:
        mantissa, power = value.numerator, 0
        while mantissa % 1024 == 0 and power < max(_BINARY_SI.values()):
            mantissa, power = mantissa // 1024, power + 1
        return f"{mantissa}{_BINARY_BY_POWER[power]}"
    mantissa, exponent = _decimal_parts(value)
    if fmt is not QuantityFormat.DECIMAL_EXPONENT:
        largest = max(_DECIMAL_SI.values())
        if exponent > largest:
            mantissa, exponent = mantissa * 10 ** (exponent - largest), largest
        if exponent in _DECIMAL_BY_POWER:
            return f"{mantissa}{_DECIMAL_BY_POWER[exponent]}"
    return f"{mantissa}e{exponent}" if exponent else str(mantissa)


def suffix_meaning(suffix: str) -> str:
    """What an SI suffix multiplies by, for messages: "Gi" -> "2^30", "G" -> "10^9"."""
    if suffix in _BINARY_SI:
        return f"2^{10 * _BINARY_SI[suffix]}"
    return f"10^{_DECIMAL_SI[suffix]}"


def _parse(text: str) -> Quantity | None:
    """The quantity, or None if ``text`` is not one; _OutOfRange past our bounds."""
    number = _NUMBER.match(text)
    assert number is not None  # every part of the pattern is optional
    sign, whole, fraction = number[1], number[2], number[3] or ""
    if not whole and not fraction:
        return None
    suffix = text[number.end() :]
    if suffix in _DECIMAL_SI:
        fmt, ten, two = QuantityFormat.DECIMAL_SI, _DECIMAL_SI[suffix], 0
    elif suffix in _BINARY_SI:
        fmt, ten, two = QuantityFormat.BINARY_SI, 0, 10 * _BINARY_SI[suffix]
    elif exponent := _EXPONENT.fullmatch(suffix):
        fmt, two = QuantityFormat.DECIMAL_EXPONENT, 0
        digits = exponent[2].lstrip("0") or "0"
        # Decide on the digit count first: int() of a huge digit string is itself slow.
        if len(digits) > len(str(MAX_EXPONENT)) or int(digits) > MAX_EXPONENT:
            raise _OutOfRange(f"the exponent must be between -{MAX_EXPONENT} and {MAX_EXPONENT}")
        ten = -int(digits) if exponent[1] == "-" else int(digits)
    else:
        return None
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    if len(whole) + len(fraction) > MAX_DIGITS:
        raise _OutOfRange(f"more than {MAX_DIGITS} digits")
    mantissa = int(whole + fraction or "0") * 2**two
    scale = ten - len(fraction)
    value = Fraction(mantissa * 10**scale) if scale >= 0 else Fraction(mantissa, 10**-scale)
    return Quantity(value=-value if sign == "-" else value, format=fmt, text=text)


def _split(text: str) -> tuple[str | None, str]:
    """The signed number at the start of ``text`` (None if there is none) and the rest."""
    number = _NUMBER.match(text)
    assert number is not None
    if not number[2] and not number[3]:
        return None, text
    return number[0], text[number.end() :]


def _decimal_parts(value: Fraction) -> tuple[int, int]:
    """(mantissa, exponent) with value == mantissa * 10^exponent, exponent a multiple of 3
    and as large as possible: 3/2 -> (1500, -3), 1500 -> (1500, 0), 10^6 -> (1, 6)."""
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        raise ValueError(f"{value} has no finite decimal form")
    exponent = -max(twos, fives)
    exponent -= exponent % 3  # down to a multiple of 3
    mantissa = value.numerator * 10**-exponent // value.denominator
    while mantissa % 1000 == 0:
        mantissa, exponent = mantissa // 1000, exponent + 3
    return mantissa, exponent


def _invalid_message(text: str, suggestions: tuple[str, ...]) -> str:
    """``"2GB" is not a Kubernetes quantity: unknown suffix "GB"; did you mean ...?``"""
    compact = "".join(text.split())
    number, suffix = _split(compact)
    if not text:
        problem = "it is empty"
    elif compact != text and is_quantity(compact):
        problem = "it contains whitespace"
    elif number is None:
        problem = "it does not start with a number"
    else:
        problem = f"unknown suffix {_quote(suffix)}"
        if any(_split(s)[1].lower() == suffix.lower() for s in suggestions):
            problem += " (suffixes are case-sensitive)"
    head = f"{_quote(text)} is not a Kubernetes quantity: {problem}"
    if not suggestions:
        return f"{head}; {_SUFFIX_HELP}"
    if len(suggestions) == 1:
        return f"{head}; did you mean {_quote(suggestions[0])}?"
    options = []
    for suggestion in suggestions:
        suffix = _split(suggestion)[1]
        meaning = f" ({suffix} = {suffix_meaning(suffix)})" if suffix else ""
        options.append(f"{_quote(suggestion)}{meaning}")
    return f"{head}; did you mean {', '.join(options[:-1])} or {options[-1]}?"


def _quote(text: str, limit: int = 40) -> str:
    """``text`` in double quotes, shortened, with invisible characters escaped (one line)."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in quoted)
