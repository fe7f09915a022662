"""azure-ai-ml SDK v2 calls -> the documents the YAML rules check.

- `command(...)`, `CommandJob(...)`, and on the name bound to one: `.set_resources(...)`,
  `.resources = JobResourceConfiguration(...)` or a dict, `.resources.instance_type = ...`,
  `.compute = ...` -> a command job;
- a function decorated with `@dsl.pipeline(compute=, default_compute=)`, and
  `job.settings.default_compute = ...` on a name bound to its call -> a pipeline job, whose
  steps are the `command()` calls in it and the names whose `.compute` / `.resources` it sets;
- `KubernetesOnlineDeployment(...)` / `ManagedOnlineDeployment(...)`, with
  `ResourceRequirementsSettings(requests=, limits=)` of `ResourceSettings(cpu=, memory=,
  gpu=)` (`gpu` is `nvidia.com/gpu`) -> a Kubernetes / managed online deployment;
- `KubernetesOnlineEndpoint(name=, compute=)` -> a Kubernetes online endpoint;
  `ManagedOnlineEndpoint(name=)` -> a managed one (for its deployments' kind);
- `KubernetesCompute(name=)` -> a Kubernetes compute attach.

Every file also gets one `PYTHON_SDK` document: its SDK calls with their keywords and its
imports from azure-ai-ml, for the AML5xx rules. A value that is not statically known is
recorded in `unknown` (a placeholder where a scalar is expected, an empty mapping where a
mapping is): the front end drops every finding at, above or below such a pointer.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from linter.core import pointer as jp
from linter.core.span import Span
from linter.source.kinds import Kind
from linter.source.python_scope import SDK_ROOT, ModuleScopes, Scope, sdk_name
from linter.source.python_text import PythonText
from linter.source.python_values import DictValue, Literal, SdkCall, Unknown, Value, evaluate
from linter.source.sdk_api import SET_RESOURCES, sdk_callable
from linter.source.yaml_reader import Scalar, SpanIndex

# What a value written from Python holds when it is not known: every rule skips it as a
# template placeholder (`linter.templating`).
UNKNOWN_TEXT = "${{python}}"
_JOB_CALLS = ("command", "CommandJob")
_VM_SIZE = re.compile(r"(standard|basic)_", re.IGNORECASE)  # Standard_DS3_v2, Basic_A1
_GPU = "nvidia.com/gpu"
# keyword -> pointer, per class; a keyword absent here is not part of the document (the
# AML5xx rules judge it against the SDK's own tables).
_DEPLOYMENT_KEYWORDS = {
    "name": "/name",
    "endpoint_name": "/endpoint_name",
    "model": "/model",
    "code_configuration": "/code_configuration",
    "environment": "/environment",
    "instance_type": "/instance_type",
    "instance_count": "/instance_count",
}
_KEYWORDS: dict[str, dict[str, str]] = {
    "command": {
        "command": "/command",
        "environment": "/environment",
        "compute": "/compute",
        "resources": "/resources",  # taken on by `Command` (azure-ai-ml's own tests do it)
        "instance_type": "/resources/instance_type",
        "instance_count": "/resources/instance_count",
    },
    "CommandJob": {
        "command": "/command",
        "environment": "/environment",
        "compute": "/compute",
        "resources": "/resources",
    },
    "KubernetesOnlineDeployment": {**_DEPLOYMENT_KEYWORDS, "resources": "/resources"},
    "ManagedOnlineDeployment": _DEPLOYMENT_KEYWORDS,
    "KubernetesOnlineEndpoint": {"name": "/name", "compute": "/compute", "auth_mode": "/auth_mode"},
    "ManagedOnlineEndpoint": {"name": "/name", "auth_mode": "/auth_mode"},
    "KubernetesCompute": {"name": "/name", "namespace": "/namespace"},
    "ResourceRequirementsSettings": {"requests": "/requests", "limits": "/limits"},
    "ResourceSettings": {"cpu": "/cpu", "memory": "/memory", "gpu": "/nvidia.com~1gpu"},
    "JobResourceConfiguration": {
        "instance_type": "/instance_type",
        "instance_count": "/instance_count",
        "shm_size": "/shm_size",
    },
    "set_resources": {"instance_type": "/instance_type", "instance_count": "/instance_count"},
}
_TOP_LEVEL: dict[str, tuple[Kind, dict[str, str]]] = {
    "command": (Kind.COMMAND_JOB, {"type": "command"}),
    "CommandJob": (Kind.COMMAND_JOB, {"type": "command"}),
    "KubernetesOnlineDeployment": (Kind.KUBERNETES_DEPLOYMENT, {"type": "kubernetes"}),
    "ManagedOnlineDeployment": (Kind.MANAGED_DEPLOYMENT, {}),
    "KubernetesOnlineEndpoint": (Kind.KUBERNETES_ENDPOINT, {}),
    "ManagedOnlineEndpoint": (Kind.MANAGED_ENDPOINT, {}),
    "KubernetesCompute": (Kind.KUBERNETES_COMPUTE, {"type": "kubernetes"}),
}
# Where a nested SDK object may stand, and the class it must be there.
_NESTED = {
    "/resources": ("ResourceRequirementsSettings", "JobResourceConfiguration"),
    "/requests": ("ResourceSettings",),
    "/limits": ("ResourceSettings",),
}


def _is_vm_size(pointer: str, value: object) -> bool:
    return (
        pointer.endswith("/instance_type")
        and isinstance(value, str)
        and _VM_SIZE.match(value) is not None
    )


class PythonDocument(NamedTuple):
    kind: Kind
    data: dict[str, Any]
    spans: SpanIndex
    unknown: frozenset[str]


class _Builder:
    """One document's data and span index, built pointer by pointer."""

    def __init__(self, where: _Where, kind: Kind, root: ast.expr | None, fixed: dict[str, str]):
        self.where = where
        self.kind = kind
        self.data: dict[str, Any] = dict(fixed)
        self.spans = SpanIndex(values={}, keys={}, scalars={})
        self.unknown: set[str] = set()
        if root is not None:
            self.spans.values[""] = where.span(root)

    def document(self) -> PythonDocument:
        return PythonDocument(
            kind=self.kind, data=self.data, spans=self.spans, unknown=frozenset(self.unknown)
        )

    def put(
        self,
        pointer: str,
        value: Value,
        key: Span | None,
        nested: str = "",
        use: ast.expr | None = None,
    ) -> None:
        """Set `pointer` to what `value` means there (`nested`: the pointer's last part that
        says which SDK object belongs there, e.g. `/resources`). Its span is where the code
        uses it (`use`: a name bound to a literal is reported where it is passed)."""
        if key is not None:
            self.spans.keys[pointer] = key
        written = value.call if isinstance(value, SdkCall) else value.node
        self.spans.values[pointer] = self.where.span(use if use is not None else written)
        if isinstance(value, Literal) and _is_vm_size(pointer, value.value):
            value = Unknown(node=value.node)  # an Azure VM size: never a Kubernetes instance type
        if isinstance(value, Literal):
            self._set(pointer, value.value)
            self.spans.scalars[pointer] = value.scalar
            self.unknown.discard(pointer)
        elif isinstance(value, DictValue):
            self._set(pointer, {})
            for name, (key_node, written_at, item) in value.items.items():
                key_span = self.where.span(key_node)
                self.put(jp.join(pointer, name), item, key_span, f"/{name}", written_at)
        elif isinstance(value, SdkCall) and value.name in _NESTED.get(nested, ()):
            self._set(pointer, {})
            self.keywords(pointer, value)
        else:
            mapping = nested in _NESTED or isinstance(value, SdkCall)
            self._set(pointer, {} if mapping else UNKNOWN_TEXT)
            if not mapping:
                self.spans.scalars[pointer] = Scalar(UNKNOWN_TEXT, None, "str")
            self.unknown.add(pointer)

    def keywords(self, base: str, call: SdkCall) -> None:
        """The call's keywords that the document holds, under `base`."""
        table = _KEYWORDS.get(call.name, {})
        scope = self.where.scopes.scope_for(call.call)
        for keyword in call.call.keywords:
            if keyword.arg is None:  # **kwargs: anything under base may be set
                self.unknown.add(base)
                continue
            target = table.get(keyword.arg)
            if target is None:
                continue
            pointer = base + target
            value = evaluate(keyword.value, scope, self.where.text.text)
            self.put(pointer, value, self.where.keyword_span(keyword), target, keyword.value)

    def _set(self, pointer: str, value: Any) -> None:
        tokens = jp.split(pointer)
        node = self.data
        for token in tokens[:-1]:
            child = node.get(token)
            if not isinstance(child, dict):
                child = node[token] = {}
            node = child
        node[tokens[-1]] = value


