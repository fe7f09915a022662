"""`amlarc-lint check`: settings -> run -> output -> exit status (0, 1, or 2)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from linter.finding import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    output_format: str = "text"
    output_file: Path | None = None
    fail_on: str = "error"
    exit_zero: bool = False
    config_path: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    color: bool = False


def run_check(options: CheckOptions) -> int:
    from linter import engine
    from linter.config import ConfigError, load_settings
    from linter.formats import RenderOptions, render

    try:
        settings = load_settings(_start_dir(options.paths), options.config_path, options.isolated)
    except ConfigError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if options.select is not None:
        settings = replace(settings, select=options.select)
    if options.ignore:
        settings = replace(settings, ignore=settings.ignore + options.ignore)
    result = engine.run(settings, options.paths)
    output = render(options.output_format, result, RenderOptions(color=options.color))
    try:
        if options.output_file is not None:
            options.output_file.write_text(output, encoding="utf-8")
        else:
            sys.stdout.write(output)
    except OSError as exc:
        print(f"amlarc-lint: error: cannot write output: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    threshold = Severity.parse(options.fail_on)
    failing = any(f.severity >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_CLEAN


def _start_dir(paths: tuple[str, ...]) -> Path:
    first = Path(paths[0]) if paths else Path(".")
    return first if first.is_dir() else first.parent
