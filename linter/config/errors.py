"""A bad configuration: the error and how its messages name files."""

from __future__ import annotations

from pathlib import Path


class ConfigError(Exception):
    """A bad config file or value; the message is one line naming the file and the key.
    `path` (and `line`, `column`, where known) locate it for the machine formats."""

    def __init__(
        self, message: str, path: Path | None = None, line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path, self.line, self.column = path, line, column


def shown(path: Path) -> str:
    """A path for messages: relative to the current folder when below it."""
    cwd = Path.cwd()
    return path.relative_to(cwd).as_posix() if path.is_relative_to(cwd) else str(path)
