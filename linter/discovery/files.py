"""Which files a run lints (targets) and which make up the project context (all files).

In a git checkout, a directory walk means `git ls-files` (tracked plus untracked files that
.gitignore does not exclude); elsewhere a plain walk that reads .gitignore files.
Paths are POSIX, relative to the project root, sorted and unique.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from linter.config.settings import Settings
from linter.discovery import git_listing
from linter.discovery.globs import glob_selector


class Targets(NamedTuple):
    files: tuple[str, ...]
    missing: tuple[str, ...]  # paths given on the command line that do not exist
    whole_project: bool  # the targets are every project file (no need for a second walk)
    named: tuple[str, ...] = ()  # targets given as files, not found by walking a directory
    # Targets whose name is not UTF-8: no output format can carry it, so they are not linted.
    unnamed: tuple[str, ...] = ()


def printable(path: str) -> str:
    """The path as text: bytes that are not UTF-8 (kept as surrogates) become U+FFFD."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace").decode("utf-8")


def _nameable(path: str) -> bool:
    return path.isascii() or printable(path) == path


def relative(root: Path, path: Path) -> str:
    return Path(os.path.relpath(path.absolute(), root)).as_posix()


def is_excluded(settings: Settings, rel: str) -> bool:
    return bool(glob_selector(settings.exclude)([rel]))


def project_files(settings: Settings, verify: bool = True) -> tuple[str, ...]:
    """`verify=False` skips the per-file check that a listed path is a file (the engine stats
    every project file anyway, and skips what is not one)."""
    return tuple(sorted(p for p in _walk(settings, settings.root, verify) if _nameable(p)))


def listing(directory: Path) -> tuple[str, ...]:
    """Every file name below `directory` that a walk considers (before include and exclude),
    relative to it, POSIX: `git ls-files`, else a plain walk that reads .gitignore files."""
    names = git_listing.files(str(directory))
    if names is None:
        names = [relative(directory, path) for path in _plain_walk(directory)]
    return tuple(names)


def targets(
    settings: Settings, paths: Iterable[str], buffered: Collection[str] = ()
) -> Targets:
    """`buffered`: the files whose text is not read from disk (`linter.source.overlay`); they exist
    even if never saved."""
    files: set[str] = set()
    named: set[str] = set()
    missing: list[str] = []
    whole = False
    for given in paths:
        path = Path(given)
        rel = relative(settings.root, path)
        if path.is_dir() and rel not in buffered:
            whole = whole or rel == "."
            files.update(_walk(settings, path))
        elif rel in buffered or path.exists() or path.is_symlink():
            if not is_excluded(settings, rel):
                files.add(rel)
                named.add(rel)
        else:
            missing.append(rel)
    unnamed = {path for path in files if not _nameable(path)}
    return Targets(
        tuple(sorted(files - unnamed)),
        tuple(sorted(set(missing))),
        whole,
        tuple(sorted(named - unnamed)),
        tuple(sorted(unnamed)),
    )


def names_root(settings: Settings, paths: Iterable[str], buffered: Collection[str] = ()) -> bool:
    """Whether `paths` name the project root itself, so the targets are every project file."""
    return any(
        Path(given).is_dir() and relative(settings.root, Path(given)) == "."
        and "." not in buffered
        for given in paths
    )


def wanted_buffers(settings: Settings, buffered: Iterable[str]) -> list[str]:
    """The buffered files in the project that a walk would find (unsaved new files too)."""
    inside = [path for path in buffered if not path.startswith("../")]
    excluded = set(glob_selector(settings.exclude)(inside))
    return [path for path in glob_selector(settings.include, True)(inside) if path not in excluded]


def _walk(settings: Settings, directory: Path, verify: bool = True) -> Iterable[str]:
    """The wanted files, unique, in the listing's order (git's is sorted: sorting it again
    is one pass)."""
    base = relative(settings.root, directory)
    # The root's listing was taken once, when the settings were loaded (nested configs).
    names = settings.listing if base == "." else None
    if names is None:
        names = listing(directory)
    paths = names if base == "." else [posixpath.normpath(f"{base}/{name}") for name in names]
    wanted = glob_selector(settings.include, True)(paths)
    excluded = set(glob_selector(settings.exclude)(wanted))
    if excluded:
        wanted = [path for path in wanted if path not in excluded]
    if verify:  # deleted-but-tracked files and submodule folders are not lintable files
        root = settings.root
        wanted = [path for path in wanted if os.path.isfile(os.path.join(root, path))]
    return dict.fromkeys(wanted).keys()  # git lists a file in conflict once per stage


def _plain_walk(directory: Path) -> list[Path]:
    from pathspec import GitIgnoreSpec

    found: list[Path] = []
    specs: list[tuple[Path, GitIgnoreSpec]] = []
    for current, dirs, files in os.walk(directory, followlinks=False):
        here = Path(current)
        ignore_file = here / ".gitignore"
        if ignore_file.is_file():
            try:
                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
                specs.append((here, GitIgnoreSpec.from_lines(lines)))
            except OSError:
                pass

        def ignored(path: Path, is_dir: bool) -> bool:
            for base, spec in specs:
                if base == path or base in path.parents:
                    rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
                    if spec.match_file(rel):
                        return True
            return False

        dirs[:] = sorted(d for d in dirs if d != ".git" and not ignored(here / d, True))
        found += [here / f for f in sorted(files) if not ignored(here / f, False)]
    return found
