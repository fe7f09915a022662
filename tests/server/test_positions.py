"""Engine positions (1-based, YAML's line breaks, code points) as LSP positions (0-based,
LSP's line breaks, the negotiated encoding), and back."""

from __future__ import annotations

from lsprotocol import types

from linter.core.span import Span
from linter.server.positions import UTF8, DocumentPositions


def test_positions_count_lines_as_lsp_and_columns_in_utf16() -> None:
    # YAML ends a line at NEL; LSP does not: the engine's line 3 is LSP's line 1.
    text = 'a: 1\r\nb: "x\x85y"\nc: "😀" z\n'
    positions = DocumentPositions(text)
    # `z`: the 8th character of its line, after the emoji (two UTF-16 code units).
    assert positions.range(Span(4, 8, 4, 9)) == types.Range(
        types.Position(2, 8), types.Position(2, 9)
    )
    assert positions.position(3, 3) == types.Position(1, 8)  # after the NEL, on LSP line 1
    assert positions.offset(types.Position(2, 8)) == text.index("z")


def test_positions_follow_the_negotiated_encoding() -> None:
    positions = DocumentPositions('c: "😀" z\n', UTF8)
    assert positions.position(1, 8) == types.Position(0, 10)  # the emoji is 4 UTF-8 bytes


def test_a_position_past_the_end_of_its_line_is_the_line_end() -> None:
    assert DocumentPositions("ab\ncd").position(1, 9) == types.Position(0, 2)
