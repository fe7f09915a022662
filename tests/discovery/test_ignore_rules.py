"""The .gitignore files of a walk outside git: the same decisions as pathspec's
`GitIgnoreSpec`, in time that does not grow with the length of the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pathspec import GitIgnoreSpec

from linter.discovery import files as discover
from linter.discovery.ignore_rules import IgnoreRules

LINES = (
    "a", "b.log", "build", "*.log", "!a", "/a", "a/", "b/c", "/b/c/", "*", "a*", "?.txt",
    "**/a", "!*.log", "[ab].txt", "!b.log", "c/", "!c", "# a comment", "", "d/**/e", "x\\#",
    "*.tar.gz", "!keep.log", "/build/", "b",
)
PATHS = (
    "a", "b", "c", "b.log", "x.log", "keep.log", "a.txt", "b.txt", "c.txt", "ab", "build", "b/c",
    "b/a", "d/e", "d/x/e", "c/a", "x.tar.gz", "tar.gz", "x#", "b/c/d",
)


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), max_size=8))
def test_the_same_decisions_as_pathspec_for_files(lines: list[str]) -> None:
    """For every file whose folders are not ignored (a walk never enters those)."""
    ours, theirs = IgnoreRules(lines), GitIgnoreSpec.from_lines(lines)
    for path in PATHS:
        if any(theirs.match_file(folder + "/") for folder in _ancestors(path)):
            continue
        assert ours.ignores(path, False) == theirs.match_file(path), (lines, path)


@pytest.mark.parametrize(
    ("lines", "folder", "ignored"),
    [
        (["a/"], "a", True), (["/b/c/"], "b/c", True), (["b/c"], "b/c", True),
        (["*.d"], "x.d", True), (["x.d/"], "y/x.d", True), (["*", "!a"], "a", False),
        (["a", "!a/"], "a", False), (["d/**/e"], "d/x/y/e", True), (["a*/"], "ab", True),
    ],
)
def test_folders_as_git_decides(lines: list[str], folder: str, ignored: bool) -> None:
    """Checked with `git check-ignore` (pathspec differs for `*` then `!a`: git re-includes)."""
    assert IgnoreRules(lines).ignores(folder, True) is ignored


def test_plain_names_and_suffixes_are_looked_up_not_matched() -> None:
    """200,000 lines of names, paths and `*.suffix` leave no regular expression to try per
    path; the few real globs are one."""
    lines = [f"file{n}.txt" for n in range(100_000)]
    lines += [f"/generated/out{n}.yaml" for n in range(50_000)]
    lines += [f"*.ext{n}" for n in range(49_990)]
    lines += [f"cache{n}/*.yaml" for n in range(10)]
    rules = IgnoreRules(lines)
    assert rules.globs is not None and len(rules.globs[1]) == 10
    assert len(rules.names) + len(rules.paths) + len(rules.suffixes) == 199_990
    assert rules.ignores("deep/file7.txt", False)
    assert rules.ignores("generated/out3.yaml", False)
    assert not rules.ignores("deep/generated/out3.yaml", False)
    assert rules.ignores("x.ext49989", False)
    assert rules.ignores("cache3/a.yaml", False) and not rules.ignores("cache3/a.yml", False)


def test_a_walk_under_a_200000_line_gitignore(tmp_path: Path) -> None:
    lines = [f"ignored{n}.yaml" for n in range(199_999)] + ["*.tmp"]
    (tmp_path / ".gitignore").write_text("\n".join(lines), encoding="utf-8")
    for folder in ("a", "a/b", "c"):
        (tmp_path / folder).mkdir()
        for n in range(100):
            (tmp_path / folder / f"ignored{n}.yaml").write_text("x", encoding="utf-8")
            (tmp_path / folder / f"kept{n}.yaml").write_text("x", encoding="utf-8")
            (tmp_path / folder / f"{n}.tmp").write_text("x", encoding="utf-8")
    names = discover.listing(tmp_path)
    assert sorted(names) == sorted(
        [".gitignore"] + [f"{d}/kept{n}.yaml" for d in ("a", "a/b", "c") for n in range(100)]
    )


def test_a_gitignore_that_is_a_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".gitignore")
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    assert "a.yaml" in discover.listing(tmp_path)
