"""Files the tool reads and writes besides the files it lints: reports, baselines, the config
and the facts cache. Only regular files are read, within a bound; a device or a FIFO is
written through, never replaced; nothing hangs, nothing grows without bound. Each case runs
in a real process with a timeout, so a regression fails instead of hanging the suite."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from linter.engine.facts_cache import CACHE_DIR, CACHE_FILE, DELTA_PREFIX
from tests.engine.test_facts_cache import DEPLOYMENT, LONG_AGO
from tests.engine.test_robustness import GOOD, SIBLING, SIBLING_FINDING

TIMEOUT = 60


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sibling.yaml").write_text(SIBLING, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD.format(name="good"), encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linter", "check", "--format", "concise", *args],
        cwd=project, capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done
    [line] = done.stderr.splitlines()
    assert line.startswith("amlarc-lint: error: ") and all(w in line for w in words), line


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def fifo_reader(fifo: Path) -> Iterator[list[bytes]]:
    """A process reading the FIFO (what `>(...)` gives a command): what it read."""
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    yield received
    reader.join(TIMEOUT)


# Writing: reports and baselines.

@pytest.mark.parametrize(
    ("option", "starts"),
    [("--write-baseline", b'{\n  "amlarc-lint-baseline"'), ("-o", b"sibling.yaml:"),
     ("--format=sarif=", b'{\n  "$schema"')],
)
def test_a_fifo_with_a_reader_is_written_through(
    project: Path, fifo: Path, fifo_reader: list[bytes], option: str, starts: bytes
) -> None:
    target = [f"{option}{fifo}"] if option.endswith("=") else [option, str(fifo)]
    done = run(project, *target, ".")
    assert done.returncode in (0, 1), done.stderr
    for _ in range(TIMEOUT * 10):  # the reader has all once the writer closes
        if fifo_reader:
            break
        threading.Event().wait(0.1)
    assert fifo_reader[0].startswith(starts)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("option", ["--write-baseline", "-o", "--format=sarif="])
def test_a_fifo_without_a_reader_is_a_one_line_error_not_a_hang(
    project: Path, fifo: Path, option: str
) -> None:
    target = [f"{option}{fifo}"] if option.endswith("=") else [option, str(fifo)]
    assert_one_line_error(run(project, *target, "."), str(fifo), "no process is reading")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(
    "option", [["--write-baseline", "/dev/null"], ["-o", "/dev/null"], ["--format=sarif=/dev/null"]]
)
def test_dev_null_is_written_through_and_stays_a_device(project: Path, option: list[str]) -> None:
    done = run(project, *option, ".")
    assert done.returncode in (0, 1), done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_to_a_device_is_written_through(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "out.sarif"
    link.symlink_to("/dev/null")
    assert run(project, f"--format=sarif={link}", ".").returncode == 1
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


def test_a_folder_as_output_is_a_one_line_error(project: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert_one_line_error(run(project, "--format=sarif=out", "."), "out", "directory")


# Reading: --baseline and --config.

@pytest.mark.parametrize("option", ["--baseline", "--config"])
@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo"])
def test_a_device_or_fifo_as_baseline_or_config_is_a_one_line_error(
    project: Path, fifo: Path, option: str, source: str
) -> None:
    path = str(fifo) if source == "fifo" else source
    assert_one_line_error(
        run(project, option, path, "."), os.path.basename(path), "not a regular file"
    )


def test_a_symlink_to_dev_zero_as_baseline_is_a_one_line_error(project: Path) -> None:
    (project / "baseline.json").symlink_to("/dev/zero")
    assert_one_line_error(run(project, "--baseline", "baseline.json", "."), "not a regular")


def test_an_oversized_baseline_is_refused_before_it_is_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from linter.cli.app import main
    from linter.suppress import baseline

    (project / "baseline.json").write_text('{"amlarc-lint-baseline": 1}', encoding="utf-8")
    monkeypatch.setattr(baseline, "MAX_BASELINE_BYTES", 10)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "--baseline", "baseline.json", "."])
    assert result.exit_code == 2
    assert "over the 10-byte limit" in result.stderr


# The facts cache: anything but its own regular files is a miss.

DAMAGES = {
    "fifo": lambda path: os.mkfifo(path),
    "dev-zero": lambda path: path.symlink_to("/dev/zero"),
    "dev-urandom": lambda path: path.symlink_to("/dev/urandom"),
    "loop": lambda path: path.symlink_to(path.name),
    "dangling": lambda path: path.symlink_to("nowhere"),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
@pytest.mark.parametrize("name", [CACHE_FILE, f"{DELTA_PREFIX}1-1.cache"])
def test_a_cache_file_that_is_not_a_regular_file_is_a_miss(
    project: Path, damage: object, name: str
) -> None:
    expected = run(project, "--no-cache", "good.yaml")
    assert run(project, ".").returncode == 1  # writes the cache
    target = project / CACHE_DIR / name
    target.unlink(missing_ok=True)
    damage(target)  # type: ignore[operator]
    done = run(project, "good.yaml")
    assert (done.returncode, done.stdout, done.stderr) == (
        expected.returncode, expected.stdout, expected.stderr
    )
    if name == CACHE_FILE:  # whatever stood there is never written through
        assert os.path.exists("/dev/zero") and stat.S_ISCHR(os.stat("/dev/zero").st_mode)


def test_a_symlinked_cache_folder_is_neither_read_nor_written(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (project / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    done = run(project, ".")
    assert SIBLING_FINDING in done.stdout.splitlines()
    assert list(elsewhere.iterdir()) == []


def test_a_hand_edited_cache_that_still_parses_is_a_miss(project: Path) -> None:
    """Rename the cached definition: without the checksum, `good` would be unknown."""
    deployment = DEPLOYMENT.format(name="blue", instance_type="good")
    (project / "deploy.yaml").write_text(deployment, encoding="utf-8")
    for path in project.glob("*.yaml"):
        os.utime(path, (LONG_AGO, LONG_AGO))  # a stamp the cache trusts
    expected = run(project, "--no-cache", "deploy.yaml")
    run(project, ".")
    cache = project / CACHE_DIR / CACHE_FILE
    data = cache.read_bytes()
    assert b'"good"' in data
    cache.write_bytes(data.replace(b'"good"', b'"gold"'))
    assert run(project, "deploy.yaml").stdout == expected.stdout


def test_endless_standard_input_is_a_one_line_error(project: Path) -> None:
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run(
            [sys.executable, "-m", "linter", "check", "--stdin-filename", "x.yaml", "-"],
            cwd=project, stdin=endless, capture_output=True, text=True, timeout=TIMEOUT,
            check=False,
        )
    assert_one_line_error(done, "standard input", "limit")
