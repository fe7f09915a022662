"""Which files a run lints (targets) and which make up the project context (all files).

In a git checkout, a directory walk means `git ls-files` (tracked plus untracked files that
.gitignore does not exclude); elsewhere a plain walk that reads .gitignore files.
Paths are POSIX, relative to the project root, sorted and unique.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from linter.config.globs import glob_selector
from linter.config.settings import Settings
from linter.core.paths import relative
from linter.discovery import git_listing
from linter.discovery.ignore_rules import IgnoreRules
from linter.source.bounded_read import NotReadable, read_regular

MAX_IGNORE_FILE_BYTES = 64 * 1024 * 1024  # a .gitignore of a million lines; a device never ends


class Targets(NamedTuple):
    files: tuple[str, ...]
    missing: tuple[str, ...]  # paths given on the command line that do not exist
    whole_project: bool  # the targets are every project file (no need for a second walk)
    named: tuple[str, ...] = ()  # targets given as files, not found by walking a directory
    # Targets whose name is not UTF-8: no output format can carry it, so they are not linted.
    unnamed: tuple[str, ...] = ()
    # Paths a directory walk found but cannot lint (symlink loops, dangling symlinks, FIFOs,
    # devices: AML005 only when named), each with the reason, for a verbose listing.
    skipped: tuple[tuple[str, str], ...] = ()


def printable(path: str) -> str:
    """The path as text: bytes that are not UTF-8 (kept as surrogates) become U+FFFD."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace").decode("utf-8")


def _nameable(path: str) -> bool:
    return path.isascii() or printable(path) == path


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
    skipped: list[tuple[str, str]] = []
    whole = False
    for given in paths:
        path = Path(given)
        rel = relative(settings.root, path)
        if path.is_dir() and rel not in buffered:
            whole = whole or rel == "."
            files.update(_walk(settings, path, skipped=skipped))
        elif rel in buffered or path.exists() or path.is_symlink():
            if not is_excluded(settings, rel):
                files.add(rel)
                named.add(rel)
        else:
            missing.append(rel)
    unnamed = {path for path in files if not _nameable(path)}
    return Targets(
        files=tuple(sorted(files - unnamed)),
        missing=tuple(sorted(set(missing))),
        whole_project=whole,
        named=tuple(sorted(named - unnamed)),
        unnamed=tuple(sorted(unnamed)),
        skipped=tuple(sorted(set(skipped))),
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


def _walk(
    settings: Settings,
    directory: Path,
    verify: bool = True,
    skipped: list[tuple[str, str]] | None = None,
) -> Iterable[str]:
    """The wanted files, unique, in the listing's order (git's is sorted: sorting it again
    is one pass). With `verify`, what is listed but not a file is left out, and added to
    `skipped` with the reason."""
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
        files = [path for path in wanted if os.path.isfile(os.path.join(root, path))]
        if skipped is not None and len(files) < len(wanted):
            kept = set(files)
            skipped += [(p, not_a_file(os.path.join(root, p))) for p in wanted if p not in kept]
        wanted = files
    return dict.fromkeys(wanted).keys()  # git lists a file in conflict once per stage


def not_a_file(path: str) -> str:
    """Why a listed path is not a file to lint, in a few words."""
    link = os.path.islink(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        if link:
            return "a dangling symlink"
        return "gone" if exc.errno == errno.ENOENT else f"cannot be read: {exc.strerror}"
    kind = (
        "a folder" if stat.S_ISDIR(mode)
        else "a FIFO" if stat.S_ISFIFO(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return f"a symlink to {kind}" if link else kind


def _plain_walk(directory: Path) -> list[Path]:
    """The files below `directory` that its .gitignore files (outside git) do not exclude.
    Each .gitignore is compiled once (`IgnoreRules`); a path is matched against those of
    its folder and the folders above it, each in time that does not grow with its length."""
    found: list[Path] = []
    rules: dict[str, IgnoreRules] = {}  # folder (as os.walk names it) -> its .gitignore
    for current, dirs, files in os.walk(directory, followlinks=False):
        if ".gitignore" in files:
            ignore = _ignore_rules(os.path.join(current, ".gitignore"))
            if ignore is not None:
                rules[current] = ignore
        # The .gitignore files of this folder and those above it, each with the folder's
        # path relative to it ("" for its own folder).
        governing = [
            (current[len(base) + 1 :].replace(os.sep, "/"), ignore)
            for base, ignore in rules.items()
            if current == base or current.startswith(base + os.sep)
        ]

        dirs[:] = sorted(d for d in dirs if d != ".git" and not _ignored(governing, d, True))
        found += [Path(current, f) for f in sorted(files) if not _ignored(governing, f, False)]
    return found


def _ignored(governing: list[tuple[str, IgnoreRules]], name: str, is_dir: bool) -> bool:
    """Whether a .gitignore of the folder or above ignores `name` in it."""
    return any(
        ignore.ignores(f"{folder}/{name}" if folder else name, is_dir)
        for folder, ignore in governing
    )


def _ignore_rules(path: str) -> IgnoreRules | None:
    try:
        data, _ = read_regular(path, MAX_IGNORE_FILE_BYTES)
    except (OSError, NotReadable):
        return None
    return IgnoreRules(data.decode("utf-8", "replace").splitlines())
