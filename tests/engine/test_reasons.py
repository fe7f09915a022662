"""`check --verbose`: why each file was or was not linted."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from linter.discovery.configs import load_settings
from linter.engine import passes
from linter.engine.reasons import NOT_OURS, TEMPLATE, file_report, passed_over
from tests.support.engine_project import write_engine_project


def test_each_file_is_linted_or_skipped_with_its_reason(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, 'exclude = ["vendor/**"]\n'))
    paths = (str(tmp_path),)
    assert file_report(settings, paths, passes.run(settings, paths)) == [
        f"skipped charts/t.yaml: {TEMPLATE}",
        "linted legacy/old.yaml",
        f"skipped notours.yaml: {NOT_OURS}",
        "linted types.yaml",
        "skipped vendor/v.yaml: excluded by \"vendor/**\" (the config's exclude)",
    ]


def test_a_named_file_that_the_config_excludes_is_passed_over(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, 'exclude = ["legacy/*"]\n'))
    named = str(tmp_path / "legacy" / "old.yaml")
    assert passed_over(settings, [named, str(tmp_path / "gone.yaml")]) == [
        ("legacy/old.yaml", "excluded by \"legacy/*\" (the config's exclude)")
    ]


def test_a_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, ""))
    os.mkfifo(tmp_path / "pipe.yaml")
    assert passed_over(settings, [str(tmp_path)]) == [
        ("pipe.yaml", "not a regular file (a FIFO, a device, a folder or a dangling symlink)")
    ]


def test_git_ignored_files_and_folders_are_named(tmp_path: Path) -> None:
    write_engine_project(tmp_path, "")
    (tmp_path / ".gitignore").write_text("vendor/\nnotours.yaml\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    settings = load_settings(tmp_path)
    assert passed_over(settings, [str(tmp_path)]) == [
        ("vendor/", "ignored by git (the whole folder)"),
        ("notours.yaml", "ignored by git"),
    ]


def test_a_folder_whose_files_git_ignores_one_by_one_is_not_an_ignored_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / ".gitignore").write_text("legacy/old.yaml\nbuild/\n", encoding="utf-8")
    for name in ("legacy/old.yaml", "build/a.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    settings = load_settings(tmp_path)
    assert passed_over(settings, [str(tmp_path)]) == [
        ("build/", "ignored by git (the whole folder)"),
        ("legacy/old.yaml", "ignored by git"),  # git lists `legacy/` too: not said
    ]
