"""`git ls-files` for a folder: the files a walk of a git checkout considers.

Listing a large repository costs git tens of milliseconds. The CLI starts it for the
current folder (where pre-commit runs the hook: the repository's root) before its own
slow imports, so that git works on another core meanwhile; `files` collects that listing
when the same folder is asked for, or runs git then. This module imports nothing heavy.
"""

from __future__ import annotations

import os
import subprocess

_COMMAND = ("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")
_TIMEOUT_S = 60

_early: tuple[str, subprocess.Popen[bytes]] | None = None


def start(directory: str) -> None:
    """Begin listing `directory` in the background."""
    global _early
    process = _spawn(directory)
    if process is not None:
        _early = (os.path.realpath(directory), process)


def files(directory: str) -> list[str] | None:
    """Names relative to `directory`, POSIX, as git lists them; None outside a git checkout
    (or without git)."""
    global _early
    early, _early = _early, None
    if early is not None and early[0] == os.path.realpath(directory):
        process: subprocess.Popen[bytes] | None = early[1]
    else:
        if early is not None:
            _stop(early[1])
        process = _spawn(directory)
    if process is None:
        return None
    try:
        output, _ = process.communicate(timeout=_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _stop(process)
        return None
    if process.returncode != 0:
        return None
    return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]


def _spawn(directory: str) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            _COMMAND, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, ValueError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.communicate()
