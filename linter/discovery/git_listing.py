"""`git ls-files` for a folder: the files a walk of a git checkout considers.

Listing a large repository costs git tens of milliseconds. The program starts it for the
current folder (where pre-commit runs the hook: the repository's root) before its own
slow imports (`linter.cli.console`), so that git works on another core meanwhile; `files`
collects that listing when the same folder is asked for, or runs git then. The program's
listing also stats every file listed (`linter.discovery.file_stats`, run as a program), for the
facts cache (`stamps`). This module imports nothing heavy.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

from linter.discovery import file_stats
from linter.discovery.file_stats import LISTING_TIMEOUT_S, TIMED_OUT, FileStamp

_COMMAND = ("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")

# The folder, its listing process, and whether that process also stats (`file_stats`).
_early: tuple[str, subprocess.Popen[bytes], bool] | None = None
# What reading a part of a child's output that is not whole raises.
_CUT_SHORT = (EOFError, ValueError, TypeError, OSError, MemoryError)
# A listing whose names were read and whose stamps are still to come: folder, process, names.
_stamping: tuple[str, subprocess.Popen[bytes], list[str]] | None = None


def start(directory: str, with_stamps: bool = False) -> None:
    """Begin listing `directory` in the background (replacing a listing begun earlier of
    another folder; one of this folder is kept); `with_stamps`: and stat what it lists."""
    global _early
    try:
        where = os.path.realpath(directory)
    except OSError:  # the current folder is gone: the run will say so
        return
    if _early is not None and _early[0] == where:
        return
    discard()
    process = _spawn_with_stamps(where) if with_stamps else None
    stamped = process is not None
    process = process or _spawn(where)
    if process is not None:
        _early = (where, process, stamped)
        atexit.unregister(discard)  # registered once, however many runs a process makes
        atexit.register(discard)


def discard() -> None:
    """Stop a listing begun early that no one asked for, and one whose stamps no one did."""
    global _early, _stamping
    if _early is not None:
        _stop(_early[1])
        _early = None
    if _stamping is not None:
        _stop(_stamping[1])
        _stamping = None


def stamps(directory: str) -> Mapping[str, FileStamp | None] | None:
    """The stamps (size, mtime_ns, dev, ino) the early listing of `directory` took of each
    file it listed, by name, once; None if it took none."""
    global _stamping
    found, _stamping = _stamping, None
    if found is None:
        return None
    where, process, names = found
    try:
        if where != os.path.realpath(directory):
            return None
        taken = _next_part(process)
        return dict(zip(names, taken, strict=True))
    except _CUT_SHORT:
        return None
    finally:
        _stop(process)  # it has written all: reaped


def files(directory: str) -> list[str] | None:
    """Names relative to `directory`, POSIX, as git lists them; None outside a git checkout
    (or without git). The listing begun early is used if it is of this folder, else it is
    left for a later call."""
    global _early
    if _early is not None and _early[0] == os.path.realpath(directory):
        where, process, stamped = _early
        _early = None
    else:
        where, process, stamped = directory, _spawn(directory), False
    if process is None:
        return None
    if stamped:
        names = _stamped_names(where, process)
        if names is not None or process.returncode == TIMED_OUT:  # as git's own timeout
            return names
        return files(directory)  # git itself says why not (not a checkout, no git)
    try:
        output, _ = process.communicate(timeout=LISTING_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _stop(process)
        return None
    if process.returncode != 0:
        return None
    return [name for name in output.decode("utf-8", "surrogateescape").split("\0") if name]


def _stamped_names(where: str, process: subprocess.Popen[bytes]) -> list[str] | None:
    """The names `file_stats` wrote first, its stamps left to come for `stamps`; None if it
    wrote none (git failed, or it could not run)."""
    global _stamping
    try:
        names = _next_part(process)
    except _CUT_SHORT:
        _stop(process)  # reaped: its exit status says why
        return None
    if _stamping is not None:  # an earlier run's, never asked for
        _stop(_stamping[1])
    _stamping = (where, process, names)
    return list(names)


def _next_part(process: subprocess.Popen[bytes]) -> Any:
    if process.stdout is None:
        raise EOFError
    return file_stats.read_part(process.stdout)


def _spawn(directory: str) -> subprocess.Popen[bytes] | None:
    return _popen(_COMMAND, directory)


def _spawn_with_stamps(directory: str) -> subprocess.Popen[bytes] | None:
    """git's listing run by `file_stats` in an interpreter of its own (isolated, without
    site-packages), which stats what git lists."""
    if not sys.executable or getattr(sys, "frozen", False):  # no interpreter of ours to start
        return None
    return _popen((sys.executable, "-I", "-S", file_stats.__file__, *_COMMAND), directory)


def _popen(command: tuple[str, ...], directory: str) -> subprocess.Popen[bytes] | None:
    """The command in a process group of its own (POSIX): stopping it stops what it started
    (the stamping child's git) too."""
    group = {"process_group": 0} if os.name == "posix" else {}
    try:
        return subprocess.Popen(
            command, cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL, **group,
        )
    except (OSError, ValueError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the process and its group, then reap it (a group is only signalled while its
    leader is not reaped: its number cannot have been given to another process yet)."""
    if process.poll() is None and os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.communicate()