class _Where:
    """Positions: AST nodes of the Python text -> spans in the file."""

    def __init__(self, text: PythonText, tree: ast.Module) -> None:
        self.text = text
        self.lines = text.text.split("\n")
        self.scopes = ModuleScopes(tree)

    def column(self, line: int, byte_col: int) -> int:
        """A 1-based character column from the AST's UTF-8 byte offset."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if text.isascii():
            return byte_col + 1
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace")) + 1

    def span(self, node: ast.AST) -> Span:
        start = (node.lineno, self.column(node.lineno, node.col_offset))  # type: ignore[attr-defined]
        end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
        end = (end_line, self.column(end_line, node.end_col_offset or 0))  # type: ignore[attr-defined]
        return self.text.span(start, end)

    def module_span(self, statement: ast.ImportFrom) -> Span | None:
        """Where `from <module> import` writes the module's name, when it is written plainly."""
        line = self.lines[statement.lineno - 1]
        start = self.column(statement.lineno, statement.col_offset) - 1
        found = line.find(f" {statement.module}", start)
        if found == -1 or line[start:found].strip() != "from":
            return None
        col = found + 2
        end = col + len(statement.module or "")
        return self.text.span((statement.lineno, col), (statement.lineno, end))

    def keyword_span(self, keyword: ast.keyword) -> Span:
        """The keyword's name (`instance_type` of `instance_type="a"`)."""
        col = self.column(keyword.lineno, keyword.col_offset)
        return self.text.span((keyword.lineno, col), (keyword.lineno, col + len(keyword.arg or "")))


