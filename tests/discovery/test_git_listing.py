"""`git ls-files` for a folder: what a walk of a git checkout considers, begun early or not."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from linter.discovery import git_listing
from linter.discovery.file_stats import TIMED_OUT


def git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True, timeout=60)


def test_a_listing_begun_early_is_used_once_and_never_left_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text("y: 2\n", encoding="utf-8")
    spawned: list[subprocess.Popen[bytes]] = []
    real_spawn = git_listing._spawn

    def counting_spawn(directory: str) -> subprocess.Popen[bytes] | None:
        process = real_spawn(directory)
        assert process is not None
        spawned.append(process)
        return process

    monkeypatch.setattr(git_listing, "_spawn", counting_spawn)
    sub = str(tmp_path / "sub")
    git_listing.start(sub)
    assert git_listing.files(str(tmp_path)) == ["a.yaml", "sub/b.yaml"]  # another folder
    assert git_listing.files(sub) == ["b.yaml"]  # the early listing, kept for this call
    assert len(spawned) == 2
    git_listing.start(str(tmp_path))
    git_listing.start(sub)  # stops the listing it replaces
    git_listing.discard()  # as at exit: stops the one no one asked for
    assert len(spawned) == 4
    assert all(process.returncode is not None for process in spawned)  # reaped
    assert git_listing.files(sub) == ["b.yaml"]
    assert len(spawned) == 5


def test_tracked_and_untracked_files_are_listed_but_not_ignored_ones(tmp_path: Path) -> None:
    git_init(tmp_path)
    (tmp_path / ".gitignore").write_text("build/\n*.log\n", encoding="utf-8")
    for name in ("b.yaml", "ml/a.yaml", "build/out.yaml", "run.log", "ml/deep/c.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    subprocess.run(["git", "add", "b.yaml"], cwd=tmp_path, check=True, timeout=60)
    assert sorted(git_listing.files(str(tmp_path)) or []) == [
        ".gitignore", "b.yaml", "ml/a.yaml", "ml/deep/c.yml"
    ]
    assert git_listing.files(str(tmp_path / "ml")) == ["a.yaml", "deep/c.yml"]


def test_a_name_that_is_not_utf8_is_kept_as_its_bytes(tmp_path: Path) -> None:
    git_init(tmp_path)
    name = os.fsdecode(b"caf\xe9.yaml")  # Latin-1, as an old file system may hold it
    try:
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    assert git_listing.files(str(tmp_path)) == [name]


def test_outside_a_git_checkout_there_is_no_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert git_listing.files(str(tmp_path)) is None
    assert git_listing.files(str(tmp_path / "missing")) is None


def test_a_second_start_for_the_same_folder_keeps_the_listing_begun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_init(tmp_path)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    spawned: list[str] = []
    real_spawn = git_listing._spawn

    def counting_spawn(directory: str) -> subprocess.Popen[bytes] | None:
        spawned.append(directory)
        return real_spawn(directory)

    monkeypatch.setattr(git_listing, "_spawn", counting_spawn)
    git_listing.start(str(tmp_path))  # the program, before its imports
    git_listing.start(str(tmp_path / "."))  # the check command, the same folder
    assert len(spawned) == 1
    assert git_listing.files(str(tmp_path)) == ["a.yaml"]
    assert len(spawned) == 1


def test_the_programs_listing_also_stamps_each_file_once(tmp_path: Path) -> None:
    git_init(tmp_path)
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "ml").mkdir()
    (tmp_path / "ml" / "b.yaml").write_text("yy: 22\n", encoding="utf-8")
    git_listing.start(str(tmp_path), with_stamps=True)
    try:
        assert git_listing.stamps(str(tmp_path)) is None  # not before the names are read
        assert git_listing.files(str(tmp_path)) == ["a.yaml", "ml/b.yaml"]
        taken = git_listing.stamps(str(tmp_path))
        assert taken is not None
        info = os.stat(tmp_path / "ml" / "b.yaml")
        assert taken["ml/b.yaml"] == (7, info.st_mtime_ns, info.st_dev, info.st_ino)
        assert sorted(taken) == ["a.yaml", "ml/b.yaml"]
        assert git_listing.stamps(str(tmp_path)) is None  # once
    finally:
        git_listing.discard()


def test_stamps_are_only_for_the_folder_listed(tmp_path: Path) -> None:
    git_init(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    git_listing.start(str(tmp_path), with_stamps=True)
    try:
        assert git_listing.files(str(tmp_path)) == ["sub/a.yaml"]
        assert git_listing.stamps(str(tmp_path / "sub")) is None
        assert git_listing.stamps(str(tmp_path)) is None  # asked for once, and stopped
    finally:
        git_listing.discard()


def test_outside_a_checkout_the_stamping_listing_says_what_git_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    git_listing.start(str(tmp_path), with_stamps=True)
    try:
        assert git_listing.files(str(tmp_path)) is None
        assert git_listing.stamps(str(tmp_path)) is None
    finally:
        git_listing.discard()


def fake_git(folder: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A `git` first on PATH that runs this shell `body`."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_stopping_the_stamping_listing_stops_its_git_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "git.pid"
    fake_git(tmp_path, monkeypatch, f"echo $$ > {pid_file}\nexec sleep 30")
    git_listing.start(str(tmp_path), with_stamps=True)
    for _ in range(500):  # until the child has started git
        if pid_file.exists() and pid_file.read_text().strip():
            break
        time.sleep(0.01)
    git_pid = int(pid_file.read_text())
    git_listing.discard()
    for _ in range(500):  # SIGKILL is delivered at once; a zombie may wait for init's reaping
        state = _state(git_pid)
        if state in (None, "Z"):
            break
        time.sleep(0.01)
    assert _state(git_pid) in (None, "Z")


def _state(pid: int) -> str | None:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return status.rpartition(")")[2].split()[0]


def test_a_listing_that_timed_out_is_not_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = tmp_path / "runs"
    fake_git(tmp_path, monkeypatch, f"echo run >> {runs}\nexit {TIMED_OUT}")
    git_listing.start(str(tmp_path), with_stamps=True)
    try:
        assert git_listing.files(str(tmp_path)) is None
        assert runs.read_text() == "run\n"  # once: a second wait would double the timeout
    finally:
        git_listing.discard()
