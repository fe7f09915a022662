"""Writing the files the tool writes: regular files replaced atomically, devices and pipes
written through, never replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from linter.source.atomic_file import rewrite_file, write_atomically, write_output


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_and_its_folders_are_made(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "out.sarif"
    write_output(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert names(target.parent) == ["out.sarif"]  # no temporary file left


def test_a_regular_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, [b"new ", b"parts"])
    assert target.read_bytes() == b"new parts"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == ["baseline.json"]


def test_through_a_symlink_the_target_is_replaced_and_the_link_kept(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    write_atomically(link, b"new")
    assert link.is_symlink() and (tmp_path / "real.json").read_bytes() == b"new"
    write_atomically(link, b"own", follow_symlinks=False)
    assert not link.is_symlink() and link.read_bytes() == b"own"
    assert (tmp_path / "real.json").read_bytes() == b"new"


def test_a_directory_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(IsADirectoryError):
        write_output(tmp_path / "out", b"x")
    with pytest.raises(OSError) as caught:
        write_atomically(tmp_path / "out", b"x")
    assert caught.value.strerror == "not a regular file; it is never replaced"
    assert (tmp_path / "out").is_dir() and names(tmp_path) == ["out"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as caught:
        write_output(fifo, b"report")
    assert caught.value.strerror == "no process is reading this pipe"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_is_written_through_never_replaced() -> None:
    write_output(Path("/dev/null"), b"report")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_hard_linked_file_is_rewritten_in_place(tmp_path: Path) -> None:
    target = tmp_path / "it.yaml"
    target.write_bytes(b"a: 1\nb: 2\n")
    os.link(target, tmp_path / "other.yaml")
    inode = target.stat().st_ino
    note = rewrite_file(target, b"a: 1\n")
    assert note == "written in place to keep its 1 hard link(s) to the same file"
    assert target.stat().st_ino == inode
    assert (tmp_path / "other.yaml").read_bytes() == b"a: 1\n"  # shorter: truncated


def test_a_single_file_is_rewritten_atomically_without_a_note(tmp_path: Path) -> None:
    target = tmp_path / "it.yaml"
    target.write_bytes(b"a: 1\n")
    assert rewrite_file(target, b"a: 2\n") == ""
    assert target.read_bytes() == b"a: 2\n"
    with pytest.raises(OSError):
        rewrite_file(tmp_path, b"x")
