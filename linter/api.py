"""The one way in: `linter.lint(paths, options, overlay=...)` lints as `amlarc-lint check`
does, in this process. The command line, the fixture tests and an editor's language server
call it (the pre-commit hook runs the command line).

A lint is two steps, which the command line also takes one by one (it prints the config's
warnings in between, or fixes instead of printing): `prepare` finds and loads the config and
the baseline (a bad one raises `ConfigError` or `BaselineError`, with a one-line message);
`run` opens the facts cache, runs the engine (`linter.engine.passes.run`), saves the cache,
then applies inline suppression and the baseline.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from linter.config.settings import Settings
from linter.discovery.configs import load_settings, with_command_line
from linter.discovery.files import names_root
from linter.engine import passes as engine
from linter.engine.registry import load_rules
from linter.engine.run_result import RunResult
from linter.source.overlay import Buffers, project_buffers
from linter.suppress.baseline import Baseline, hide_baselined, load_baseline
from linter.suppress.inline import suppress

if TYPE_CHECKING:
    from linter.engine.facts_cache import FactsCache
    from linter.project.context import InstanceTypeDef


@dataclass(frozen=True, slots=True, kw_only=True)
class LintOptions:
    """What `amlarc-lint check` takes as options, as values. Relative paths (the linted
    paths, `config`, `baseline`) are relative to `cwd` (default: the current folder)."""

    config: Path | None = None  # this config file, not the nearest one (`--config`)
    isolated: bool = False  # no config file at all (`--isolated`)
    select: tuple[str, ...] | None = None  # rule ids or prefixes; None: as configured
    ignore: tuple[str, ...] | None = None
    baseline: Path | None = None  # hide the findings recorded in this file (else the config's)
    no_baseline: bool = False  # hide nothing, not even by the config's baseline (rewriting it)
    cache: bool = True  # keep and reuse the project's facts in `.amlarc-lint-cache/`
    # The pre-commit hook (`--staged`): the paths are the staged files, maybe none, and the
    # instance types the index removes compared with HEAD are checked where still used.
    staged: bool = False
    cwd: Path | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class LintRequest:
    """A prepared lint: the effective settings, the paths and the baseline."""

    settings: Settings
    paths: tuple[str, ...]
    baseline: Baseline | None = None
    cache: bool = False
    staged: bool = False


def lint(
    paths: Sequence[str] = (".",),
    options: LintOptions | None = None,
    *,
    overlay: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunResult:
    """Lint `paths` (files or folders) in the context of their whole project.

    `overlay`: absolute path -> unsaved text, linted instead of the file on disk (which need
    not exist), and never written to the cache. `cancelled` is asked before each file is
    checked: when it says yes, the lint stops with `linter.engine.passes.Cancelled`."""
    return run(prepare(paths, options or LintOptions()), overlay=overlay, cancelled=cancelled)


def prepare(paths: Sequence[str], options: LintOptions) -> LintRequest:
    """The settings of the project holding `paths` (the nearest config above the folder that
    holds them all), with the options applied, and the baseline read."""
    cwd = options.cwd
    given = tuple(paths or (() if options.staged else (".",)))
    if cwd is not None:
        given = tuple(str(cwd / path) for path in given)
    start = _start_dir(given or (str(cwd or "."),))
    settings = load_settings(start, _within(cwd, options.config), options.isolated)
    settings = with_command_line(settings, options.select, options.ignore)
    # `--baseline` wins over the config's `baseline` key.
    baseline_path = _within(cwd, options.baseline) or settings.baseline
    if options.no_baseline:
        baseline_path = None
    baseline = load_baseline(baseline_path) if baseline_path is not None else None
    return LintRequest(
        settings=settings, paths=given, baseline=baseline, cache=options.cache,
        staged=options.staged,
    )


def run(
    request: LintRequest,
    *,
    overlay: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunResult:
    """The engine between the facts cache's load and save, then suppression and baseline."""
    settings, paths = request.settings, request.paths
    committed = _committed(request)
    if request.staged and not paths and not committed:  # nothing staged that matters here
        return RunResult(findings=[], rules=load_rules())
    buffers = project_buffers(settings.root, overlay)
    facts_cache = _open_cache(settings, paths, buffers) if request.cache else None
    result = engine.run(
        settings, paths, facts_cache=facts_cache, buffers=buffers, cancelled=cancelled,
        committed=committed,
    )
    if facts_cache is not None:
        facts_cache.save()
    result = suppress(settings, result, buffers)
    return hide_baselined(result, request.baseline) if request.baseline is not None else result


def _committed(request: LintRequest) -> list[InstanceTypeDef]:
    """HEAD's definitions in the files the index deletes or modifies (`--staged`)."""
    if not request.staged or not request.settings.project_found:
        return []
    from linter.engine.staged import removed_definitions

    return removed_definitions(request.settings)


def _open_cache(settings: Settings, paths: Sequence[str], buffers: Buffers) -> FactsCache | None:
    if not settings.project_found:
        return None
    from linter.engine.facts_cache import FactsCache

    # A whole-project run reads every file anyway: it only rewrites the cache.
    whole_project = names_root(settings, paths, buffers)
    return FactsCache(settings.root) if whole_project else FactsCache.load(settings.root)


def _within(cwd: Path | None, path: Path | None) -> Path | None:
    """A path given relative to `cwd` (as given when there is none: the process's folder)."""
    return path if cwd is None or path is None else cwd / path


def _start_dir(paths: tuple[str, ...]) -> Path:
    """Where the config search starts: the folder holding every path."""
    folders = [path if path.is_dir() else path.parent for path in map(Path, paths)]
    try:
        return Path(os.path.commonpath([folder.absolute() for folder in folders]))
    except ValueError:  # paths on different drives
        return folders[0]
