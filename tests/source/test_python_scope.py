"""What a name means in a Python module, statically: its import, or its one plain binding."""

from __future__ import annotations

import ast

import pytest

from linter.source.python_scope import ModuleScopes, dotted_name, sdk_name

MODULE = """\
import os.path
import azure.ai.ml.entities as e
from azure.ai.ml import command
from azure.ai.ml.entities import ResourceSettings as RS
from . import sibling
CPU = "2"
LIMIT: str = "4Gi"
twice = 1
twice = 2
for i in range(3):
    looped = "x"
with open("f") as handle:
    pass
def f(p):
    local = "4Gi"
    return e.ResourceSettings(cpu=CPU, memory=local, gpu=p)
def g():
    bound = 1
    return lambda: bound
"""


@pytest.fixture(scope="module")
def tree() -> ast.Module:
    return ast.parse(MODULE)


def binding(scopes: ModuleScopes, name: str) -> tuple[int, str | None, str | None] | None:
    found = scopes.module.lookup(name)
    if found is None:
        return None
    return found.count, found.module, found.value and ast.unparse(found.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("os", (1, "os", None)),  # `import os.path` binds `os`
        ("e", (1, "azure.ai.ml.entities", None)),
        ("command", (1, "azure.ai.ml.command", None)),
        ("RS", (1, "azure.ai.ml.entities.ResourceSettings", None)),
        ("sibling", (1, None, None)),  # a relative import: no dotted path
        ("CPU", (1, None, "'2'")),
        ("LIMIT", (1, None, "'4Gi'")),
        ("f", (1, None, None)),
        ("twice", None),  # bound twice: unknown
        ("looped", None),  # bound in a loop
        ("i", None),  # a loop target
        ("handle", None),  # a `with` target
        ("absent", None),
    ],
)
def test_a_module_name_is_known_only_when_bound_once_plainly(
    tree: ast.Module, name: str, expected: tuple[int, str | None, str | None] | None
) -> None:
    assert binding(ModuleScopes(tree), name) == expected


def test_a_function_sees_its_own_names_and_the_modules_but_not_its_parameters(
    tree: ast.Module,
) -> None:
    scopes = ModuleScopes(tree)
    function = next(s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == "f")
    inner = scopes.scope_for(function)
    assert inner.lookup("local") is not None
    assert inner.lookup("CPU") is scopes.module.lookup("CPU")
    assert inner.lookup("p") is None
    assert inner.module_scope is scopes.module


def test_a_closure_is_unknown(tree: ast.Module) -> None:
    scopes = ModuleScopes(tree)
    lam = next(n for n in ast.walk(tree) if isinstance(n, ast.Lambda))
    assert scopes.scope_for(lam.body).lookup("bound") is None


def test_calls_are_collected_in_source_order(tree: ast.Module) -> None:
    calls = ModuleScopes(tree).calls
    assert [ast.unparse(c.func) for c in calls] == ["range", "open", "e.ResourceSettings"]


def test_dotted_names_follow_imports_and_sdk_names_keep_only_azure_ai_ml(
    tree: ast.Module,
) -> None:
    scopes = ModuleScopes(tree)
    module = scopes.module

    def expr(text: str) -> ast.expr:
        return ast.parse(text, mode="eval").body

    assert dotted_name(expr("e.KubernetesOnlineDeployment"), module) == (
        "azure.ai.ml.entities.KubernetesOnlineDeployment"
    )
    assert dotted_name(expr("os.path.join"), module) == "os.path.join"
    assert sdk_name(expr("os.path.join"), module) is None
    assert sdk_name(expr("RS"), module) == "azure.ai.ml.entities.ResourceSettings"
    assert dotted_name(expr("CPU"), module) is None  # bound to a value, not an import
    assert dotted_name(expr("e.x()"), module) is None  # a call is no name


def test_an_sdk_class_used_without_its_import_is_the_sdks(tree: ast.Module) -> None:
    module = ModuleScopes(tree).module
    used = ast.parse("KubernetesOnlineDeployment", mode="eval").body
    assert sdk_name(used, module) == "azure.ai.ml.KubernetesOnlineDeployment"
    unknown = ast.parse("NotAnSdkClass", mode="eval").body
    assert sdk_name(unknown, module) is None
