"""A whole lint as the CLI runs it: `engine.run`, then inline suppression, then the baseline.

The fixture tests call this too, so that what they expect is what `check` prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from linter import engine
from linter.baseline import Baseline, hide_baselined
from linter.engine import RunResult
from linter.settings import Settings
from linter.suppression import suppress


def lint(
    settings: Settings,
    paths: Sequence[str],
    baseline: Baseline | None = None,
    *,
    cache: bool = False,
) -> RunResult:
    result = engine.run(settings, paths, cache=cache)
    result = suppress(settings, result)
    return hide_baselined(result, baseline) if baseline is not None else result
