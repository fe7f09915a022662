"""Interrupts of a large run, in a real process: Ctrl-C (SIGINT to the whole process group,
as a terminal sends it) is one line and exit 130; SIGTERM to the command alone is one line
and exit 143. The worker processes stop without a word (no KeyboardInterrupt or
BrokenPipeError tracebacks: their stderr is the same pipe, read here to its end), and none
outlives the command, whenever the signal comes and however the command dies.

Each command runs in its own process group, every wait has a timeout, and the whole group
is killed whatever happens: a regression fails its test instead of hanging the run."""

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
CHECK = ["check", "--no-cache", "--format", "concise", "."]

# The pool forks its workers one second apart: a signal sent once the first is up comes
# while the pool is being made.
STALLED_POOL = """
import sys, time
from multiprocessing import popen_fork
from linter.cli.app import main
from linter.engine import parallel

launch = popen_fork.Popen._launch

def slow_launch(self, process_obj):
    launch(self, process_obj)  # a forked worker never comes back from here
    time.sleep(1)

popen_fork.Popen._launch = slow_launch
parallel.worker_count = lambda: 4
main(sys.argv[1:])
"""

# argv: pool|helper, kernel|watch (the portable way, as where prctl is missing)
SLOW_CHILDREN = """
import sys, time
from linter.engine import parallel

def slow(item):
    time.sleep(60)
    return item

parallel.worker_count = lambda: 2
if sys.argv[2] == "watch":
    parallel._kernel_signals_parent_death = lambda: False
if sys.argv[1] == "pool":
    parallel.POOL_MIN_FILES = 2
else:
    parallel.HELPER_MIN_FILES = 2
parallel.map_files(slow, list(range(4)))
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("interrupts") / "repo"
    generate(root, FILES)
    return root


def _stat(pid: int | str) -> list[str]:
    """state, ppid, process group, ... of a process ([] if it is gone)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def _alive(fields: list[str]) -> bool:
    return bool(fields) and fields[0] not in ("Z", "X")  # a zombie has stopped


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(entry.name)
            with contextlib.suppress(OSError):
                command = (entry / "cmdline").read_bytes()
                if fields and int(fields[1]) == pid and b"python" in command:
                    found.append(int(entry.name))
    return found


def _group(group: int) -> list[int]:
    """The live processes of a process group."""
    return [
        int(entry.name) for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _alive(fields := _stat(entry.name)) and int(fields[2]) == group
    ]


def _interruptible() -> None:
    """A shell without job control starts background jobs with SIGINT ignored, and Python
    keeps an ignored SIGINT ignored: give the command the terminal's default, as Ctrl-C at a
    prompt would find it, whatever way the test suite itself was started."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _spawn(repo: Path, *command: str) -> subprocess.Popen[str]:
    """A process leading its own group (the group's id is its pid)."""
    return subprocess.Popen(
        [sys.executable, *command], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True, preexec_fn=_interruptible,
    )


def _stop_all(process: subprocess.Popen[str]) -> None:
    """Whatever happened, kill the process's whole group, so that nothing is left holding
    the pipe a `communicate` would wait on."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


def _wait_for_children(process: subprocess.Popen[str], count: int, seconds: float) -> list[int]:
    children: list[int] = []
    deadline = time.monotonic() + seconds
    while len(children) < count and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        children = _children(process.pid)
    return children


def _assert_none_left(group: int) -> None:
    deadline = time.monotonic() + 10
    while _group(group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group(group) == []


@pytest.fixture
def started(repo: Path) -> Iterator[subprocess.Popen[str]]:
    """The check, once its worker processes are up (or after a moment, on one core)."""
    process = _spawn(repo, "-m", "linter", *CHECK)
    try:
        _wait_for_children(process, 1, 5)
        yield process
    finally:
        _stop_all(process)


def _assert_stopped(process: subprocess.Popen[str], code: int, line: str) -> None:
    _, stderr = process.communicate(timeout=TIMEOUT)  # its end: no process holds the pipe
    assert (process.returncode, stderr) == (code, line + "\n")
    _assert_none_left(process.pid)


def test_ctrl_c_is_one_line_and_exit_130(started: subprocess.Popen[str]) -> None:
    os.killpg(started.pid, signal.SIGINT)
    _assert_stopped(started, 130, "amlarc-lint: interrupted")


def test_sigterm_is_one_line_and_exit_143(started: subprocess.Popen[str]) -> None:
    os.kill(started.pid, signal.SIGTERM)
    _assert_stopped(started, 143, "amlarc-lint: terminated")


@pytest.mark.parametrize(
    ("send", "code", "line"),
    [
        (lambda pid: os.killpg(pid, signal.SIGINT), 130, "amlarc-lint: interrupted"),
        (lambda pid: os.kill(pid, signal.SIGTERM), 143, "amlarc-lint: terminated"),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_a_signal_while_the_pool_starts_leaves_no_worker(
    repo: Path, send: object, code: int, line: str
) -> None:
    """The hang this guards against: a parent interrupted between two forks of the pool
    exited, and the workers already forked waited for tasks forever."""
    process = _spawn(repo, "-c", STALLED_POOL, *CHECK)
    try:
        assert _wait_for_children(process, 1, 60), "the pool never started"
        send(process.pid)  # type: ignore[operator]
        _assert_stopped(process, code, line)
    finally:
        _stop_all(process)


@pytest.mark.parametrize("children", ["pool", "helper"])
@pytest.mark.parametrize("how", ["kernel", "watch"])
def test_forked_processes_die_with_their_parent_however_it_dies(
    tmp_path: Path, children: str, how: str
) -> None:
    """Even a parent killed outright (SIGKILL: no handler runs, nothing is stopped) leaves
    no worker or helper behind: the kernel ends it, or, where prctl is missing, it sees
    that its parent is gone."""
    process = _spawn(tmp_path, "-c", SLOW_CHILDREN, children, how)
    try:
        expected = 2 if children == "pool" else 1
        assert len(_wait_for_children(process, expected, 60)) == expected
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=TIMEOUT)
        assert process.returncode == -signal.SIGKILL
        _assert_none_left(process.pid)
    finally:
        _stop_all(process)
