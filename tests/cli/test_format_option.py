"""`--format FMT[=PATH]`: one format printed, any others written to files."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from linter.cli.format_option import FormatTargetType, split_targets

CHOICES = ("text", "json", "sarif")


def test_a_format_alone_is_printed_and_one_with_a_path_is_written() -> None:
    option = FormatTargetType(CHOICES)
    assert option.convert("json", None, None) == ("json", None)
    assert option.convert("sarif=out/r.sarif", None, None) == ("sarif", Path("out/r.sarif"))
    assert option.convert(("text", None), None, None) == ("text", None)  # a default, as is


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yaml", "'yaml' is not one of text, json, sarif"),
        ("sarif=", "'sarif=' names no file after '='"),
        ("=r.sarif", "'' is not one of text, json, sarif"),
    ],
)
def test_a_bad_value_is_a_usage_error_that_says_why(value: str, message: str) -> None:
    with pytest.raises(click.BadParameter) as raised:
        FormatTargetType(CHOICES).convert(value, None, None)
    assert raised.value.message == message


def test_the_metavar_lists_the_choices() -> None:
    option = click.Option(["--format"], type=FormatTargetType(CHOICES))
    assert option.type.get_metavar(option) == "[text|json|sarif][=PATH]"


def test_one_printed_format_and_the_files_default_to_text() -> None:
    assert split_targets([]) == ("text", ())
    assert split_targets([("sarif", Path("r.sarif")), ("json", None)]) == (
        "json", (("sarif", Path("r.sarif")),)
    )
    assert split_targets([("sarif", Path("r.sarif"))]) == ("text", (("sarif", Path("r.sarif")),))
    with pytest.raises(click.UsageError) as raised:
        split_targets([("json", None), ("text", None)])
    assert raised.value.message == (
        "only one --format can be printed (got json, text); send the others to files, "
        "e.g. --format sarif=results.sarif"
    )
