"""Read only regular files, only up to a bound, checked on the open descriptor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter.source.bounded_read import NotReadable, read_regular


def test_a_regular_file_is_read_whole_with_its_stat(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")
    data, info = read_regular(path, 5)
    assert (data, info.st_size, info.st_ino) == (b"a: 1\n", 5, os.stat(path).st_ino)
    assert read_regular(str(path), 100)[0] == b"a: 1\n"


def test_a_file_over_the_bound_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(NotReadable) as caught:
        read_regular(path, 1000)
    assert str(caught.value) == "file is 1,001 bytes, over the 1,000-byte limit"


def test_an_empty_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_bytes(b"")
    assert read_regular(tmp_path / "empty.yaml", 0)[0] == b""


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotReadable) as caught:
        read_regular(tmp_path, 1000)
    assert str(caught.value) == "is a directory, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_without_a_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotReadable) as caught:
        read_regular(fifo, 1000)
    assert str(caught.value) == "not a regular file (a pipe, socket or device)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_that_never_ends_is_refused() -> None:
    with pytest.raises(NotReadable):
        read_regular("/dev/zero", 1000)


def test_a_symlink_is_followed_unless_told_not_to(tmp_path: Path) -> None:
    (tmp_path / "target.yaml").write_bytes(b"a: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to("target.yaml")
    assert read_regular(link, 100)[0] == b"a: 1\n"
    with pytest.raises(OSError):
        read_regular(link, 100, follow_symlinks=False)


def test_a_missing_file_is_the_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing.yaml", 100)
