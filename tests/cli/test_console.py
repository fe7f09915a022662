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


def test_other_commands_list_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored: None
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_program(monkeypatch, "rules") == {"collecting": False, "listing begun": False}


def test_the_server_collects_again(monkeypatch: pytest.MonkeyPatch, restored: None) -> None:
    pytest.importorskip("pygls")
    from linter.server import app as server_app

    seen: list[bool] = []
    monkeypatch.setattr(server_app, "serve", lambda: seen.append(gc.isenabled()))
    gc.disable()  # as the program left it
    result = CliRunner().invoke(app.main, ["server"])
    assert result.exit_code == 0, result.output
    assert seen == [True]
