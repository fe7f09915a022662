"""Regenerate `linter/source/sdk_tables.py` from an installed azure-ai-ml (the `test` extra has it):

    python scripts/generate_sdk_tables.py

What the tables say is what the SDK does, found by asking it, not written from memory:
- for each class or function the Python front end reads, every keyword it accepts (each
  one tried: the candidates are the parameters of the signatures along the class's MRO,
  and a keyword is kept when a call with it raises no TypeError), and what it does with
  any other keyword: `reject` (TypeError: AML501) or `ignore` (silently dropped: AML502);
- for each public module of azure-ai-ml, the names `from <module> import <name>` finds
  there (AML503).
tests/source/test_sdk_tables.py checks the committed tables against the installed SDK.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent.parent / "linter" / "source" / "sdk_tables.py"
ROOT = "azure.ai.ml"
PROBE = "zz_not_a_keyword"
# `kwargs.pop("id", None)`, `kwargs["id"]`, or a constant: `kwargs.pop(BASE_PATH_CONTEXT_KEY)`
_TAKEN_FROM_KWARGS = re.compile(
    r"""kwargs(?:\.(?:pop|get)\(|\[)\s*(?:["'](\w+)["']|([A-Za-z_]\w*))"""
)

# import path -> the arguments a call needs besides the keyword tried
CALLABLES: dict[str, dict[str, Any]] = {
    "azure.ai.ml.command": {},
    "azure.ai.ml.entities.CommandJob": {},
    "azure.ai.ml.entities.JobResourceConfiguration": {},
    "azure.ai.ml.entities.Command.set_resources": {},
    "azure.ai.ml.entities.ResourceSettings": {},
    "azure.ai.ml.entities.ResourceRequirementsSettings": {},
    "azure.ai.ml.entities.KubernetesOnlineDeployment": {"name": "blue"},
    "azure.ai.ml.entities.ManagedOnlineDeployment": {"name": "blue"},
    "azure.ai.ml.entities.KubernetesOnlineEndpoint": {},
    "azure.ai.ml.entities.ManagedOnlineEndpoint": {},
    "azure.ai.ml.entities.KubernetesCompute": {"name": "k8s"},
}


# Where a function hands its `**kwargs` on: the keywords those classes name are taken too
# (`command(resources=JobResourceConfiguration(...))` reaches `Command`).
FORWARDS = {
    "azure.ai.ml.command": (
        "azure.ai.ml.entities.Command",
        "azure.ai.ml.entities.CommandComponent",
    ),
}


def resolve(path: str) -> Callable[..., Any]:
    """The callable at an import path; `Command.set_resources` is bound to a fresh command."""
    if path.endswith(".set_resources"):
        from azure.ai.ml import command

        return command(command="echo").set_resources  # type: ignore[no-any-return]
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def raises_type_error(target: Callable[..., Any], arguments: dict[str, Any]) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            target(**arguments)
    except TypeError:
        return True
    except Exception:  # a value the SDK validates (None where it wants text): accepted
        return False
    return False


def candidates(path: str) -> list[str]:
    """The keywords the code along the way names: the parameters of the callable, of its
    class's MRO and of the classes it forwards `**kwargs` to (with their MROs), and the
    names their `__init__`s take out of `**kwargs` (`kwargs.pop("id", None)`)."""
    functions: list[Callable[..., Any]] = []
    for each in (path, *FORWARDS.get(path, ())):
        target = resolve(each)
        if inspect.isclass(target):
            functions += [klass.__init__ for klass in target.__mro__ if "__init__" in vars(klass)]
        else:
            functions.append(target)
    names: dict[str, None] = {}
    for function in functions:
        try:
            parameters = inspect.signature(function).parameters.values()
            source = inspect.getsource(function)
        except (TypeError, ValueError, OSError):
            continue
        for parameter in parameters:
            keyword = parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
            if keyword and parameter.name not in ("self", "func"):
                names[parameter.name] = None
        for literal, constant in _TAKEN_FROM_KWARGS.findall(source):
            value = literal or getattr(function, "__globals__", {}).get(constant)
            if isinstance(value, str) and value.isidentifier():
                names[value] = None
    return sorted(names)


def callable_table() -> dict[str, dict[str, Any]]:
    table = {}
    for path, required in CALLABLES.items():
        target = resolve(path)
        accepted = [
            name
            for name in candidates(path)
            if name in required or not raises_type_error(resolve(path), {**required, name: None})
        ]
        other = "reject" if raises_type_error(target, {**required, PROBE: None}) else "ignore"
        module = getattr(target, "__module__", path.rpartition(".")[0])
        table[path.rsplit(".", 1)[-1]] = {
            "path": path, "module": module, "accepts": accepted, "other": other,
        }
    return table


def module_exports() -> dict[str, list[str]]:
    package = importlib.import_module(ROOT)
    modules = [ROOT] + [
        f"{ROOT}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    ]
    loaded = {}
    for name in modules:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                loaded[name] = importlib.import_module(name)
        except Exception:  # an optional module whose extra is not installed
            continue
    # Every module imported first: a package's submodules are then among its names.
    exports = {
        name: {n for n in dir(module) if not n.startswith("__")}
        | {m.rpartition(".")[2] for m in loaded if m.startswith(name + ".")}
        for name, module in loaded.items()
    }
    # A module-level `__getattr__` (azure.ai.ml.entities serves the sweep names that way)
    # finds names `dir` does not list: try every name another module has.
    everywhere = set().union(*exports.values())
    for name, module in loaded.items():
        if "__getattr__" in vars(module):
            exports[name] |= {n for n in everywhere - exports[name] if _served(module, n)}
    return {name: sorted(names) for name, names in exports.items()}


def _served(module: Any, name: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            getattr(module, name)
    except Exception:
        return False
    return True


def main() -> int:
    from azure.ai.ml import __version__

    lines = [
        '"""What azure-ai-ml accepts, as `scripts/generate_sdk_tables.py` found by asking it.',
        "",
        "Generated: do not edit (run the script again with a newer azure-ai-ml instead).",
        '"""',
        "",
        f'SDK_VERSION = "{__version__}"',
        "",
        "# class or function -> its import path, the module that defines it, the keywords it",
        "# accepts, and what it does with any other: `reject` (TypeError) or `ignore` (dropped)",
        "CALLABLES: dict[str, dict[str, object]] = {",
    ]
    for name, entry in callable_table().items():
        lines.append(f'    "{name}": {{')
        lines.append(f'        "path": "{entry["path"]}",')
        lines.append(f'        "module": "{entry["module"]}",')
        lines.append('        "accepts": (')
        lines += [f'            "{keyword}",' for keyword in entry["accepts"]]
        lines.append("        ),")
        lines.append(f'        "other": "{entry["other"]}",')
        lines.append("    },")
    lines += ["}", "", "# public module -> the names `from <module> import <name>` finds there",
              "MODULE_EXPORTS: dict[str, frozenset[str]] = {"]
    for module, names in module_exports().items():
        lines.append(f'    "{module}": frozenset({{')
        lines += [f'        "{name}",' for name in names]
        lines.append("    }),")
    lines.append("}")
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} from azure-ai-ml {__version__}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
