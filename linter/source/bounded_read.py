"""Read a file the tool depends on (a file to lint, the config, a baseline, the cache, an
ignore file) only if it is a regular file, and only up to a size bound.

The file is opened without blocking (a FIFO with no writer would block the open forever)
and checked with `fstat` on the open descriptor, so it cannot be swapped between the check
and the read; a device (`/dev/zero` never ends, `/dev/urandom` never repeats) or a pipe is
refused before a byte is read, a file over the bound before it is read whole.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotReadable(Exception):
    """Not a regular file, or over the bound; the message says which, in a few words."""


def read_regular(
    path: Path | str, limit: int, *, follow_symlinks: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path` (at most `limit`) and its `fstat`. Raises
    NotReadable for a directory, a pipe, socket or device, or a file over `limit` bytes,
    and OSError (FileNotFoundError, PermissionError, a symlink loop, a symlink when not
    `follow_symlinks`...) as `open` does."""
    descriptor = os.open(path, _FLAGS if follow_symlinks else _FLAGS | _NO_FOLLOW)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise NotReadable(f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit")
        parts: list[bytes] = []
        left = limit + 1  # one byte more than allowed tells a file that grew after fstat
        want = min(left, info.st_size + 1)  # the whole file in one read, as a rule
        while left > 0:
            part = os.read(descriptor, want)
            if not part:
                break
            parts.append(part)
            left -= len(part)
            want = min(left, 1 << 20)
    finally:
        os.close(descriptor)
    data = b"".join(parts)
    if len(data) > limit:
        raise NotReadable(f"file is over the {limit:,}-byte limit")
    return data, info
