"""One `.gitignore` of a walk outside git, compiled once and matched in time that does not
grow with its length.

pathspec matches a path against each pattern in turn: a 200,000-line `.gitignore` costs
200,000 regex calls per path, minutes for a small tree. Here the lines that are plain names
(`build`, `/dist/app.js`, `logs/`) and name suffixes (`*.log`) go into dictionaries, looked
up once per path (a suffix: once per character of the name); only the other globs are
matched as regular expressions, all of them in one compiled alternation. The last matching
line decides, as in git (a `!` line re-includes). A walk asks about a folder before it
enters it, so a path is only ever matched by itself (its folders were matched before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_GLOB = re.compile(r"[*?\[\\]")
_DIRECTORY_GROUP = re.compile(r"\(\?P<ps_d>")  # pathspec names one group in every pattern
# A line's decision: (its line number, whether it ignores: False for `!`).
Decision = tuple[int, bool]


class IgnoreRules:
    def __init__(self, lines: Iterable[str]) -> None:
        self.names: dict[str, Decision] = {}  # a name anywhere below the file's folder
        self.folder_names: dict[str, Decision] = {}  # `name/`: folders only
        self.paths: dict[str, Decision] = {}  # `a/b`, `/a`: from the file's folder
        self.folder_paths: dict[str, Decision] = {}
        self.suffixes: dict[str, Decision] = {}  # `*.log`: the end of a name
        self.folder_suffixes: dict[str, Decision] = {}
        globs: list[tuple[int, str]] = []
        for number, raw in enumerate(lines):
            line = raw.rstrip("\n\r")
            if not line.strip() or line.startswith("#"):
                continue
            ignores = not line.startswith("!")
            pattern = (line if ignores else line[1:]).rstrip(" ")
            folder_only = pattern.endswith("/")
            body = pattern.rstrip("/")
            anchored = "/" in body
            body = body.lstrip("/")
            if not body:
                continue
            if not _GLOB.search(body):
                table = (self.folder_paths if folder_only else self.paths) if anchored else (
                    self.folder_names if folder_only else self.names
                )
                table[body] = (number, ignores)
            elif not anchored and body.startswith("*") and not _GLOB.search(body[1:]):
                table = self.folder_suffixes if folder_only else self.suffixes
                table[body[1:]] = (number, ignores)
            else:
                globs.append((number, line))
        self.globs = _compiled(globs)

    def ignores(self, path: str, is_dir: bool) -> bool:
        """Whether the last line that matches `path` (POSIX, relative to the file's folder)
        ignores it; False when none matches."""
        name = path.rsplit("/", 1)[-1]
        found: list[Decision] = []
        for table, key in ((self.names, name), (self.paths, path)):
            if key in table:
                found.append(table[key])
        if is_dir:
            for table, key in ((self.folder_names, name), (self.folder_paths, path)):
                if key in table:
                    found.append(table[key])
        for table in (self.suffixes, self.folder_suffixes) if is_dir else (self.suffixes,):
            if table:
                found += [table[name[i:]] for i in range(len(name) + 1) if name[i:] in table]
        if self.globs is not None:
            match = self.globs[0].match(path + "/" if is_dir else path)
            if match is not None:
                found.append(self.globs[1][match.lastgroup or ""])
        return max(found)[1] if found else False


def _compiled(globs: list[tuple[int, str]]) -> tuple[re.Pattern[str], dict[str, Decision]] | None:
    """The glob lines as one regular expression, the last line first (the first alternative
    that matches is the line that decides), with the decision of each named group."""
    if not globs:
        return None
    from pathspec import GitIgnoreSpec

    patterns = GitIgnoreSpec.from_lines(line for _, line in globs).patterns
    decisions: dict[str, Decision] = {}
    alternatives: list[str] = []
    for (number, _), pattern in reversed(list(zip(globs, patterns, strict=True))):
        regex = getattr(pattern, "regex", None)
        if regex is None or pattern.include is None:
            continue
        group = f"line{number}"
        decisions[group] = (number, bool(pattern.include))
        alternatives.append(f"(?P<{group}>{_DIRECTORY_GROUP.sub('(?:', regex.pattern)})")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives)), decisions
