"""Unsaved text linted in place of the file on disk: an editor's open buffers (the language
server), or standard input (`check -`, `check --stdin-filename PATH`).

The in-process API takes an overlay of absolute path -> text; the engine works with project
paths, so a run turns it into `Buffers` (project-relative POSIX path -> UTF-8 bytes) once. A
buffered file is read from here, never from disk; it counts as existing even if it was never
saved; and what the run learns of it is never written to the facts cache (the cache describes
the files on disk).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from linter.core.paths import relative
from linter.source.text import MAX_FILE_BYTES, UnreadableFile

Buffers = Mapping[str, bytes]
NO_BUFFERS: Buffers = MappingProxyType({})


def project_buffers(root: Path, overlay: Mapping[str, str] | None) -> Buffers:
    if not overlay:
        return NO_BUFFERS
    return {relative(root, Path(path)): text.encode("utf-8") for path, text in overlay.items()}


def buffered(buffers: Buffers, path: str) -> bytes | None:
    """The file's unsaved text, or None when it is read from disk."""
    data = buffers.get(path)
    if data is not None and len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"text is over the {MAX_FILE_BYTES:,}-byte limit; not linted")
    return data
