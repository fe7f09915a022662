"""What a name means in a Python module, statically: the imports it comes from, and the one
literal (or SDK call) it is bound to.

A scope is the module, a function or a class body. A name is known in a scope when that
scope binds it exactly once, by a plain assignment outside any loop; a name a function does
not bind is looked up in the module (not in enclosing functions: a closure is unknown).
Parameters, loop targets, `with`/`except` targets, augmented assignments, `global` and
`nonlocal` all count as bindings, so a name bound by any of them is unknown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from linter.source.sdk_tables import CALLABLES

SDK_ROOT = "azure.ai.ml"

ScopeNode = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass
class Binding:
    count: int = 0
    value: ast.expr | None = None  # the assigned value when it is the single plain assignment
    module: str | None = None  # an import: the dotted path it names


@dataclass
class Scope:
    node: ast.AST
    parent: Scope | None
    names: dict[str, Binding] = field(default_factory=dict)
    statements: list[ast.stmt] = field(default_factory=list)  # its own, in order, nested blocks too

    def bind(self, name: str, value: ast.expr | None = None, module: str | None = None) -> None:
        binding = self.names.setdefault(name, Binding())
        binding.count += 1
        binding.value, binding.module = value, module

    def lookup(self, name: str) -> Binding | None:
        """The binding a use of `name` here sees, if it is the only one."""
        binding = self.names.get(name)
        if binding is None:
            module = self.module_scope
            if module is self or (self.parent is not module and _binds_between(self, name)):
                return None
            binding = module.names.get(name)
        return binding if binding is not None and binding.count == 1 else None

    @property
    def module_scope(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


def _binds_between(scope: Scope, name: str) -> bool:
    """Whether a function between `scope` and the module binds `name` (then it is a closure)."""
    current = scope.parent
    while current is not None and current.parent is not None:
        if name in current.names and not isinstance(current.node, ast.ClassDef):
            return True
        current = current.parent
    return False


def _single_assignment(node: ast.stmt) -> tuple[ast.Name, ast.expr] | None:
    """`name = value` or `name: type = value`."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target, node.value) if isinstance(target, ast.Name) else None
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return (node.target, node.value) if isinstance(node.target, ast.Name) else None
    return None


class ModuleScopes:
    """Every scope of a module, and the scope each node is in."""

    def __init__(self, tree: ast.Module) -> None:
        self.module = Scope(tree, None)
        self.scope_of: dict[int, Scope] = {}
        # Found on the way (one walk of the tree, not one per question): every call, in
        # source order, and every `from ... import`.
        self.calls: list[ast.Call] = []
        self.imports: list[ast.ImportFrom] = []
        self._walk_body(tree.body, self.module, in_loop=False)
        self.calls.sort(key=lambda node: (node.lineno, node.col_offset))

    def scope_for(self, node: ast.AST) -> Scope:
        return self.scope_of.get(id(node), self.module)

    def scopes(self) -> Iterator[Scope]:
        seen: dict[int, Scope] = {id(self.module): self.module}
        for scope in self.scope_of.values():
            seen.setdefault(id(scope), scope)
        return iter(seen.values())

    # -- building

    def _walk_body(self, body: list[ast.stmt], scope: Scope, in_loop: bool) -> None:
        for statement in body:
            self._statement(statement, scope, in_loop)

    def _statement(self, node: ast.stmt, scope: Scope, in_loop: bool) -> None:
        scope.statements.append(node)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            scope.bind(node.name)
            for decorator in node.decorator_list:
                self._expression(decorator, scope)
            inner = Scope(node, scope)
            self.scope_of[id(node)] = inner
            if not isinstance(node, ast.ClassDef):
                self._arguments(node.args, inner, scope)
            self._walk_body(node.body, inner, in_loop=False)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    scope.bind(alias.asname, module=alias.name)
                else:
                    top = alias.name.partition(".")[0]
                    scope.bind(top, module=top)
            return
        if isinstance(node, ast.ImportFrom):
            self.imports.append(node)
            base = node.module or ""
            for alias in node.names:
                path = f"{base}.{alias.name}" if node.level == 0 else None
                scope.bind(alias.asname or alias.name, module=path)
            return
        if isinstance(node, ast.Global | ast.Nonlocal):
            for name in node.names:
                scope.bind(name)
                scope.bind(name)
            return
        single = _single_assignment(node)
        if single is not None and not in_loop:
            target, value = single
            scope.bind(target.id, value=value)
            self._expression(value, scope)
            return
        looping = in_loop or isinstance(node, _LOOPS)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self._statement(child, scope, looping)
            elif isinstance(child, ast.excepthandler):
                if child.name:
                    scope.bind(child.name)
                    scope.bind(child.name)
                self._walk_body(child.body, scope, looping)
            elif isinstance(child, ast.expr):
                self._expression(child, scope)
            else:
                self._other(child, scope, looping)

    def _other(self, node: ast.AST, scope: Scope, in_loop: bool) -> None:
        """`with` items, match cases, comprehension parts, arguments..."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                self._statement(child, scope, in_loop)
            elif isinstance(child, ast.expr):
                self._expression(child, scope)
            else:
                self._other(child, scope, in_loop)

    def _arguments(self, args: ast.arguments, inner: Scope, outer: Scope) -> None:
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        for argument in every:
            if argument is not None:
                inner.bind(argument.arg)
                inner.bind(argument.arg)
        for default in [*args.defaults, *args.kw_defaults]:
            if default is not None:
                self._expression(default, outer)

    def _expression(self, node: ast.expr, scope: Scope) -> None:
        """Record the scope of every node of an expression, and the names it binds (targets
        of a `for`, `with ... as`, `:=` and `del` reach here as Store/Del names)."""
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            self.scope_of[id(current)] = scope
            if isinstance(current, ast.Call):
                self.calls.append(current)
            elif isinstance(current, ast.Name) and not isinstance(current.ctx, ast.Load):
                scope.bind(current.id)
                scope.bind(current.id)
            if isinstance(current, ast.Lambda):
                inner = Scope(current, scope)
                self._arguments(current.args, inner, scope)
                self._expression(current.body, inner)
                continue
            if isinstance(current, _NESTED):
                inner = Scope(current, scope)
                for child in ast.iter_child_nodes(current):
                    if isinstance(child, ast.expr):
                        self._expression(child, inner)
                    else:
                        self._other(child, inner, True)
                continue
            stack.extend(ast.iter_child_nodes(current))


def dotted_name(node: ast.expr, scope: Scope) -> str | None:
    """The dotted import path an expression names (`e.KubernetesOnlineDeployment` after
    `import azure.ai.ml.entities as e`), or None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    binding = scope.lookup(node.id)
    if binding is None and not parts and _unbound(scope, node.id) and node.id in CALLABLES:
        # Used but never imported nor bound (a snippet that forgot an import, as the Azure
        # ML docs' samples do): in a file that uses the SDK, the SDK class of that name.
        return f"{SDK_ROOT}.{node.id}"
    if binding is None or binding.module is None:
        return None
    return ".".join([binding.module, *reversed(parts)])


def _unbound(scope: Scope, name: str) -> bool:
    current: Scope | None = scope
    while current is not None:
        if name in current.names:
            return False
        current = current.parent
    return True


def sdk_name(node: ast.expr, scope: Scope) -> str | None:
    """The dotted path of an azure-ai-ml name, or None for anything else."""
    path = dotted_name(node, scope)
    if path is not None and (path == SDK_ROOT or path.startswith(SDK_ROOT + ".")):
        return path
    return None
