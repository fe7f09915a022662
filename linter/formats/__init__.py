"""Output formats: one module each, all behind `render(result, options) -> str`."""

from __future__ import annotations

import importlib
from typing import NamedTuple

from linter.engine import RunResult

FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "azure": "azure",
    "gitlab": "gitlab",
    "junit": "junit",
}


class RenderOptions(NamedTuple):
    color: bool = False


def render(name: str, result: RunResult, options: RenderOptions | None = None) -> str:
    module = importlib.import_module(f"linter.formats.{FORMATS[name]}")
    return module.render(result, options or RenderOptions())
