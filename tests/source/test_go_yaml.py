"""kubectl's reading of plain scalars (go-yaml v2's resolve table), entry by entry, beside
PyYAML's YAML 1.1 reading (azure-ai-ml's), which `linter.source.yaml_reader` records."""

from __future__ import annotations

import pytest

from linter.source.go_yaml import resolve_plain
from linter.source.yaml_reader import parse

BOOLEANS = [
    *(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")),
    *(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")),
]
# (text, kubectl's type, its integer value or None, PyYAML's type)
TABLE = [
    *((word, "bool", word in BOOLEANS[:11], "str" if len(word) == 1 else "bool")
      for word in BOOLEANS),
    *((word, "null", None, "null") for word in ("~", "null", "Null", "NULL")),
    *((f"{sign}.{word}", "float", None, "float")
      for sign in ("", "+", "-") for word in ("inf", "Inf", "INF")),
    *((word, "float", None, "float") for word in (".nan", ".NaN", ".NAN")),
    ("1:30", "str", None, "int"),  # base 60: go-yaml dropped it on purpose
    ("-1:30:00", "str", None, "int"),
    ("1:30.5", "str", None, "float"),
    ("1_000", "int", 1000, "int"),
    ("1__0", "int", 10, "int"),
    ("+12", "int", 12, "int"),
    ("-12", "int", -12, "int"),
    ("0", "int", 0, "int"),
    ("0x1F", "int", 31, "int"),
    ("0X1F", "int", 31, "str"),
    ("-0x1F", "int", -31, "int"),
    ("0x_1F", "int", 31, "int"),
    ("0o17", "int", 15, "str"),
    ("0O17", "int", 15, "str"),
    ("017", "int", 15, "int"),
    ("0b101", "int", 5, "int"),
    ("0B101", "int", 5, "str"),
    ("-0b11", "int", -3, "int"),
    ("08", "float", None, "str"),  # not octal, but a float to Go
    ("9223372036854775807", "int", 2**63 - 1, "int"),
    ("18446744073709551615", "int", 2**64 - 1, "int"),  # uint64
    ("99999999999999999999", "float", None, "int"),  # too big: a decimal form is a float
    ("0xFFFFFFFFFFFFFFFFFF", "int", 2**72 - 1, "int"),  # too big: math/big
    ("1.5", "float", None, "float"),
    ("1.", "float", None, "float"),
    (".5", "float", None, "float"),
    ("-.5", "float", None, "str"),
    ("1e3", "float", None, "str"),
    ("1.5e3", "float", None, "str"),
    ("1.5e+3", "float", None, "float"),
    (".5e3", "float", None, "str"),
    ("1_000.5", "float", None, "float"),
    ("1e400", "str", None, "str"),  # overflows: strconv.ParseFloat fails
    ("._5", "str", None, "str"),
    ("2024-01-01", "str", None, "timestamp"),  # a timestamp, handed on as its text
    ("2024-01-01T10:00:00Z", "str", None, "timestamp"),
    ("500m", "str", None, "str"),
    ("2Gi", "str", None, "str"),
    ("yes please", "str", None, "str"),
    ("<<", "str", None, "str"),
]


@pytest.mark.parametrize(("text", "go_type", "value", "pyyaml_type"), TABLE)
def test_each_entry_of_the_resolve_table(
    text: str, go_type: str, value: object, pyyaml_type: str
) -> None:
    resolved = resolve_plain(text)
    assert (resolved.type, resolved.value) == (go_type, value if go_type != "float" else None)
    if text != "<<":  # YAML 1.1's merge key is not a scalar value
        (document,) = parse(f"k: {text}\n").documents
        assert document.build().spans.scalars["/k"].type == pyyaml_type


def test_an_empty_plain_value_is_null() -> None:
    assert resolve_plain("").type == "null"
