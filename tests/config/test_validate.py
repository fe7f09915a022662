"""A config table against its schema: the first problem as one line naming the file, the key,
the bad value and what is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from linter.config.errors import ConfigError
from linter.config.validate import RULE_PREFIX, validate_config


def problem(table: dict[str, Any], tmp_path: Path) -> ConfigError:
    path = tmp_path / "amlarc-lint.toml"
    with pytest.raises(ConfigError) as caught:
        validate_config(table, path)
    assert caught.value.path == path
    return caught.value


def test_a_valid_table_passes(tmp_path: Path) -> None:
    table = {
        "select": ["AML", "AML2"],
        "severity": {"AML204": "error"},
        "clusters": [{"name": "prod", "nodes": ["prod/nodes.yaml"]}],
    }
    assert validate_config(table, tmp_path / "amlarc-lint.toml") is None
    assert validate_config({}, tmp_path / "amlarc-lint.toml") is None


def test_the_message_names_the_file_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert str(problem({"clusters": [{}]}, tmp_path)) == (
        "amlarc-lint.toml: 'clusters[0]' lacks the required key 'name'"
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"severity": {"AML2": "error"}},
            """bad key in 'severity': "AML2"; allowed: a full rule id such as AML204""",
        ),
        (
            {"known-instance-types": [True]},
            "bad value for 'known-instance-types[0]': true is not a string; allowed: a list of "
            "instance type names defined on the cluster but not in this repository",
        ),
        (
            {"clusters": [{"name": "x", "nodes": {"a": 1}}]},
            "bad value for 'clusters[0].nodes': a table is not a list; allowed: a list of files",
        ),
        (
            {"include": [""]},
            "bad value for 'include[0]': an empty string; allowed: a list of globs",
        ),
        (
            {"per-file-ignores": {"a/*": ["X1"]}},
            """bad value for 'per-file-ignores."a/*"[0]': "X1"; allowed: a rule id (AML302)""",
        ),
    ],
)
def test_each_kind_of_problem_is_said_in_words(
    table: dict[str, Any], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert str(problem(table, tmp_path)).startswith(f"amlarc-lint.toml: {message}")


def test_of_several_problems_the_first_by_key_path_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = str(problem({"select": "AML", "exclude": 3}, tmp_path))
    assert message.startswith("amlarc-lint.toml: bad value for 'exclude': 3 is not a list")


def test_a_path_outside_the_current_folder_is_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert str(problem({"selekt": []}, tmp_path)).startswith(
        f"{tmp_path / 'amlarc-lint.toml'}: unknown key 'selekt'; allowed keys: baseline, clusters,"
    )


@pytest.mark.parametrize("text", ["AML", "AML2", "AML30", "AML302"])
def test_a_rule_prefix_is_aml_and_up_to_three_digits(text: str) -> None:
    assert RULE_PREFIX.fullmatch(text)


@pytest.mark.parametrize("text", ["AML3021", "aml302", "E501", "AMLX", ""])
def test_other_texts_are_not_rule_prefixes(text: str) -> None:
    assert RULE_PREFIX.fullmatch(text) is None
