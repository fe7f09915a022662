"""Map a per-file function over many files: in this process, or, for a large run, in a pool
of forked workers (one per core) that inherit the run's rules and project context instead
of receiving them pickled.

A pool costs a fork and a pipe per worker; it pays off only above a few hundred files
(PERF-NOTES), so pre-commit-sized runs stay in this process. Results come back in input
order, so the output does not depend on which path was taken.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

POOL_MIN_FILES = 300

_task: Callable[[Any], Any] | None = None  # set in the parent just before the workers fork


def _run_task(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def worker_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def map_files(task: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    workers = min(worker_count(), len(items))
    if len(items) < POOL_MIN_FILES or workers < 2 or not hasattr(os, "fork"):
        return [task(item) for item in items]
    import multiprocessing

    global _task
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, min(64, len(items) // (workers * 8)))
            return pool.map(_run_task, items, chunksize=chunk)
    finally:
        _task = None
