"""The YAML text of a new string scalar: in the quoting it replaces, and read back as itself."""

from __future__ import annotations

import pytest
import yaml

from linter.source.scalar_text import string_scalar


@pytest.mark.parametrize(
    ("text", "style", "written"),
    [
        ("1Gi", None, "1Gi"),  # plain stays plain when YAML reads it back as that string
        ("500m", "", "500m"),
        ("1", None, '"1"'),  # would be an int
        ("true", "", '"true"'),  # would be a bool
        ("yes", None, '"yes"'),  # YAML 1.1: a bool too
        ("null", None, '"null"'),
        ("1 Gi ", None, '"1 Gi "'),  # trailing space would be lost
        ("a: b", None, '"a: b"'),  # would be a mapping
        ("#x", None, '"#x"'),  # would be a comment
        ("", None, '""'),
        ("it's", "'", "'it''s'"),
        ('a"b\\c', '"', '"a\\"b\\\\c"'),
        ("x", "|", '"x"'),  # a block scalar becomes double-quoted
        ("x", ">", '"x"'),
    ],
)
def test_a_string_is_written_in_its_scalars_quoting(
    text: str, style: str | None, written: str
) -> None:
    assert string_scalar(text, style) == written


@pytest.mark.parametrize(
    ("text", "style"),
    [("1", None), ("true", ""), ("it's", "'"), ('a"b\\c', '"'), ("1 Gi ", None), ("500m", None)],
)
def test_what_is_written_reads_back_as_the_same_string(text: str, style: str | None) -> None:
    assert yaml.safe_load("key: " + string_scalar(text, style)) == {"key": text}


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a\nb", '"a\\nb"'),  # raw, the line break would fold into a space
        ("bell\x07", '"bell\\x07"'),  # YAML cannot hold a control character raw
        ("nel\x85", '"nel\\N"'),  # YAML 1.1 line breaks: next line, line and paragraph
        ("p\u2029", '"p\\P"'),
        ("nul\0", '"nul\\0"'),
    ],
)
def test_line_breaks_and_controls_are_escaped_in_any_quoting(text: str, written: str) -> None:
    for style in (None, "", "'", '"', "|"):
        assert string_scalar(text, style) == written


@pytest.mark.parametrize(
    "text", ["a\nb", "bell\x07", "tab\there", "cr\r\n", "nel\x85", "ls\u2028", "\x7f", "é 😀"]
)
@pytest.mark.parametrize("style", [None, "", "'", '"', "|"])
def test_any_text_reads_back_as_itself(text: str, style: str | None) -> None:
    assert yaml.safe_load("key: " + string_scalar(text, style)) == {"key": text}
