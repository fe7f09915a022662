"""Bytes on disk -> text, or the one-line reason a file cannot be linted, with where."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from linter.core.span import Span
from linter.source.text import (
    UnreadableFile,
    decode,
    mentions_marker,
    read_file,
    searchable_bytes,
)


@pytest.mark.parametrize(
    ("data", "text", "encoding", "bom"),
    [
        (b"a: 1\n", "a: 1\n", "utf-8", b""),
        (codecs.BOM_UTF8 + b"a: 1", "a: 1", "utf-8", codecs.BOM_UTF8),
        ("a: é".encode("utf-16-le"), "a: é", "utf-16-le", b""),  # told by where the NULs are
        (codecs.BOM_UTF16_BE + "a".encode("utf-16-be"), "a", "utf-16-be", codecs.BOM_UTF16_BE),
        ("ab".encode("utf-32-le"), "ab", "utf-32-le", b""),
        ("ab".encode("utf-32-be"), "ab", "utf-32-be", b""),
        (codecs.BOM_UTF32_LE + "a".encode("utf-32-le"), "a", "utf-32-le", codecs.BOM_UTF32_LE),
        (b"", "", "utf-8", b""),
    ],
)
def test_decode_as_yaml_allows(data: bytes, text: str, encoding: str, bom: bytes) -> None:
    assert tuple(decode(data)) == (text, encoding, bom)


def test_the_newline_is_crlf_when_the_text_has_one() -> None:
    assert decode(b"a: 1\r\nb: 2\r\n").newline == "\r\n"
    assert decode(b"a: 1\nb: 2\n").newline == "\n"


@pytest.mark.parametrize(
    ("data", "message", "span"),
    [
        (b"a: 1\nb: \xff\n", "not valid UTF-8 text (byte 8); not linted", Span(2, 4, 2, 5)),
        (codecs.BOM_UTF8 + b"\xff", "not valid UTF-8 text (byte 3); not linted", Span(1, 1, 1, 2)),
        (b"a\nbc\x00", "binary file (contains NUL characters); not linted", Span(2, 3, 2, 4)),
    ],
)
def test_a_file_that_is_not_text_says_why_and_where(data: bytes, message: str, span: Span) -> None:
    with pytest.raises(UnreadableFile) as caught:
        decode(data)
    assert (str(caught.value), caught.value.span) == (message, span)


def test_an_unreadable_file_is_at_the_start_by_default() -> None:
    assert UnreadableFile("x").span == Span(1, 1, 1, 2)


def test_read_file_stamps_what_stat_says(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")
    data, stamp = read_file(path)
    info = os.stat(path)
    assert data == b"a: 1\n"
    assert stamp == (5, info.st_mtime_ns, (info.st_dev, info.st_ino))


def test_read_file_says_why_a_file_cannot_be_read(tmp_path: Path) -> None:
    messages = []
    for path in (tmp_path / "missing.yaml", tmp_path):
        with pytest.raises(UnreadableFile) as caught:
            read_file(path)
        messages.append(str(caught.value))
    assert messages == [
        "file vanished before it could be read",
        "is a directory, not a file; not linted",
    ]


def test_the_marker_is_found_in_any_encoding_yaml_allows() -> None:
    utf16 = "# amlarc-lint: ignore\n".encode("utf-16")
    assert b"amlarc-lint:" not in utf16
    assert searchable_bytes(utf16) == b"# amlarc-lint: ignore\n"
    assert mentions_marker(utf16)
    assert not mentions_marker(b"# amlarc-lint ignore\n")  # no colon: not a directive
    assert searchable_bytes(b"\xff\xfe\x00\xd8") == b"\xff\xfe\x00\xd8"  # broken UTF-16: as is
