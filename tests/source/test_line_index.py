"""Offsets <-> (line, column), counting line breaks as libyaml does."""

from __future__ import annotations

from linter.source.line_index import LineIndex, yaml_lines


def test_every_yaml_line_break_ends_a_line() -> None:
    text = "a\r\nb\rc\x85d\u2028e\u2029f\n"
    assert yaml_lines(text) == ["a", "b", "c", "d", "e", "f", ""]
    assert yaml_lines("a\nb\n") == ["a", "b", ""]
    assert yaml_lines("") == [""]
    assert LineIndex(text).line_count == 7


def test_offsets_and_positions_in_a_text_with_mixed_breaks() -> None:
    index = LineIndex("ab\r\ncd\ref\n")
    assert index.line_count == 4
    assert index.offset(2, 2) == 5  # "d"
    assert [index.line_of(offset) for offset in (0, 2, 3, 4, 7, 10)] == [1, 1, 1, 2, 3, 4]
    assert [index.start(line) for line in (1, 2, 3, 4)] == [0, 4, 7, 10]
    assert [index.end(line) for line in (1, 2, 3, 4)] == [2, 6, 9, 10]
    assert [index.next_start(line) for line in (1, 2, 3, 4)] == [4, 7, 10, 10]
    assert [index.line(line) for line in (1, 2, 3, 4)] == ["ab", "cd", "ef", ""]
    assert [index.newline(line) for line in (1, 2, 3, 4)] == ["\r\n", "\r", "\n", ""]


def test_a_last_line_without_a_break() -> None:
    index = LineIndex("a\nbc")
    assert (index.line_count, index.line(2), index.end(2), index.newline(2)) == (2, "bc", 4, "")
    assert index.next_start(2) == 4
