"""`git ls-files` for a folder: the files a walk of a git checkout considers.

Listing a large repository costs git tens of milliseconds. The program starts it for the
current folder (where pre-commit runs the hook: the repository's root) before its own
slow imports (`linter.cli.console`), so that git works on another core meanwhile; `files`
collects that listing when the same folder is asked for, or runs git then. This module
imports nothing heavy.
"""

from __future__ import annotations

import atexit
import os
import subprocess

_COMMAND = ("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")
_TIMEOUT_S = 60

_early: tuple[str, subprocess.Popen[bytes]] | None = None


def start(directory: str) -> None:
    """Begin listing `directory` in the background (replacing a listing begun earlier of
    another folder; one of this folder is kept)."""
    global _early
    try:
        where = os.path.realpath(directory)
    except OSError:  # the current folder is gone: the run will say so
        return
    if _early is not None and _early[0] == where:
        return
    discard()
    process = _spawn(where)
    if process is not None:
        _early = (where, process)
        atexit.unregister(discard)  # registered once, however many runs a process makes
        atexit.register(discard)


def discard() -> None:
    """Stop a listing begun early that no one asked for."""
    global _early
    if _early is not None:
        _stop(_early[1])
        _early = None


def files(directory: str) -> list[str] | None:
    """Names relative to `directory`, POSIX, as git lists them; None outside a git checkout
    (or without git). The listing begun early is used if it is of this folder, else it is
    left for a later call."""
    global _early
    if _early is not None and _early[0] == os.path.realpath(directory):
        process: subprocess.Popen[bytes] | None = _early[1]
        _early = None
    else:
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
