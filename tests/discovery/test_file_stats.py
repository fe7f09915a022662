"""File stamps, many at a time: one per path, None where there is no file; and the program
that lists a folder and stamps what it lists."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.discovery import file_stats
from linter.discovery.file_stats import file_stamps


def test_each_path_gets_its_stamp_or_none(tmp_path: Path) -> None:
    (tmp_path / "ml").mkdir()
    (tmp_path / "ml" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("yy: 22\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("ml/a.yaml")
    found = file_stamps(str(tmp_path), ["ml/a.yaml", "gone.yaml", "b.yaml", "link.yaml", "a\0b"])
    info = os.stat(tmp_path / "ml" / "a.yaml")
    stamp = (5, info.st_mtime_ns, info.st_dev, info.st_ino)
    assert found[0] == stamp
    assert found[3] == stamp  # a symlink is followed: the same file
    assert [None if s is None else s[0] for s in found] == [5, None, 7, 5, None]  # NUL: no name


def test_a_root_that_is_not_a_folder_gives_no_stamp(tmp_path: Path) -> None:
    assert file_stamps(str(tmp_path / "missing"), ["a.yaml", "b.yaml"]) == [None, None]
    assert file_stamps(str(tmp_path), []) == []


def run_program(folder: Path, *command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-I", "-S", file_stats.__file__, *command], cwd=folder,
        capture_output=True, timeout=60, check=False,
    )


def test_the_program_writes_the_names_listed_with_their_stamps(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    lister = "import sys; sys.stdout.write('a.yaml\\0gone.yaml\\0')"
    done = run_program(tmp_path, sys.executable, "-c", lister)
    assert done.returncode == 0
    output = io.BytesIO(done.stdout)
    names, stamps = file_stats.read_part(output), file_stats.read_part(output)
    assert output.read() == b""
    assert names == ["a.yaml", "gone.yaml"]
    assert stamps == file_stamps(str(tmp_path), names)
    assert stamps[0] is not None and stamps[1] is None


def test_the_program_exits_as_its_listing_did(tmp_path: Path) -> None:
    failing = run_program(tmp_path, sys.executable, "-c", "raise SystemExit(128)")
    assert (failing.returncode, failing.stdout) == (128, b"")
    assert run_program(tmp_path, str(tmp_path / "no-such-program")).returncode == 127


def test_a_part_cut_short_is_no_part() -> None:
    stream = io.BytesIO()
    file_stats.write_part(stream, ["a.yaml"])
    whole = stream.getvalue()
    assert file_stats.read_part(io.BytesIO(whole)) == ["a.yaml"]
    for cut in (0, 5, len(whole) - 1):
        with pytest.raises(EOFError):
            file_stats.read_part(io.BytesIO(whole[:cut]))
