"""The SDK tables (`linter/source/sdk_tables.py`) say what the installed azure-ai-ml really
does: the generator reproduces them, every keyword they accept is accepted, and every AML501 /
AML502 / AML503 case of the rule fixtures really raises TypeError / is silently taken / raises
ImportError in the SDK."""

from __future__ import annotations

import importlib.util
import re
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from linter.source.sdk_tables import CALLABLES, MODULE_EXPORTS, SDK_VERSION
from tests.support.lint_helpers import lint_copy

PROJECT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT / "tests" / "rules"
_KEYWORD = re.compile(r'^(?:\.)?(\w+)\(\) (?:has no|silently ignores the) keyword "(\w+)"')
_IMPORT = re.compile(r"^([\w.]+) has no name (\w+) ")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_sdk_tables", PROJECT / "scripts" / "generate_sdk_tables.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


def _call(name: str, keyword: str) -> Exception | None:
    """What calling the SDK's `name` with `keyword=None` raises (None: nothing)."""
    entry = CALLABLES[name]
    path = str(entry["path"])
    required = GENERATOR.CALLABLES[path]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            GENERATOR.resolve(path)(**{**required, keyword: None})
    except Exception as exc:
        return exc
    return None


def _fixture_findings(rule_id: str, tmp_path: Path) -> list[str]:
    messages = []
    for number, case in enumerate(sorted((FIXTURES / rule_id).glob("bad_*"))):
        if case.name.endswith(".expected"):
            continue
        target = tmp_path / str(number)
        target.mkdir()
        messages += [f.message for f in lint_copy(target, case) if f.rule_id == rule_id]
    assert messages, f"no {rule_id} fixture finding"
    return messages


def test_the_installed_sdk_is_the_one_the_tables_come_from() -> None:
    from azure.ai.ml import __version__

    assert __version__ == SDK_VERSION


def test_the_generator_reproduces_the_tables() -> None:
    generated = GENERATOR.callable_table()
    assert {name: (tuple(e["accepts"]), e["other"]) for name, e in generated.items()} == {
        name: (tuple(e["accepts"]), e["other"]) for name, e in CALLABLES.items()  # type: ignore[arg-type]
    }
    exports = GENERATOR.module_exports()
    assert {name: frozenset(names) for name, names in exports.items()} == MODULE_EXPORTS


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_every_keyword_the_table_accepts_is_accepted(name: str) -> None:
    accepts: Any = CALLABLES[name]["accepts"]
    rejected = [k for k in accepts if isinstance(_call(name, k), TypeError)]
    assert rejected == []


def test_every_unknown_keyword_case_raises_type_error(tmp_path: Path) -> None:
    for message in _fixture_findings("AML501", tmp_path):
        match = _KEYWORD.match(message)
        assert match, message
        assert isinstance(_call(*match.groups()), TypeError), message


def test_every_ignored_keyword_case_is_taken_silently(tmp_path: Path) -> None:
    for message in _fixture_findings("AML502", tmp_path):
        match = _KEYWORD.match(message)
        assert match, message
        assert _call(*match.groups()) is None, message


def test_every_import_case_raises_import_error(tmp_path: Path) -> None:
    for message in _fixture_findings("AML503", tmp_path):
        match = _IMPORT.match(message)
        assert match, message
        module, name = match.groups()
        with pytest.raises(ImportError):
            exec(f"from {module} import {name}", {})
