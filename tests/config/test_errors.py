"""A config error: one line, and where it is for the machine formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config.errors import ConfigError, shown


def test_a_config_error_carries_its_place(tmp_path: Path) -> None:
    error = ConfigError("bad value for 'select'", tmp_path / "pyproject.toml", 4, 10)
    assert str(error) == "bad value for 'select'"
    assert (error.path, error.line, error.column) == (tmp_path / "pyproject.toml", 4, 10)
    assert (ConfigError("x").path, ConfigError("x").line, ConfigError("x").column) == (
        None, None, None
    )


def test_a_path_below_the_current_folder_is_shown_relative_and_posix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "team" / "amlarc-lint.toml") == "team/amlarc-lint.toml"


def test_a_path_elsewhere_is_shown_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert shown(tmp_path / "amlarc-lint.toml") == str(tmp_path / "amlarc-lint.toml")
