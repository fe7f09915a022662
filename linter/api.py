"""A whole lint as the CLI runs it: `engine.run`, then inline suppression, then the baseline.

The fixture tests, `check -` and the language server call this too, so that what they
report is what `check` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from linter.config.settings import Settings
from linter.core.run_result import RunResult
from linter.engine import passes as engine
from linter.source.overlay import project_buffers
from linter.suppress.baseline import Baseline, hide_baselined
from linter.suppress.inline import suppress


def lint(
    settings: Settings,
    paths: Sequence[str],
    baseline: Baseline | None = None,
    *,
    cache: bool = False,
    overlay: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunResult:
    """`overlay`: absolute path -> unsaved text, linted instead of the file on disk (which
    need not exist) and never written to the cache. `cancelled`: see `engine.run`."""
    buffers = project_buffers(settings.root, overlay)
    result = engine.run(settings, paths, cache=cache, buffers=buffers, cancelled=cancelled)
    result = suppress(settings, result, buffers)
    return hide_baselined(result, baseline) if baseline is not None else result
