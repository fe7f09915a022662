"""Map a per-file function over many files: in this process, with one forked helper, or,
for a large run, in a pool of forked workers (one per core). Forked processes inherit the
run's rules and project context instead of receiving them pickled.

A pool costs its start-up and a pipe per worker; it pays off only above a few hundred files
(PERF-NOTES). A single helper costs a fork and one pipe: it halves a few dozen files (a
commit that changes an instance type re-checks the files that use it). Fewer files stay
in this process. Results come back in input order, so the output does not depend on which
path was taken.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

HELPER_MIN_FILES = 32
POOL_MIN_FILES = 300

_task: Callable[[Any], Any] | None = None  # set in the parent just before the workers fork
_parent = os.getpid()  # reset in the parent just before the workers fork
_PR_SET_PDEATHSIG = 1


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

    global _task, _parent
    _task, _parent = task, os.getpid()
    try:
        with contextlib.ExitStack() as stack:
            with _interrupts_held():  # they come once the pool is entered, which stops it
                context = multiprocessing.get_context("fork")
                pool = stack.enter_context(context.Pool(workers, _quiet_worker))
            chunk = max(1, min(64, len(items) // (workers * 8)))
            return pool.map(_run_task, items, chunksize=chunk)
    finally:
        _task = None


_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM while processes are forked: a child that has not yet
    set its own handlers would run the parent's (a traceback), and an interrupt in the
    middle of starting a pool would leave workers no one stops. The children inherit the
    mask and release it in `_quiet_worker`; the parent gets a held signal on leaving."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_worker() -> None:
    """A forked process leaves interrupts to the parent, which stops it (Ctrl-C reaches the
    whole process group: a worker's KeyboardInterrupt would print a traceback), dies of
    SIGTERM as a plain process does (not by the parent's handler), and dies quietly of
    SIGPIPE when the parent is gone (not with a BrokenPipeError traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _die_with_parent()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


def _die_with_parent() -> None:
    """On Linux, the kernel kills this process when the parent dies, however it dies (a
    SIGKILL, or an interrupt at a moment the pool was not yet, or no longer, managed): an
    orphaned worker would wait for tasks forever, holding the parent's output pipes open."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl in this libc: the parent's terminate only
        return
    if os.getppid() != _parent:  # the parent died before the request was made
        os._exit(1)


def _with_helper(task: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """The first half here, the second in a forked child that sends its results back
    pickled. A child that cannot start, or fails, is replaced by doing its half here: the
    same results, or the same exception, as a run in one process."""
    import pickle

    half = len(items) // 2
    reading, writing = os.pipe()
    gc.freeze()  # the child's collector then leaves the inherited objects (and their pages) alone
    global _parent
    _parent = os.getpid()
    try:
        with _interrupts_held():
            child = os.fork()
    except OSError:  # no process to spare (a limit, memory): all here
        gc.unfreeze()
        os.close(reading)
        os.close(writing)
        return [task(item) for item in items]
    if child == 0:
        _serve(task, items[half:], reading, writing)
    gc.unfreeze()
    os.close(writing)
    try:
        mine = [task(item) for item in items[:half]]
    except BaseException:  # an interrupt, or the same error the child's half would meet
        os.kill(child, signal.SIGKILL)
        raise
    finally:
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(child, 0)
    theirs: list[Result] | None = None
    if status == 0:
        with contextlib.suppress(Exception):  # a truncated payload: do that half here
            theirs = pickle.loads(payload)
    if theirs is None:
        theirs = [task(item) for item in items[half:]]
    return mine + theirs


def _serve(
    task: Callable[[Item], Result], items: Sequence[Item], reading: int, writing: int
) -> None:
    """The child's whole life: results to the pipe, then exit without running the parent's
    exit handlers or flushing its buffers."""
    code = 1
    try:
        _quiet_worker()
        import pickle

        os.close(reading)
        payload = pickle.dumps([task(item) for item in items], pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
        code = 0
    finally:
        os._exit(code)
