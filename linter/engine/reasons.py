"""Why each file was or was not linted, for `check --verbose`: the run itself keeps no list
of what it passed over (it costs nothing when nobody asks), so this module works it out again
from the same settings, only when asked.

A file the run did not lint is one of:
- excluded by a glob of the config's `exclude`;
- ignored by git (`.gitignore` and friends; a whole ignored folder is one line);
- not a regular file (a FIFO, a device, a dangling symlink, a folder listed by git);
- not ours: read, and holding no document amlarc-lint checks (a Helm or Go template, which is
  not YAML until rendered, is said to be one);
- the same file as another one (a symlink to a file already linted).
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable
from pathlib import Path

from linter.config.globs import glob_selector
from linter.config.settings import Settings
from linter.core.paths import relative
from linter.discovery.files import listing
from linter.engine.run_result import RunResult

NOT_OURS = "not ours: it holds no Azure ML or Kubernetes document that amlarc-lint checks"
TEMPLATE = (
    "a template ({{ … }} actions): not YAML until rendered; lint the rendered output, "
    "e.g. `helm template chart | amlarc-lint check --stdin-filename rendered.yaml`"
)
NOT_REGULAR = "not a regular file (a FIFO, a device, a folder or a dangling symlink)"
_GIT_IGNORED = ("git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                "--directory", "--", ".")


def file_report(settings: Settings, paths: Iterable[str], result: RunResult) -> list[str]:
    """One line per file: `linted PATH` or `skipped PATH: reason`, sorted by path."""
    from linter.source.kinds import is_go_template

    lines = {path: f"linted {path}" for path in result.checked}
    for path in set(result.targets) - result.checked:
        try:
            data = (settings.root / path).read_bytes()
        except OSError:
            data = b""
        reason = TEMPLATE if is_go_template(data) else NOT_OURS
        lines.setdefault(path, f"skipped {path}: {reason}")
    for path, reason in [*result.skipped, *passed_over(settings, paths)]:
        lines.setdefault(path, f"skipped {path}: {reason}")
    return [lines[path] for path in sorted(lines)]


def passed_over(settings: Settings, paths: Iterable[str]) -> list[tuple[str, str]]:
    """The files a walk of `paths` leaves out before reading any, with the reason."""
    found: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        rel = relative(settings.root, path)
        if path.is_dir():
            base = "" if rel == "." else rel + "/"
            names = [posixpath.normpath(base + name) for name in listing(path)]
            found += _left_out(settings, glob_selector(settings.include, True)(names))
            found += [(base + name, reason) for name, reason in _ignored_by_git(settings, path)]
        elif path.exists() and (reason := _excluded_by(settings, rel)):
            found.append((rel, reason))
    return found


def _left_out(settings: Settings, wanted: list[str]) -> list[tuple[str, str]]:
    left: list[tuple[str, str]] = []
    for path in wanted:
        reason = _excluded_by(settings, path)
        if reason is None and not os.path.isfile(settings.root / path):
            reason = NOT_REGULAR
        if reason is not None:
            left.append((path, reason))
    return left


def _excluded_by(settings: Settings, path: str) -> str | None:
    for glob in settings.exclude:
        if glob_selector((glob,))([path]):
            return f'excluded by "{glob}" (the config\'s exclude)'
    return None


def _ignored_by_git(settings: Settings, directory: Path) -> list[tuple[str, str]]:
    """Ignored files that `include` would take, and ignored folders (as `folder/`)."""
    try:
        done = subprocess.run(
            _GIT_IGNORED, cwd=directory, capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    names = [n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    ignored = [name for name in names if not name.endswith("/")]
    # git also lists an untracked folder all of whose files are ignored (`legacy/` beside
    # `legacy/old.yaml`): the folder itself is not ignored, its files are.
    holding = {name[: i + 1] for name in ignored for i, c in enumerate(name) if c == "/"}
    folders = [
        (name, "ignored by git (the whole folder)")
        for name in names
        if name.endswith("/") and name not in holding
    ]
    files = glob_selector(settings.include, True)(ignored)
    return folders + [(name, "ignored by git") for name in files]