def sdk_documents(text: PythonText, tree: ast.Module) -> list[PythonDocument]:
    """The file's workload and definition documents in source order, then its SDK usage."""
    where = _Where(text, tree)
    pipelines = _pipelines(where)
    in_pipeline = {id(node) for _, body in pipelines.values() for node in body}
    found: list[tuple[tuple[int, int], _Builder]] = [
        (position, builder) for position, (builder, _) in pipelines.items()
    ]
    for call, scope in _sdk_calls(where):
        name = call.name
        if name not in _TOP_LEVEL or (name == "command" and id(call.call) in in_pipeline):
            continue
        kind, fixed = _TOP_LEVEL[name]
        builder = _Builder(where, kind, call.call.func, fixed)
        builder.keywords("", call)
        binding = _bound_name(scope, call.call)
        if binding is not None:
            attributes = _ATTRIBUTES if name in _JOB_CALLS else _attributes_of(name)
            _apply_changes(where, scope, binding, builder, "", attributes)
        found.append(((call.call.lineno, call.call.col_offset), builder))
    found.sort(key=lambda item: item[0])
    return [builder.document() for _, builder in found] + [usage_document(where)]


def usage_document(where: _Where) -> PythonDocument:
    """The file's SDK calls (`/calls/N`: `callee`, `keywords`) and its imports from
    azure-ai-ml (`/imports/N`: `module`, `name`), for the AML5xx rules."""
    builder = _Builder(where, Kind.PYTHON_SDK, None, {"calls": [], "imports": []})
    builder.spans.values[""] = Span(1, 1, 1, 1)
    calls, imports = builder.data["calls"], builder.data["imports"]
    for call, _ in _sdk_calls(where, methods=True):
        base = jp.join("/calls", len(calls))
        keywords = {k.arg: True for k in call.call.keywords if k.arg is not None}
        dynamic = any(k.arg is None for k in call.call.keywords)
        calls.append({"callee": call.callee, "keywords": keywords, "dynamic": dynamic})
        builder.spans.values[base] = where.span(call.call.func)
        for keyword in call.call.keywords:
            if keyword.arg is not None:
                pointer = jp.join(base, "keywords", keyword.arg)
                builder.spans.keys[pointer] = where.keyword_span(keyword)
                builder.spans.values[pointer] = where.span(keyword.value)
    for statement in where.scopes.imports:
        if statement.level or not statement.module:
            continue
        module = statement.module
        if not (module == SDK_ROOT or module.startswith(SDK_ROOT + ".")):
            continue
        module_span = where.module_span(statement)
        for alias in statement.names:
            base = jp.join("/imports", len(imports))
            imports.append(
                {"module": module, "name": alias.name, "names": [a.name for a in statement.names]}
            )
            name_span = where.span(alias)
            builder.spans.values[jp.join(base, "name")] = name_span._replace(
                end_line=name_span.start_line, end_col=name_span.start_col + len(alias.name)
            )
            if module_span is not None:
                builder.spans.values[jp.join(base, "module")] = module_span
    return builder.document()


