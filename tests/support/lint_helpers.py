"""Run the linter the way the tests need: on text, on a file, on a folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import linter
from linter.core.finding import Finding


def lint_folder(folder: Path, paths: tuple[str, ...] = (".",)) -> list[Finding]:
    """Lint a folder as a project (its own amlarc-lint.toml, if any, applies), through the
    same pipeline as `check` (inline suppression and AML004 included)."""
    return linter.lint(paths, linter.LintOptions(cwd=folder, cache=False)).findings


def lint_text(tmp_path: Path, text: str, name: str = "doc.yaml") -> list[Finding]:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return lint_folder(tmp_path)


def lint_copy(tmp_path: Path, source: Path) -> list[Finding]:
    """Lint one fixture file (or folder) in isolation from its neighbours."""
    if source.is_dir():
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return lint_folder(target)
    shutil.copy(source, tmp_path / source.name)
    return lint_folder(tmp_path)


def render_expected(findings: list[Finding]) -> str:
    """The fixture expectation format: exact spans, message, related locations."""
    lines = []
    for f in findings:
        s = f.span
        where = f"{f.path}:{s.start_line}:{s.start_col}-{s.end_line}:{s.end_col}"
        if f.cell is not None:  # a notebook: also where the text formats show it
            c = f.cell.span
            where += f" (cell {f.cell.cell}:{c.start_line}:{c.start_col}-{c.end_line}:{c.end_col})"
        lines.append(f"{where}: {f.rule_id} {f.message}")
        for location in f.related:
            message = location.note
            r = location.span
            where = f"{location.path}:{r.start_line}:{r.start_col}-{r.end_line}:{r.end_col}"
            lines.append(f"  related {where}: {message}")
    return "\n".join(lines) + ("\n" if lines else "")


def assert_findings(
    tmp_path: Path, text: str, rule_id: str, expected: list[tuple[int, int]]
) -> list[Finding]:
    """Inline case: the rule's findings start exactly at these (line, column) positions."""
    found = [f for f in lint_text(tmp_path, text) if f.rule_id == rule_id]
    assert [(f.span.start_line, f.span.start_col) for f in found] == expected, render_expected(
        found
    )
    return found
