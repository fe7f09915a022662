"""The modules of `linter` (rules included) import each other one way: no import cycle, counting
imports inside functions and under `TYPE_CHECKING` too, so a cycle cannot hide in a lazy import.

The root package is the one exception, by construction: it holds `__version__` and re-exports
`linter.lint` on first use (`__getattr__`), and Python runs it before any of its modules
anyway; an import of it is not an edge of the graph, and it imports nothing at its top.

Between packages the imports point one way, down `LAYERS` (docs/ARCHITECTURE.md states it)."""

from __future__ import annotations

import ast
from pathlib import Path

import linter

PACKAGE = Path(linter.__file__).resolve().parent
RULES = PACKAGE.parent / "rules"

# The layers of `linter`, lowest first: a module may import its own layer and those before it.
# A layer is a sub-package, or a module at the top (`rule`: what a rule module imports;
# `rules`: the rule modules, installed as `linter.rules`).
LAYERS = (
    "core",
    "source",
    "config",
    "discovery",
    "domain",
    "project",
    "rule",
    "rules",
    "engine",
    "suppress",
    "formats",
    "api",
    "fix",
    "server",
    "cli",
    "__main__",
)


def module_files() -> dict[str, Path]:
    """Every module by its dotted name (`rules/` installs as `linter.rules`)."""
    found: dict[str, Path] = {}
    for prefix, folder in (("linter", PACKAGE), ("linter.rules", RULES)):
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((prefix, *parts))] = path
    return found


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """The `linter` modules that module `name` imports (a package's `__init__` included)."""
    is_package = path.name == "__init__.py"
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                base = ".".join([*anchor, *([base] if base else [])])
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in imported if module in modules and module not in (name, "linter")}


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    return {name: imports_of(path, name, set(files)) for name, path in files.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (its modules in order, the first repeated at the end), or []."""
    done: set[str] = set()
    for start in sorted(graph):
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        if start in done:
            continue
        path.append(start)
        on_path.add(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return []


def test_the_graph_sees_the_whole_package() -> None:
    graph = import_graph()
    assert "linter.engine.passes" in graph
    assert "linter.rules.aml0xx_engine" in graph
    assert "linter.core.finding" in graph["linter.engine.passes"]


def test_the_root_package_imports_no_module_of_its_own_at_its_top() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert all(not (node.module or "").startswith("linter") for node in top)


def test_no_import_cycle() -> None:
    assert cycle_in(import_graph()) == []


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle_in(graph) == ["a", "b", "c", "a"]


def layer_of(module: str) -> str:
    """`linter.engine.passes` -> `engine`; `linter.rule` -> `rule`."""
    return module.split(".")[1]


def upward_imports(graph: dict[str, set[str]], layers: tuple[str, ...]) -> list[str]:
    """Every import of a module by a module of an earlier layer, as `importer -> imported` (the
    root package, which re-exports `linter.lint`, stands above every layer)."""
    rank = {layer: index for index, layer in enumerate(layers)}
    return sorted(
        f"{name} -> {imported}"
        for name, imports in graph.items()
        if name != "linter"
        for imported in imports
        if rank[layer_of(imported)] > rank[layer_of(name)]
    )


def test_every_module_is_in_a_layer() -> None:
    assert {layer_of(name) for name in import_graph() if name != "linter"} == set(LAYERS)


def test_imports_point_down_the_layers() -> None:
    assert upward_imports(import_graph(), LAYERS) == []


def test_an_upward_import_is_found() -> None:
    graph = {"linter.core.a": {"linter.engine.b"}, "linter.engine.b": {"linter.core.a"}}
    assert upward_imports(graph, ("core", "engine")) == ["linter.core.a -> linter.engine.b"]
