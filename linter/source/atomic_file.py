"""Replace a file's bytes atomically: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path


def write_atomically(path: Path, data: bytes | Sequence[bytes]) -> None:
    """Write `data` (or its parts, one after the other) to `path` (through a symlink, to its
    target), keeping the file's mode.

    A reader sees the old bytes or the new ones, never a mix; on any error the old file
    stays as it was and the temporary file is removed.
    """
    import tempfile  # only a run that writes needs it (most commit-time runs write nothing)

    real = path.resolve()
    mode = stat.S_IMODE(real.stat().st_mode) if real.exists() else None
    descriptor, temporary = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
