"""`path:line:col: error: AML302 message`, one line per finding, then the summary.

The shape compilers print (`warning:`, and `note:` for info findings, as gcc and SARIF name
that level), so the problem matchers of CI systems and editors (VS Code's `$gcc`, GitHub
Actions matchers written for it) read it as it is."""

from __future__ import annotations

from linter.engine.run_result import RunResult
from linter.formats import RenderOptions
from linter.formats.details import LEVELS, one_line, shown_position
from linter.formats.summary import summary_line


def render(result: RunResult, options: RenderOptions) -> str:
    lines = [
        f"{shown_position(f, options.shown_path)}: {LEVELS[f.severity]}: {f.rule_id} "
        f"{one_line(f.message)}"
        for f in result.findings
    ]
    summary = [] if options.quiet else [summary_line(result)]
    return "".join(line + "\n" for line in [*lines, *summary])
