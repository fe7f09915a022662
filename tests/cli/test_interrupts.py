"""Interrupts of a large run, in a real process: Ctrl-C (SIGINT to the whole process group,
as a terminal sends it) is one line and exit 130; SIGTERM to the command alone is one line
and exit 143. The worker processes stop without a word (no KeyboardInterrupt or
BrokenPipeError tracebacks: their stderr is the same pipe, read here to its end)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from repo_generator import generate

FILES = 3000  # enough that the run is still going when the signal comes
TIMEOUT = 120


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("interrupts") / "repo"
    generate(root, FILES)
    return root


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and b"python" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")  # a zombie has stopped: only its parent's wait is missing


@pytest.fixture
def started(repo: Path) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """The check, once its worker processes are up (or after a moment, on one core)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "linter", "check", "--no-cache", "--format", "concise", "."],
        cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 5
    while not workers and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        workers = _children(process.pid)
    yield process, workers
    _stop_all(process)


def _stop_all(process: subprocess.Popen[str]) -> None:
    """Whatever happened, kill the run's whole process group (it leads its own session), so
    that no process is left holding the pipe a `communicate` would wait on."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


def _assert_stopped(
    process: subprocess.Popen[str], workers: list[int], code: int, line: str
) -> None:
    try:
        _, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _stop_all(process)
        raise
    assert (process.returncode, stderr) == (code, line + "\n")
    deadline = time.monotonic() + 10
    while not all(map(_gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_gone, workers))


def test_ctrl_c_is_one_line_and_exit_130(
    started: tuple[subprocess.Popen[str], list[int]],
) -> None:
    process, workers = started
    os.killpg(process.pid, signal.SIGINT)
    _assert_stopped(process, workers, 130, "amlarc-lint: interrupted")


def test_sigterm_is_one_line_and_exit_143(
    started: tuple[subprocess.Popen[str], list[int]],
) -> None:
    process, workers = started
    os.kill(process.pid, signal.SIGTERM)
    _assert_stopped(process, workers, 143, "amlarc-lint: terminated")


def test_workers_die_with_their_parent_however_it_dies() -> None:
    """Even a parent killed outright (SIGKILL: no handler runs, no pool is terminated)
    leaves no worker waiting for tasks forever."""
    code = (
        "import time\nfrom linter.engine import parallel\n"
        "def slow(item):\n    time.sleep(60)\n    return item\n"
        "parallel.POOL_MIN_FILES = 2\nparallel.map_files(slow, list(range(4)))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(TIMEOUT)
        deadline = time.monotonic() + 10
        while not all(map(_gone, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert workers and all(map(_gone, workers))
    finally:
        _stop_all(process)
