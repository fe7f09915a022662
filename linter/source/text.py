"""Bytes on disk -> text, or the reason a file cannot be read as text (AML005)."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import NamedTuple

from linter.core.span import Span
from linter.source.bounded_read import NotReadable, read_regular

MAX_FILE_BYTES = 5 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableFile(Exception):
    """The file cannot be linted; the message says why in one line, the span where if known."""

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.span = span or Span.point(1, 1)


class Stamp(NamedTuple):
    """What `stat` says of a file: when size and modification time are unchanged, so is
    (for the facts cache) its content."""

    size: int
    mtime_ns: int
    identity: tuple[int, int] | None = None  # (st_dev, st_ino): the file, whatever its path


class SourceText(NamedTuple):
    text: str
    encoding: str
    bom: bytes

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"


def read_bytes(path: Path) -> bytes:
    return read_file(path)[0]


def read_file(path: Path) -> tuple[bytes, Stamp]:
    """The file's bytes and its stamp, taken before reading (a later change shows as a newer
    stamp). Only regular files are read: a FIFO would block, a device never end."""
    try:
        data, info = read_regular(path, MAX_FILE_BYTES)
    except NotReadable as exc:
        raise UnreadableFile(f"{exc}; not linted") from exc
    except FileNotFoundError as exc:
        raise UnreadableFile("file vanished before it could be read") from exc
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL in a path from the command line
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnreadableFile(f"cannot read file: {reason}") from exc
    return data, Stamp(
        size=info.st_size, mtime_ns=info.st_mtime_ns, identity=(info.st_dev, info.st_ino)
    )


def decode(data: bytes) -> SourceText:
    """Decode as YAML allows (UTF-8, UTF-16, UTF-32, with or without BOM)."""
    bom, encoding = _detect(data)
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode(encoding, "replace")
        raise UnreadableFile(
            f"not valid {encoding.upper()} text (byte {exc.start + len(bom)}); not linted",
            _point_after(before),
        ) from exc
    nul = text.find("\x00")
    if nul != -1:
        raise UnreadableFile(
            "binary file (contains NUL characters); not linted", _point_after(text[:nul])
        )
    return SourceText(text=text, encoding=encoding, bom=bom)


def _point_after(text: str) -> Span:
    """The position just after `text`, where the offending character starts."""
    line = text.count("\n")
    return Span.point(line + 1, len(text) - (text.rfind("\n") + 1) + 1)


def _detect(data: bytes) -> tuple[bytes, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return bom, encoding
    # Without a BOM, YAML tells UTF-16/32 apart by where the NULs of an ASCII first char fall.
    head = data[:4]
    if len(head) == 4:
        if head[:3] == b"\x00\x00\x00" and head[3]:
            return b"", "utf-32-be"
        if head[0] and head[1:] == b"\x00\x00\x00":
            return b"", "utf-32-le"
    if len(head) >= 2:
        if head[0] == 0 and head[1]:
            return b"", "utf-16-be"
        if head[0] and head[1] == 0:
            return b"", "utf-16-le"
    return b"", "utf-8"


def searchable_bytes(data: bytes) -> bytes:
    """Bytes to run the prefilter on: UTF-16/32 files are re-encoded as UTF-8 first."""
    bom, encoding = _detect(data)
    if encoding in ("utf-8",):
        return data
    try:
        return data[len(bom) :].decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return data


MARKER = "amlarc-lint:"  # what a suppression directive starts with
_MARKER_BYTES = MARKER.encode()


def mentions_marker(data: bytes) -> bool:
    """Whether a file's bytes (any encoding YAML allows) hold `amlarc-lint:` at all: only such
    files can hold a directive."""
    return _MARKER_BYTES in searchable_bytes(data)
