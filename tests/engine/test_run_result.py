"""What one run found, as a record: built by keyword only, frozen, its counts zero unless
the run set them."""

from __future__ import annotations

import dataclasses

import pytest

from linter.engine.registry import rule_for
from linter.engine.run_result import RunResult


def test_the_counts_start_at_zero_and_the_file_sets_empty() -> None:
    result = RunResult(findings=[], rules=(rule_for("AML302"),))
    assert (result.files_checked, result.files_skipped, result.deselected, result.suppressed,
            result.baselined) == (0, 0, 0, 0, 0)
    assert (result.targets, result.checked, result.without_directives, result.skipped) == (
        (), frozenset(), frozenset(), ()
    )


def test_it_is_built_by_keyword_and_never_changed() -> None:
    with pytest.raises(TypeError):
        RunResult([], ())  # type: ignore[misc]
    result = RunResult(findings=[], rules=(), files_checked=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.files_checked = 3  # type: ignore[misc]
    assert dataclasses.replace(result, suppressed=4).suppressed == 4
