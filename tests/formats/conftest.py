"""The runs the format tests render: the shared fixture set, a hostile file name and key,
a hand-made hostile finding, and every rule without findings."""

from __future__ import annotations

import pytest

from linter.engine.registry import load_rules
from linter.engine.run_result import RunResult
from tests.support.format_fixture import (
    HOSTILE_DOCUMENT,
    HOSTILE_NAME,
    fixture_result,
    hostile_run,
    lint_project,
)


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return fixture_result(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """A real run on a file whose name and content hold every character the formats escape."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / HOSTILE_NAME).write_text(HOSTILE_DOCUMENT, encoding="utf-8")
    return lint_project(folder)


@pytest.fixture(scope="module")
def hostile_finding() -> RunResult:
    return hostile_run()


@pytest.fixture(scope="module")
def every_rule() -> RunResult:
    return RunResult(findings=[], rules=load_rules())
