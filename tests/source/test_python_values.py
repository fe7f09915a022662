"""Python expressions -> what the SDK documents hold: literals with their YAML scalar, dicts,
SDK calls, or unknown."""

from __future__ import annotations

import ast

import pytest

from linter.source.python_scope import ModuleScopes
from linter.source.python_values import DictValue, Literal, SdkCall, Unknown, evaluate
from linter.source.yaml_reader import Scalar

MODULE = """\
from azure.ai.ml.entities import ResourceSettings as RS
CPU = "2"
ALIAS = CPU
SETTINGS = RS(cpu=CPU)
again = 1
again = 2
"""


def value_of(expression: str) -> object:
    scopes = ModuleScopes(ast.parse(MODULE))
    return evaluate(ast.parse(expression, mode="eval").body, scopes.module, expression)


@pytest.mark.parametrize(
    ("expression", "value", "scalar"),
    [
        ('"4Gi"', "4Gi", Scalar("4Gi", '"', "str")),
        ('"a" "b"', "ab", Scalar("ab", '"', "str")),
        ("1", 1, Scalar("1", None, "int")),
        ("-1", -1, Scalar("-1", None, "int")),
        ("1_000.50", 1000.5, Scalar("1000.50", None, "float")),  # as written, without `_`
        ("1e3", 1000.0, Scalar("1e3", None, "float")),
        ("True", True, Scalar("true", None, "bool")),
        ("None", None, Scalar("", None, "null")),
        ("CPU", "2", Scalar("2", '"', "str")),
        ("ALIAS", "2", Scalar("2", '"', "str")),  # a name bound to a name
    ],
)
def test_literals_carry_the_scalar_a_yaml_file_would_hold(
    expression: str, value: object, scalar: Scalar
) -> None:
    found = value_of(expression)
    assert isinstance(found, Literal)
    assert (found.value, found.scalar) == (value, scalar)


@pytest.mark.parametrize(
    "expression", ['b"x"', "1j", "...", "x + 1", "-CPU", "print()", "again", "undefined", "{**x}",
                   "{CPU: 1}"],
)
def test_anything_not_statically_known_is_unknown(expression: str) -> None:
    assert isinstance(value_of(expression), Unknown)


def test_a_dict_keeps_each_keys_value() -> None:
    found = value_of('{"cpu": CPU, "memory": "1Gi"}')
    assert isinstance(found, DictValue)
    meanings = {key: item[2] for key, item in found.items.items()}
    assert [(key, getattr(v, "value", None)) for key, v in meanings.items()] == [
        ("cpu", "2"), ("memory", "1Gi")
    ]
    assert ast.unparse(found.items["cpu"][1]) == "CPU"  # as written there


def test_an_sdk_call_knows_its_callee_and_the_name_it_is_bound_to() -> None:
    direct = value_of('RS(cpu="1")')
    assert isinstance(direct, SdkCall)
    assert (direct.callee, direct.name, direct.binding) == (
        "azure.ai.ml.entities.ResourceSettings", "ResourceSettings", None
    )
    bound = value_of("SETTINGS")
    assert isinstance(bound, SdkCall)
    assert (bound.name, bound.binding) == ("ResourceSettings", "SETTINGS")


def test_a_literal_points_at_where_it_is_written_not_at_the_name() -> None:
    found = value_of("CPU")
    assert isinstance(found, Literal)
    assert (found.node.lineno, found.node.col_offset) == (2, 6)
