"""Python expressions -> the values the SDK documents hold: a literal, a dict of them, an SDK
call, or unknown. A name counts when its scope binds it exactly once, outside a
loop, to such a value (`linter.python_scope`); everything else is unknown and no finding
may depend on it.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from linter.source.python_scope import Scope, sdk_name
from linter.source.sdk_api import sdk_callable
from linter.source.yaml_reader import Scalar

_MAX_DEPTH = 20  # names bound to names bound to names...


class Literal(NamedTuple):
    value: object
    scalar: Scalar
    node: ast.expr  # where it is written (for a name: the literal itself, not the use)


class DictValue(NamedTuple):
    # key -> (the key's node, the value's node as written there, what it means)
    items: dict[str, tuple[ast.expr, ast.expr, Value]]
    node: ast.expr


class SdkCall(NamedTuple):
    callee: str  # the dotted path it was called by (`azure.ai.ml.entities.ResourceSettings`)
    call: ast.Call
    binding: str | None = None  # the name it is bound to, when it is bound to one

    @property
    def name(self) -> str:
        """The SDK's name for it (`ResourceSettings`), "" when it is not one the tables know."""
        return sdk_callable(self.callee) or ""


class Unknown(NamedTuple):
    node: ast.expr


Value = Literal | DictValue | SdkCall | Unknown


def evaluate(node: ast.expr, scope: Scope, source: str, depth: int = 0) -> Value:
    if depth > _MAX_DEPTH:
        return Unknown(node=node)
    if isinstance(node, ast.Constant):
        return _constant(node, source)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = node.operand
        if isinstance(operand, ast.Constant) and type(operand.value) in (int, float):
            return _constant(node, source)
        return Unknown(node=node)
    if isinstance(node, ast.Dict):
        items: dict[str, tuple[ast.expr, ast.expr, Value]] = {}
        for key, value in zip(node.keys, node.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return Unknown(node=node)  # `**other` or a computed key: the whole dict is unknown
            items[key.value] = (key, value, evaluate(value, scope, source, depth + 1))
        return DictValue(items=items, node=node)
    if isinstance(node, ast.Call):
        callee = sdk_name(node.func, scope)
        return SdkCall(callee=callee, call=node) if callee is not None else Unknown(node=node)
    if isinstance(node, ast.Name):
        binding = scope.lookup(node.id)
        if binding is None or binding.value is None:
            return Unknown(node=node)
        found = evaluate(binding.value, _scope_of_binding(scope, node.id), source, depth + 1)
        if isinstance(found, SdkCall):
            return found._replace(binding=node.id)
        return found
    return Unknown(node=node)


def _scope_of_binding(scope: Scope, name: str) -> Scope:
    return scope if name in scope.names else scope.module_scope


def _constant(node: ast.expr, source: str) -> Value:
    value = ast.literal_eval(node)
    if isinstance(value, bool):
        return Literal(
            value=value, scalar=Scalar("true" if value else "false", None, "bool"), node=node
        )
    if value is None:
        return Literal(value=None, scalar=Scalar("", None, "null"), node=node)
    if isinstance(value, str):
        return Literal(value=value, scalar=Scalar(value, '"', "str"), node=node)
    if isinstance(value, int):
        return Literal(value=value, scalar=Scalar(str(value), None, "int"), node=node)
    if isinstance(value, float):
        written = ast.get_source_segment(source, node) or repr(value)
        return Literal(
            value=value, scalar=Scalar(written.replace("_", ""), None, "float"), node=node
        )
    return Unknown(node=node)  # bytes, complex, Ellipsis
