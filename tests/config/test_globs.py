"""The config's path patterns, as users read them: `*` within a folder, `**` across, a folder
covering what is under it."""

from __future__ import annotations

import pytest

from linter.config.globs import glob_match, glob_selector, pattern_regex, unmatched


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("legacy/*.yaml", "legacy/a.yaml", True),
        ("legacy/*.yaml", "legacy/a/b.yaml", False),  # `*` stays within one folder name
        ("**/*.yaml", "a.yaml", True),  # `**` may match no folder
        ("**/*.yaml", "a/b/c.yaml", True),
        ("**/*.yaml", "a.yml", False),
        ("ml/**/*.yaml", "ml/a.yaml", True),
        ("ml/**/*.yaml", "ml/x/y/a.yaml", True),
        ("ml/**/*.yaml", "mlx/a.yaml", False),
        ("a?.yaml", "ab.yaml", True),
        ("a?.yaml", "a/.yaml", False),  # `?` never matches "/"
        ("[!b]x.yaml", "ax.yaml", True),
        ("[!b]x.yaml", "bx.yaml", False),
        ("[ab]x.yaml", "bx.yaml", True),
        ("[]]x", "]x", True),  # a "]" first in a class is a member
        ("a[b", "a[b", True),  # an unclosed "[" is itself
        ("a.yaml", "aXyaml", False),  # "." is literal
        ("./a.yaml", "a.yaml", True),
    ],
)
def test_a_pattern_matches_as_users_read_it(pattern: str, path: str, matches: bool) -> None:
    assert glob_match(path, pattern) is matches


def test_a_folder_pattern_covers_everything_under_it() -> None:
    assert glob_match("charts/x/deployment.yaml", "charts")
    assert glob_match("legacy/a/b.yaml", "legacy/*")
    assert not glob_match("chartsx/a.yaml", "charts")
    # A pattern ending in "/" matches folders only: never the file of that name.
    assert glob_match("charts/a.yaml", "charts/")
    assert not glob_match("charts", "charts/")


def test_in_include_only_a_wildcard_free_last_name_covers_a_folder() -> None:
    paths = ["ml/a.py", "ml/a/b.py", "x.yaml/notes.txt", "a.yaml"]
    assert glob_selector(("ml/*",), True)(paths) == ["ml/a.py"]
    assert glob_selector(("ml/*",), False)(paths) == ["ml/a.py", "ml/a/b.py"]
    assert glob_selector(("ml",), True)(paths) == ["ml/a.py", "ml/a/b.py"]
    assert glob_selector(("**/*.yaml",), True)(paths) == ["a.yaml"]


def test_a_selector_keeps_the_paths_order_and_ignores_empty_patterns() -> None:
    select = glob_selector(("b.yaml", "**/*.yml", "", "a.yaml"))
    assert select(["c.yaml", "b.yaml", "d/e.yml", "a.yaml"]) == ["b.yaml", "d/e.yml", "a.yaml"]
    assert glob_selector(("",))(["c.yaml"]) == []
    assert glob_selector(())(["c.yaml"]) == []


def test_the_regex_of_a_pattern() -> None:
    assert pattern_regex("ml/**/*.yaml") == r"ml/(?:[^/]+/)*[^/]*\.yaml(?:/.*)?"
    assert pattern_regex("charts/") == "charts/.*"
    assert pattern_regex("*.yaml", files=True) == r"[^/]*\.yaml"
    assert pattern_regex("[!b]x") == "[^/b]x(?:/.*)?"


def test_unmatched_names_each_pattern_that_matches_no_path_once() -> None:
    paths = ["a.yaml", "b/c.yaml"]
    assert unmatched(["**/*.yaml", "docs/*", "a.yaml", "docs/*", "b"], paths) == ["docs/*"]
    assert unmatched(["b"], paths, files=True) == []
    assert unmatched(["b/*"], ["b/c/d.yaml"], files=True) == ["b/*"]
    assert unmatched(["x"], []) == ["x"]


def test_a_suffix_pattern_covers_a_folder_it_names_outside_include() -> None:
    paths = ["x.yaml/job.py", "ml/x.yaml/deep/a.py", "a.yaml", "notes.yaml.txt", "b.yml"]
    # exclude, per-file-ignores, a cluster's instance-types: a folder it names, all below it
    assert glob_selector(("**/*.yaml",))(paths) == paths[:3]
    # include names files: `x.yaml/job.py` is not a YAML file
    assert glob_selector(("**/*.yaml",), True)(paths) == ["a.yaml"]
