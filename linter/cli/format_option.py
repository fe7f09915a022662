"""`--format FMT[=PATH]`: one run prints one format and writes any others to files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import click

FormatTarget = tuple[str, Path | None]  # a format, and the file it goes to (None: the output)


class FormatTargetType(click.ParamType):
    name = "FMT[=PATH]"

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = tuple(choices)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return f"[{'|'.join(self.choices)}][=PATH]"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> FormatTarget:
        if isinstance(value, tuple):
            return value  # type: ignore[return-value]
        name, has_path, path = str(value).partition("=")
        if name not in self.choices:
            self.fail(f"'{name}' is not one of {', '.join(self.choices)}", param, ctx)
        if has_path and not path:
            self.fail(f"'{value}' names no file after '='", param, ctx)
        return name, Path(path) if has_path else None


def split_targets(targets: Iterable[FormatTarget]) -> tuple[str, tuple[tuple[str, Path], ...]]:
    """The format for standard output (or --output-file), and the formats written to files."""
    targets = tuple(targets)
    printed = [name for name, path in targets if path is None]
    if len(printed) > 1:
        raise click.UsageError(
            f"only one --format can be printed (got {', '.join(printed)}); "
            "send the others to files, e.g. --format sarif=results.sarif"
        )
    files = tuple((name, path) for name, path in targets if path is not None)
    return (printed[0] if printed else "text"), files
