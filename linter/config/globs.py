"""The config's path patterns (`include`, `exclude`, `per-file-ignores`, a cluster's
`instance-types`), on POSIX paths relative to the project root, as users read them:

- `*` and `?` stay within one folder name (`legacy/*.yaml` is not `legacy/a/b.yaml`);
- `**` as a whole folder name crosses folders, and may match none (`**/*.yaml` matches
  `a.yaml`, `ml/**/*.yaml` matches `ml/a.yaml`); `[abc]` and `[!abc]` are one character;
- a pattern that matches a folder covers everything under it, as in `.gitignore`
  (`exclude = ["charts"]`, `"legacy/*"`); a pattern ending in `/` matches folders only.
  In `include` (`files=True`), which names files, only a pattern whose last name has no
  wildcard (`ml`, `ml/`) covers a folder: `**/*.yaml` never takes in `x.yaml/notes.txt`.

Each set of patterns is compiled once into one regex (and, in `include`, a suffix test for
the common `**/*.yaml` form): discovery runs it on every file of a monorepo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

_WILDCARD = re.compile(r"[*?[]")
_SUFFIX_FORM = re.compile(r"\*\*/\*([^*?[/]+)")  # `**/*.yaml`: any path ending in `.yaml`


def glob_match(path: str, pattern: str) -> bool:
    return bool(glob_selector((pattern,))([path]))


@lru_cache(maxsize=256)
def glob_selector(
    patterns: tuple[str, ...], files: bool = False
) -> Callable[[Sequence[str]], list[str]]:
    """The paths that match one of the patterns, in order; one list comprehension."""
    suffixes: list[str] = []
    alternatives: list[str] = []
    for pattern in dict.fromkeys(p.removeprefix("./") for p in patterns):
        # Only in include is `**/*.yaml` a suffix: elsewhere it covers what `x.yaml/` holds.
        suffix = _SUFFIX_FORM.fullmatch(pattern) if files else None
        if suffix:
            suffixes.append(suffix.group(1))
        elif pattern:
            alternatives.append(pattern_regex(pattern, files))
    ends = tuple(suffixes)
    if not alternatives:
        return (lambda paths: [p for p in paths if p.endswith(ends)]) if ends else (lambda _: [])
    match = re.compile("|".join(f"(?:{a})" for a in alternatives)).fullmatch
    if not ends:
        return lambda paths: [path for path in paths if match(path)]
    return lambda paths: [path for path in paths if path.endswith(ends) or match(path)]


def pattern_regex(pattern: str, files: bool = False) -> str:
    """One pattern as a regex for `fullmatch`."""
    folder_only = pattern.endswith("/")
    names = pattern.rstrip("/").split("/")
    parts: list[str] = []
    for index, name in enumerate(names):
        last = index == len(names) - 1
        if name == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
        else:
            parts.append(_name_regex(name) + ("" if last else "/"))
    regex = "".join(parts)
    if folder_only:
        return regex + "/.*"
    if files and _WILDCARD.search(names[-1]):
        return regex
    return regex + "(?:/.*)?"


def _name_regex(name: str) -> str:
    """One folder or file name: `*` and `?` never match `/`."""
    out: list[str] = []
    i = 0
    while i < len(name):
        char = name[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (end := _class_end(name, i)) != -1:
            body = name[i + 1 : end]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            escaped = body.replace("\\", "\\\\")
            out.append(f"[^/{escaped}]" if negate else f"[{escaped}]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _class_end(name: str, start: int) -> int:
    """Where the `[...]` opened at `start` closes (a `]` first in the class is a member)."""
    i = start + 1
    if i < len(name) and name[i] in "!^":
        i += 1
    if i < len(name) and name[i] == "]":
        i += 1
    return name.find("]", i)


def unmatched(patterns: Iterable[str], paths: Sequence[str], files: bool = False) -> list[str]:
    """The patterns that match none of `paths` (each stops at its first match)."""
    found = []
    for pattern in dict.fromkeys(patterns):
        match = glob_selector((pattern,), files)
        if not any(match(paths[i : i + 512]) for i in range(0, len(paths), 512)):
            found.append(pattern)
    return found