def _sdk_calls(where: _Where, methods: bool = False) -> Iterator[tuple[SdkCall, Scope]]:
    """Every call of an azure-ai-ml name, in source order; with `methods`, every
    `.set_resources(...)` call too (on a job or a pipeline node)."""
    for node in where.scopes.calls:
        scope = where.scopes.scope_for(node)
        callee = sdk_name(node.func, scope)
        if callee is not None:
            yield SdkCall(callee=callee, call=node), scope
        elif methods and isinstance(node.func, ast.Attribute) and node.func.attr == "set_resources":
            yield SdkCall(callee=SET_RESOURCES, call=node), scope


def _bound_name(scope: Scope, call: ast.Call) -> str | None:
    """The name `call` is the single assignment of, in its scope."""
    for name, binding in scope.names.items():
        if binding.value is call and binding.count == 1:
            return name
    return None


def _apply_changes(
    where: _Where,
    scope: Scope,
    name: str,
    builder: _Builder,
    base: str,
    attributes: Mapping[tuple[str, ...], str] | None = None,
) -> None:
    """`name.compute = ...`, `name.resources = ...`, `name.resources.instance_type = ...` and
    `name.set_resources(...)` (a job's; `attributes` for other objects), onto the document at
    `base`: in the scope that binds `name` and in every scope that sees that binding (a
    function using a module's job). A place set twice is unknown."""
    table = _ATTRIBUTES if attributes is None else attributes
    binding = scope.names.get(name)
    seen: set[str] = set()
    for each in where.scopes.scopes():
        if each is not scope and (name in each.names or each.lookup(name) is not binding):
            continue
        for statement in each.statements:
            _apply_change(where, each, name, builder, base, table, statement, seen)


def _apply_change(
    where: _Where,
    scope: Scope,
    name: str,
    builder: _Builder,
    base: str,
    table: Mapping[tuple[str, ...], str],
    statement: ast.stmt,
    seen: set[str],
) -> None:
    if isinstance(statement, ast.Expr):
        if table is _ATTRIBUTES and _is_set_resources(statement.value, name):
            assert isinstance(statement.value, ast.Call)
            builder.keywords(
                base + "/resources", SdkCall(callee=SET_RESOURCES, call=statement.value)
            )
        return
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return
    target = statement.targets[0]
    pointer = _attribute_pointer(target, name, table)
    if pointer is None:
        return
    pointer = base + pointer
    value = evaluate(statement.value, scope, where.text.text)
    if pointer in seen:
        value = Unknown(node=statement.value)
    seen.add(pointer)
    nested = "/resources" if pointer.endswith("/resources") else ""
    builder.put(pointer, value, where.span(target), nested, statement.value)


