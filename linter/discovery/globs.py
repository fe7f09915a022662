"""Globs on POSIX paths relative to the project root, as include/exclude and the config use them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from fnmatch import translate
from functools import lru_cache

_WILDCARD = re.compile(r"[*?[]")


def glob_match(path: str, pattern: str) -> bool:
    """Glob on POSIX paths where `**/` may match no folder (so `**/*.yaml` matches `a.yaml`,
    and `ml/**/*.yaml` matches `ml/a.yaml`)."""
    return bool(glob_selector((pattern,))([path]))


@lru_cache(maxsize=256)
def glob_selector(patterns: tuple[str, ...]) -> Callable[[Sequence[str]], list[str]]:
    """The paths that `glob_match` one of the patterns, in order; compiled once, and one list
    comprehension over the paths (discovery runs it on every file of a monorepo). A form
    `*<text>` (as `**/*.yaml` has) is a suffix test, and so is every form that ends with the
    same text; the other forms make one regex."""
    forms = dict.fromkeys(form for pattern in patterns for form in _glob_forms(pattern))
    if not forms:
        return lambda paths: []
    suffixes = tuple(
        form[1:] for form in forms if form.startswith("*") and not _WILDCARD.search(form[1:])
    )
    rest = [form for form in forms if not form.endswith(suffixes)]
    if not rest:
        return lambda paths: [path for path in paths if path.endswith(suffixes)]
    alternatives = [f"(?:{translate(form)})" for form in rest]
    alternatives += [re.escape(form[:-2]) for form in rest if form.endswith("/**")]
    match = re.compile("|".join(alternatives)).match
    return lambda paths: [path for path in paths if path.endswith(suffixes) or match(path)]


def _glob_forms(pattern: str) -> list[str]:
    """The pattern and every form of it with a `**/` matching no folder."""
    pattern = pattern.removeprefix("./")
    forms = [pattern]
    if pattern.startswith("**/"):
        forms += _glob_forms(pattern[3:])
    middle = pattern.find("/**/")
    while middle != -1:
        forms += _glob_forms(pattern[:middle] + pattern[middle + 3 :])
        middle = pattern.find("/**/", middle + 1)
    return forms
