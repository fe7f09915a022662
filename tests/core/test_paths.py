"""Project paths: POSIX and relative to the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.core.paths import relative


def test_a_path_below_the_root_is_relative_and_posix(tmp_path: Path) -> None:
    assert relative(tmp_path, tmp_path / "ml" / "jobs" / "train.yaml") == "ml/jobs/train.yaml"
    assert relative(tmp_path, tmp_path) == "."


def test_a_path_outside_the_root_climbs_with_dots(tmp_path: Path) -> None:
    assert relative(tmp_path / "project", tmp_path / "other" / "a.yaml") == "../other/a.yaml"


def test_a_relative_path_is_taken_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert relative(tmp_path, Path("a.yaml")) == "sub/a.yaml"
    assert relative(tmp_path, Path("../b.yaml")) == "b.yaml"
