"""Output formats: one module each, all behind `render(result, options) -> str`.

A run that cannot start (a bad config or baseline: exit 2) still gives the machine formats
that CI reads something to show: `render_failure` for the formats that can carry the error
(SARIF, GitHub and Azure annotations, JUnit); None for the others."""

from __future__ import annotations

import importlib
import os
import re
from typing import NamedTuple

from linter.engine.run_result import RunResult

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


HUMAN_FORMATS = frozenset({"text", "concise"})
# The Azure Pipelines agent runs `##vso[` wherever it appears in a log line (any case).
_AZURE_COMMAND = re.compile(r"##(vso)\[", re.IGNORECASE)


class RenderOptions(NamedTuple):
    color: bool = False
    # The output goes to an Azure Pipelines log (TF_BUILD is set): a `##vso[` that a file
    # name or a YAML value brings into a human format must not run as a logging command.
    azure_log: bool = False
    # The project root, when the text formats should print paths relative to the current
    # folder instead (clickable in a terminal opened anywhere); machine formats ignore it.
    root: str | None = None
    quiet: bool = False  # the findings only, without the summary line (`--quiet`)

    def shown_path(self, path: str) -> str:
        """A finding's path (relative to the project root) as the text formats print it."""
        if self.root is None or not path:
            return path
        full = os.path.join(self.root, path)
        try:
            cwd = os.getcwd()
        except OSError:  # the current folder is gone
            return path
        # From inside the project, `../clusters/a.yaml`; from outside it, the whole path.
        inside = os.path.commonpath((cwd, self.root)) == self.root
        if not inside and os.path.commonpath((cwd, full)) != cwd:
            return full.replace(os.sep, "/")
        return os.path.relpath(full, cwd).replace(os.sep, "/")


class ToolFailure(NamedTuple):
    """Why the run did not happen, and the file to blame (as shown to the user: relative to
    the current folder when below it) with the line and column where known."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None


def render(name: str, result: RunResult, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    module = importlib.import_module(f"linter.formats.{FORMATS[name]}")
    output: str = module.render(result, options)
    if options.azure_log and name in HUMAN_FORMATS:
        output = inert_azure_commands(output)
    return output


def render_failure(name: str, failure: ToolFailure) -> str | None:
    module = importlib.import_module(f"linter.formats.{FORMATS[name]}")
    failure_renderer = getattr(module, "render_failure", None)
    return None if failure_renderer is None else failure_renderer(failure)


def inert_azure_commands(text: str) -> str:
    """`##vso[` written as `##vso\\[`: still readable, no longer a logging command."""
    return _AZURE_COMMAND.sub(r"##\1\\[", text)