def _attributes_of(name: str) -> dict[tuple[str, ...], str]:
    """A deployment's, endpoint's or compute's attributes: its keywords (`blue.instance_type
    = ...` sets what `instance_type=` does)."""
    return {(keyword,): pointer for keyword, pointer in _KEYWORDS.get(name, {}).items()}


_ATTRIBUTES = {
    ("compute",): "/compute",
    ("resources",): "/resources",
    ("resources", "instance_type"): "/resources/instance_type",
    ("resources", "instance_count"): "/resources/instance_count",
    ("settings", "default_compute"): "/settings/default_compute",
}


def _attribute_pointer(
    target: ast.expr, name: str, table: Mapping[tuple[str, ...], str] = _ATTRIBUTES
) -> str | None:
    parts: list[str] = []
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if not _is_name(target, name):
        return None
    return table.get(tuple(reversed(parts)))


def _is_set_resources(node: ast.expr, name: str) -> bool:
    """`name.set_resources(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "set_resources"
        and _is_name(node.func.value, name)
    )


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _pipelines(where: _Where) -> dict[tuple[int, int], tuple[_Builder, list[ast.AST]]]:
    """Each `@dsl.pipeline` function as a pipeline job document (with the nodes of its body,
    whose `command()` calls are its steps, not jobs of their own)."""
    found: dict[tuple[int, int], tuple[_Builder, list[ast.AST]]] = {}
    module = where.scopes.module
    for scope in where.scopes.scopes():
        node = scope.node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        outer = scope.parent or module
        decorator = next((d for d in node.decorator_list if _is_pipeline(d, outer)), None)
        if decorator is None:
            continue
        builder = _Builder(where, Kind.PIPELINE_JOB, decorator, {"type": "pipeline", "jobs": {}})
        if isinstance(decorator, ast.Call):
            settings = {"compute": "/compute", "default_compute": "/settings/default_compute"}
            for keyword in decorator.keywords:
                if keyword.arg in settings:
                    value = evaluate(keyword.value, outer, where.text.text)
                    builder.put(
                        settings[keyword.arg], value, where.keyword_span(keyword), use=keyword.value
                    )
        _steps(where, scope, builder)
        for caller_scope in where.scopes.scopes():
            for name, binding in caller_scope.names.items():
                value = binding.value
                if (
                    binding.count == 1
                    and isinstance(value, ast.Call)
                    and _is_name(value.func, node.name)
                ):
                    _apply_changes(where, caller_scope, name, builder, "")
        found[(node.lineno, node.col_offset)] = (builder, list(ast.walk(node)))
    return found


def _is_pipeline(decorator: ast.expr, scope: Scope) -> bool:
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return sdk_name(func, scope) in ("azure.ai.ml.dsl.pipeline", "azure.ai.ml.dsl._pipeline")


def _steps(where: _Where, scope: Scope, builder: _Builder) -> None:
    """The pipeline's steps: names bound once to a call whose compute or resources it sets,
    or to a `command()`."""
    for name, binding in scope.names.items():
        if binding.count != 1 or not isinstance(binding.value, ast.Call):
            continue
        call = binding.value
        callee = sdk_name(call.func, scope)
        is_command = callee is not None and sdk_callable(callee) == "command"
        if not is_command and not _changes(scope, name):
            continue
        base = jp.join("/jobs", name)
        builder.put(base, DictValue(items={}, node=call), None)
        builder.spans.keys[base] = where.span(call.func)
        if is_command and callee is not None:
            builder.keywords(base, SdkCall(callee=callee, call=call))
        _apply_changes(where, scope, name, builder, base)


def _changes(scope: Scope, name: str) -> bool:
    for statement in scope.statements:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and _attribute_pointer(statement.targets[0], name) is not None
        ):
            return True
        if isinstance(statement, ast.Expr) and _is_set_resources(statement.value, name):
            return True
    return False
