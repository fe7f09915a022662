"""Stat many files relative to a folder: one result per path, None where there is no file."""

from __future__ import annotations

import os
from pathlib import Path

from linter.source.file_stats import stat_files


def test_each_path_gets_its_stat_or_none(tmp_path: Path) -> None:
    (tmp_path / "ml").mkdir()
    (tmp_path / "ml" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("yy: 22\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to("ml/a.yaml")
    found = stat_files(str(tmp_path), ["ml/a.yaml", "gone.yaml", "b.yaml", "link.yaml", "a\0b"])
    sizes = [None if info is None else info.st_size for info in found]
    assert sizes == [5, None, 7, 5, None]  # a symlink is followed; a NUL is no name
    assert found[3] is not None and found[0] is not None
    assert (found[3].st_dev, found[3].st_ino) == (found[0].st_dev, found[0].st_ino)


def test_a_root_that_is_not_a_folder_gives_no_stat(tmp_path: Path) -> None:
    assert stat_files(str(tmp_path / "missing"), ["a.yaml", "b.yaml"]) == [None, None]
    assert stat_files(str(tmp_path), []) == []


def test_the_results_are_those_of_os_stat(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (info,) = stat_files(str(tmp_path), ["a.yaml"])
    assert info is not None
    expected = os.stat(tmp_path / "a.yaml")
    assert (info.st_size, info.st_mtime_ns, info.st_ino) == (
        expected.st_size, expected.st_mtime_ns, expected.st_ino
    )
