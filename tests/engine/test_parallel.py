"""Large runs spread over a process pool, middling ones over one forked helper: the output
is byte-identical to a run in one process, rule crashes included."""

from __future__ import annotations

import os
from collections.abc import Iterator
from multiprocessing import pool as multiprocessing_pool
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from linter.discovery.configs import load_settings
from linter.engine import file_scan, parallel
from linter.engine import passes as engine
from linter.engine.registry import load_rules
from linter.source.text import Stamp
from tests.engine.test_facts_cache import DEPLOYMENT, TYPES
from tests.engine.test_robustness import _broken_rule


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for n in range(40):
        types = TYPES.replace("name: small", f"name: type-{n}")
        if n % 7 == 0:
            types = types.replace('memory: "1Gi"', 'memory: "2GB"')  # invalid quantities
        if n % 5 == 0:
            types = types.replace('cpu: "500m"', 'cpu: "2"')  # requests over the limit
        deployment = DEPLOYMENT.format(name=f"blue-{n}", instance_type=f"type-{(n * 3) % 45}")
        if n % 3 == 0:
            deployment = deployment.replace('cpu: "1"', 'cpu: "2"')  # over its instance type
        (tmp_path / f"types-{n:02d}.yaml").write_text(types, encoding="utf-8")
        (tmp_path / f"deploy-{n:02d}.yaml").write_text(deployment, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("instance_type: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def pool_maps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Force the pool (2 workers, from one file up) and count what it maps."""
    mapped: list[int] = []
    real_map = multiprocessing_pool.Pool.map

    def counting_map(self: multiprocessing_pool.Pool, function: object, items: list, **kw: object):  # type: ignore[no-untyped-def]
        mapped.append(len(items))
        return real_map(self, function, items, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing_pool.Pool, "map", counting_map)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    return mapped


def lint(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--no-cache", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
@pytest.mark.parametrize("paths", [(".",), ("types-00.yaml", "deploy-03.yaml")])
def test_output_is_byte_identical_with_and_without_the_pool(
    project: Path,
    pool_maps: list[int],
    monkeypatch: pytest.MonkeyPatch,
    output_format: str,
    paths: tuple[str, ...],
) -> None:
    monkeypatch.setattr(parallel, "HELPER_MIN_FILES", 10_000)
    one_process = lint("--format", output_format, *paths)
    assert pool_maps == []  # 81 files: below the pool's threshold
    monkeypatch.setattr(parallel, "POOL_MIN_FILES", 1)
    assert lint("--format", output_format, *paths) == one_process
    assert pool_maps and pool_maps[0] == 81  # pass 1 saw every file in the pool
    expected = {"AML201", "AML302", "AML403"} | ({"AML001"} if paths == (".",) else set())
    assert all(rule_id in one_process for rule_id in expected)


def test_a_crashing_rule_is_reported_the_same_from_a_worker(
    project: Path, pool_maps: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = (*load_rules(), _broken_rule)
    settings = load_settings(project)
    one_process = engine.run(settings, (str(project),), rules=rules).findings
    monkeypatch.setattr(parallel, "POOL_MIN_FILES", 1)
    pooled = engine.run(settings, (str(project),), rules=rules).findings
    assert pool_maps
    assert pooled == one_process
    assert sum(f.rule_id == "AML003" for f in pooled) == 40


@pytest.fixture
def helper_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two cores, the helper from two files up; counts the forks."""
    forks: list[int] = []
    real_fork = parallel.os.fork

    def counting_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(parallel.os, "fork", counting_fork)
    monkeypatch.setattr(parallel, "worker_count", lambda: 2)
    monkeypatch.setattr(parallel, "HELPER_MIN_FILES", 2)
    return forks


def test_output_is_byte_identical_with_and_without_a_helper(
    project: Path, helper_forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    with_helper = lint("--format", "json", ".")
    assert len(helper_forks) == 2  # one per pass
    monkeypatch.setattr(parallel, "HELPER_MIN_FILES", 10_000)
    assert lint("--format", "json", ".") == with_helper
    assert len(helper_forks) == 2


def test_a_helper_that_fails_is_replaced_by_this_process(
    helper_forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the helper fails")
        return n * n

    assert parallel.map_files(square, list(range(9))) == [n * n for n in range(9)]
    assert helper_forks == [1]


def test_a_task_that_raises_raises_here_too(helper_forks: list[int]) -> None:
    def fails_on_seven(n: int) -> int:
        if n == 7:
            raise ValueError("seven")
        return n

    with pytest.raises(ValueError, match="seven"):
        parallel.map_files(fails_on_seven, list(range(9)))


def test_a_large_run_reads_workload_files_again_instead_of_holding_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real_read = file_scan.read_file

    def counting_read(path: Path) -> tuple[bytes, Stamp]:
        reads.append(Path(path).name)
        return real_read(path)

    monkeypatch.setattr(file_scan, "read_file", counting_read)
    monkeypatch.setattr(parallel, "HELPER_MIN_FILES", 10_000)
    small_run = lint("--format", "json", ".")
    assert reads.count("deploy-01.yaml") == 1  # pass 2 got its bytes from pass 1
    reads.clear()
    monkeypatch.setattr(parallel, "POOL_MIN_FILES", 50)
    monkeypatch.setattr(parallel, "worker_count", lambda: 1)  # large, but in this process
    assert lint("--format", "json", ".") == small_run
    assert reads.count("deploy-01.yaml") == 2


def test_no_process_to_spare_means_all_here(
    helper_forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert parallel.map_files(str, list(range(9))) == [str(n) for n in range(9)]
