"""The `amlarc-lint` program around the command line: a run without the cycle collector, a
`check` that begins its git listing before the imports, a server that collects again."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import app, console
from linter.discovery import git_listing


@pytest.fixture
def restored() -> Iterator[None]:
    """The test process's collector and early listing, as they were."""
    yield
    gc.enable()
    git_listing.discard()


def run_program(monkeypatch: pytest.MonkeyPatch, *argv: str) -> dict[str, bool]:
    """What the command line found when the program handed over to it."""
    seen: dict[str, bool] = {}

    def command_line() -> None:
        seen["collecting"] = gc.isenabled()
        seen["listing begun"] = git_listing._early is not None

    monkeypatch.setattr(sys, "argv", ["amlarc-lint", *argv])
    monkeypatch.setattr(app, "main", command_line)
    console.main()
    return seen


def test_a_check_runs_without_the_cycle_collector_and_lists_before_the_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored: None
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    monkeypatch.chdir(tmp_path)
    assert run_program(monkeypatch, "check", ".") == {
        "collecting": False, "listing begun": True
    }


@pytest.mark.parametrize(
    ("argv", "begun"),
    [
        (("rules",), False),
        (("check", "--staged"), False),  # the hook with no file: most often one `git diff`
        (("check", "--staged", "types.yaml"), True),
        (("check", "--format", "github", "--staged"), True),  # a value looks like a path
    ],
)
def test_only_a_check_that_will_list_begins_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored: None,
    argv: tuple[str, ...], begun: bool,
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
    monkeypatch.chdir(tmp_path)
    assert run_program(monkeypatch, *argv) == {"collecting": False, "listing begun": begun}


def test_the_server_collects_again(monkeypatch: pytest.MonkeyPatch, restored: None) -> None:
    pytest.importorskip("pygls")
    from linter.server import app as server_app

    seen: list[bool] = []
    monkeypatch.setattr(server_app, "serve", lambda: seen.append(gc.isenabled()))
    gc.disable()  # as the program left it
    result = CliRunner().invoke(app.main, ["server"])
    assert result.exit_code == 0, result.output
    assert seen == [True]
