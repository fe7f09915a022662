"""Unsaved buffers linted in place of the files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.source.overlay import NO_BUFFERS, buffered, project_buffers
from linter.source.text import MAX_FILE_BYTES, UnreadableFile


def test_an_overlay_becomes_project_paths_to_utf8_bytes(tmp_path: Path) -> None:
    overlay = {str(tmp_path / "ml" / "job.yaml"): "name: é\n", str(tmp_path / "a.yaml"): ""}
    assert project_buffers(tmp_path, overlay) == {
        "ml/job.yaml": b"name: \xc3\xa9\n", "a.yaml": b""
    }


def test_no_overlay_is_no_buffers(tmp_path: Path) -> None:
    assert project_buffers(tmp_path, None) is NO_BUFFERS
    assert project_buffers(tmp_path, {}) is NO_BUFFERS
    assert dict(NO_BUFFERS) == {}


def test_a_buffered_file_is_read_from_the_buffer_else_from_disk() -> None:
    buffers = {"a.yaml": b"a: 1\n", "empty.yaml": b""}
    assert buffered(buffers, "a.yaml") == b"a: 1\n"
    assert buffered(buffers, "empty.yaml") == b""  # an empty buffer is still the buffer
    assert buffered(buffers, "b.yaml") is None


def test_a_buffer_over_the_file_limit_is_not_linted() -> None:
    buffers = {"big.yaml": b"x" * (MAX_FILE_BYTES + 1), "max.yaml": b"x" * MAX_FILE_BYTES}
    assert buffered(buffers, "max.yaml") == buffers["max.yaml"]
    with pytest.raises(UnreadableFile) as caught:
        buffered(buffers, "big.yaml")
    assert str(caught.value) == f"text is over the {MAX_FILE_BYTES:,}-byte limit; not linted"
