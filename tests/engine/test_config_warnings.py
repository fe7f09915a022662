"""What a config says that has no effect: ids that match no rule, project-level keys in a
nested config, patterns that match no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.discovery.configs import load_settings, with_command_line
from linter.engine.config_warnings import config_warnings
from tests.support.engine_project import write_engine_project

CONFIG = """\
select = ["AML", "AML9"]
exclude = ["vendor/**", "nothing-here/*.yaml"]
[per-file-ignores]
"legacy/*.yaml" = ["AML2", "AML88"]
"gone/*.yaml" = ["AML2"]
[severity]
AML977 = "info"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the warnings name configs relative to the current folder
    return write_engine_project(tmp_path, CONFIG)


def test_ids_and_patterns_that_match_nothing_are_named_with_their_key(project: Path) -> None:
    assert config_warnings(load_settings(project)) == [
        "amlarc-lint.toml: 'select' names 'AML9', which matches no rule",
        "amlarc-lint.toml: 'per-file-ignores' names 'AML88', which matches no rule",
        "amlarc-lint.toml: 'severity' names 'AML977', which matches no rule",
        "amlarc-lint.toml: 'exclude' pattern 'nothing-here/*.yaml' matches no file",
        "amlarc-lint.toml: 'per-file-ignores' pattern 'gone/*.yaml' matches no file",
    ]


def test_a_nested_config_warns_of_its_project_keys_and_not_of_what_it_inherits(
    project: Path,
) -> None:
    (project / "legacy" / "amlarc-lint.toml").write_text(
        'include = ["*.yml"]\nignore = ["AML1", "AML8"]\n', encoding="utf-8"
    )
    # The root's own warnings come once each: the nested config inherits those values.
    assert config_warnings(load_settings(project)) == [
        "amlarc-lint.toml: 'select' names 'AML9', which matches no rule",
        "amlarc-lint.toml: 'per-file-ignores' names 'AML88', which matches no rule",
        "amlarc-lint.toml: 'severity' names 'AML977', which matches no rule",
        "legacy/amlarc-lint.toml: 'include' is a project-level key, read only from the config "
        "at the project root (amlarc-lint.toml); ignored here",
        "legacy/amlarc-lint.toml: 'ignore' names 'AML8', which matches no rule",
        "amlarc-lint.toml: 'exclude' pattern 'nothing-here/*.yaml' matches no file",
        "amlarc-lint.toml: 'per-file-ignores' pattern 'gone/*.yaml' matches no file",
    ]


def test_the_command_line_s_ids_are_named_as_its_options(project: Path) -> None:
    """`--select` replaces the config's select: the config's 'AML9' is no longer named."""
    settings = with_command_line(load_settings(project), ("AML3", "AML8"), ("AML99",))
    assert config_warnings(settings)[:4] == [
        "--select: 'AML8' matches no rule",
        "--ignore: 'AML99' matches no rule",
        "amlarc-lint.toml: 'per-file-ignores' names 'AML88', which matches no rule",
        "amlarc-lint.toml: 'severity' names 'AML977', which matches no rule",
    ]
