"""Each real file is linted once, whatever paths reach it: a symlink to a file, a folder
reached through a symlink, a hard link. The other paths are skipped, with the reason."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from linter import api
from tests.support.cli_project import INSTANCE_TYPE, check, write_project


@pytest.fixture(params=["git", "plain"])
def project(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    write_project(tmp_path, {"types/it.yaml": INSTANCE_TYPE.format(name="gpu")})
    (tmp_path / "alias.yaml").symlink_to("types/it.yaml")
    (tmp_path / "linked").symlink_to("types", target_is_directory=True)
    if request.param == "git":
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
        subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, timeout=60)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "paths",
    [(), (".", "linked"), ("types/it.yaml", "alias.yaml", "linked/it.yaml"), ("alias.yaml",)],
    ids=["walk", "walk-and-linked-folder", "every-path", "the-symlink"],
)
def test_a_file_reached_twice_is_no_duplicate_definition(
    project: Path, paths: tuple[str, ...]
) -> None:
    run = check("--format", "concise", *paths)
    assert "AML105" not in run.stdout
    # Its findings are reported once, under one path.
    assert [f[3] for f in run.found].count("AML201") == 1, run.stdout


def test_the_skipped_paths_say_why(project: Path) -> None:
    result = api.lint([".", "linked"], api.LintOptions(cache=False))
    assert dict(result.skipped) == {
        "alias.yaml": "the same file as types/it.yaml",
        "linked/it.yaml": "the same file as types/it.yaml",
    }


def test_a_hard_link_is_the_same_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_project(tmp_path, {"a.yaml": INSTANCE_TYPE.format(name="gpu")})
    os.link(tmp_path / "a.yaml", tmp_path / "b.yaml")
    monkeypatch.chdir(tmp_path)
    assert "AML105" not in check("--format", "concise", ".").stdout
