"""Map a per-file function over many files: in this process, with one forked helper, or,
for a large run, in a pool of forked workers (one per core). Forked processes inherit the
run's rules and project context instead of receiving them pickled.

A pool costs its start-up and a pipe per worker; it pays off only above a few hundred files
(docs/PERFORMANCE.md). A single helper costs a fork and one pipe: it halves a few dozen files (a
commit that changes an instance type re-checks the files that use it). Fewer files stay
in this process. Results come back in input order, so the output does not depend on which
path was taken.

A forked process never outlives this one. Interrupts (SIGINT, SIGTERM) are held while the
processes are forked, so that one arriving then is raised once they are known and can be
stopped; the parent stops them on every way out; and each asks the kernel to end it when
the parent dies, however it dies (elsewhere it watches its parent instead): an orphaned
worker would wait for tasks forever, holding the parent's output pipes open.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# The helper's figure is open: on a loaded 2-core machine it measured no gain (150 files,
# 0.55 s median with it, 0.51 s without); a quiet machine's benchmark decides.
HELPER_MIN_FILES = 32
POOL_MIN_FILES = 300

_task: Callable[[Any], Any] | None = None  # set in the parent just before the workers fork

_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 0.5  # how often a child without prctl looks whether its parent is still there


def _run_task(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def worker_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_files(task: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    workers = min(worker_count(), len(items))
    if workers < 2 or not hasattr(os, "fork") or len(items) < min(POOL_MIN_FILES, HELPER_MIN_FILES):
        return [task(item) for item in items]
    if len(items) < POOL_MIN_FILES:
        return _with_helper(task, items)
    import multiprocessing

    global _task
    _task = task
    pool = None
    try:
        with _interrupts_held():
            pool = multiprocessing.get_context("fork").Pool(
                workers, _quiet_worker, (os.getpid(),)
            )
        chunk = max(1, min(64, len(items) // (workers * 8)))
        return pool.map(_run_task, items, chunksize=chunk)
    finally:
        _task = None
        if pool is not None:
            pool.terminate()
            pool.join()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait (blocked, not lost) until the block is over: an interrupt
    while processes are forked is raised once the caller holds them, never in between. The
    children inherit the block; `_quiet_worker` lifts it once their own handlers are set."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a waiting interrupt is raised here


def _quiet_worker(parent: int) -> None:
    """A forked process leaves interrupts to the parent, which stops it (Ctrl-C reaches the
    whole process group: a worker's KeyboardInterrupt would print a traceback), dies of
    SIGTERM as a plain process does (not by the parent's handler), dies quietly of SIGPIPE
    when the parent is gone (not with a BrokenPipeError traceback), and dies with `parent`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _die_with(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


def _die_with(parent: int) -> None:
    """SIGTERM from the kernel when the parent dies (Linux); elsewhere a thread that looks
    for the parent every half second. A parent already gone is noticed here."""
    if not _kernel_signals_parent_death():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def _kernel_signals_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # a libc without prctl
        return False
    return prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _with_helper(task: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """The first half here, the second in a forked child that sends its results back
    pickled. A child that cannot start, or fails, is replaced by doing its half here: the
    same results, or the same exception, as a run in one process. On any other way out (an
    interrupt, an error in this half) the child is killed and reaped."""
    import pickle

    half = len(items) // 2
    parent = os.getpid()
    reading, writing = os.pipe()
    child: int | None = None
    try:
        with _interrupts_held():
            gc.freeze()  # the child's collector then leaves the inherited objects alone
            with contextlib.suppress(OSError):  # no process to spare (a limit, memory)
                child = os.fork()
            if child == 0:
                _serve(task, items[half:], parent, reading, writing)
            gc.unfreeze()
            os.close(writing)
        if child is None:  # all here
            return [task(item) for item in items]
        mine = [task(item) for item in items[:half]]
        with os.fdopen(reading, "rb", closefd=False) as pipe:
            payload = pipe.read()
        _, status = os.waitpid(child, 0)
        child = None  # reaped
    finally:
        os.close(reading)
        if child is not None:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
    theirs: list[Result] | None = None
    if status == 0:
        with contextlib.suppress(Exception):  # a truncated payload: do that half here
            theirs = pickle.loads(payload)
    if theirs is None:
        theirs = [task(item) for item in items[half:]]
    return mine + theirs


def _serve(
    task: Callable[[Item], Result], items: Sequence[Item], parent: int, reading: int,
    writing: int,
) -> None:
    """The child's whole life: results to the pipe, then exit without running the parent's
    exit handlers or flushing its buffers."""
    code = 1
    try:
        _quiet_worker(parent)
        import pickle

        os.close(reading)
        payload = pickle.dumps([task(item) for item in items], pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)
