"""`path:line:col: AML302 [error] message`, one line per finding."""

from __future__ import annotations

from linter.core.run_result import RunResult
from linter.formats import RenderOptions
from linter.formats.details import one_line, shown_position
from linter.formats.summary import summary_line


def render(result: RunResult, options: RenderOptions) -> str:
    lines = [
        f"{shown_position(f, options.shown_path)}: "
        f"{f.rule_id} [{f.severity.label}] {one_line(f.message)}"
        for f in result.findings
    ]
    return "\n".join([*lines, summary_line(result)]) + "\n"
