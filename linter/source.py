"""Bytes on disk -> text, or the reason a file cannot be read as text (AML005)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class UnreadableFile(Exception):
    """The file cannot be linted; the message says why in one line."""


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str
    bom: bytes

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"


def read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise UnreadableFile("is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; not linted"
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableFile("file vanished before it could be read") from exc
    except PermissionError as exc:
        raise UnreadableFile("permission denied") from exc
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from exc


def decode(data: bytes) -> SourceText:
    """Decode as YAML allows (UTF-8, UTF-16, UTF-32, with or without BOM)."""
    bom, encoding = _detect(data)
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(
            f"not valid {encoding.upper()} text (byte {exc.start + len(bom)}); not linted"
        ) from exc
    if "\x00" in text:
        raise UnreadableFile("binary file (contains NUL characters); not linted")
    return SourceText(text, encoding, bom)


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
