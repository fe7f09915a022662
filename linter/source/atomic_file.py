"""Write the files the tool writes (reports, a baseline, the cache, fixed files) without ever
replacing what is not a regular file.

A regular file (or a new one) is replaced atomically: a temporary file in the same folder,
then a rename, so a reader sees the old bytes or the new ones, never a mix. A rename over a
device or a pipe would replace it (as root, `--write-baseline /dev/null` would turn
`/dev/null` into a file): a report or baseline aimed at one is written through to it instead
(`/dev/null`, `/dev/stdout`, a FIFO a process reads, `>(...)`), and `write_atomically`
refuses one. The temporary files are named after the process that writes them, so a later
run removes those a killed run left (`remove_stale_temporaries`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

_TEMPORARY = ".amlarc-lint-"  # .<name>.amlarc-lint-<pid>-<random>.tmp
_WRITE_THROUGH = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_WRITE_THROUGH |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_output(path: Path, data: bytes) -> None:
    """A report or baseline: a regular file (or a new one) replaced atomically; a device or
    a FIFO written through, never replaced. A FIFO no process reads is an error, not a
    hang. Raises OSError (its `strerror` one line)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is None or stat.S_ISREG(info.st_mode):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    try:
        descriptor = os.open(path, _WRITE_THROUGH)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO without a reader (or a socket)
            raise OSError(exc.errno, "no process is reading this pipe", str(path)) from exc
        raise
    try:
        os.set_blocking(descriptor, True)  # a reader that is slow is waited for
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_atomically(
    path: Path,
    data: bytes | Sequence[bytes],
    *,
    follow_symlinks: bool = True,
    owner: tuple[int, int] | None = None,
) -> None:
    """Replace the regular file at `path` (through a symlink, to its target; with
    `follow_symlinks=False`, the link itself) with `data` (or its parts, one after the
    other), keeping the file's mode (and giving it `owner`: uid, gid). Refuses (OSError) to
    replace a device, pipe, socket or folder. On any error the old file stays as it was and
    the temporary file is removed."""
    import tempfile  # only a run that writes needs it (most commit-time runs write nothing)

    real = path.resolve() if follow_symlinks else path
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        info = None
    if info is not None and not (
        stat.S_ISREG(info.st_mode) or (not follow_symlinks and stat.S_ISLNK(info.st_mode))
    ):
        raise OSError(errno.EEXIST, "not a regular file; it is never replaced", str(path))
    regular = info is not None and stat.S_ISREG(info.st_mode)
    descriptor, temporary = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}{_TEMPORARY}{os.getpid()}-", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        if owner is not None and owner != (os.getuid(), os.getgid()):
            os.chown(temporary, *owner)
        if regular:
            assert info is not None
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def rewrite_file(path: Path, data: bytes) -> str:
    """Give the existing regular file at `path` (through symlinks) new content, keeping what
    makes it that file: its mode, owner and group, and, for a file with hard links, its inode
    (written in place: every link sees the new content). Otherwise atomically. Returns a note
    for the user ("" when there is nothing to say); raises OSError."""
    real = path.resolve()
    info = os.stat(real)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EEXIST, "not a regular file; it is never replaced", str(path))
    if info.st_nlink > 1:
        _write_in_place(real, data)
        return f"written in place to keep its {info.st_nlink - 1} hard link(s) to the same file"
    try:
        write_atomically(real, data, owner=(info.st_uid, info.st_gid))
    except PermissionError:  # the new file cannot take the old one's owner or group
        _write_in_place(real, data)
        return "written in place to keep its owner and group"
    return ""


def _write_in_place(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.ftruncate(descriptor, len(data))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files in `folder` that a killed run left (its process is gone)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(".") and name.endswith(".tmp") and _TEMPORARY in name):
            continue
        pid = name.rsplit(_TEMPORARY, 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True
