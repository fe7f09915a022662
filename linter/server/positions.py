"""Engine positions <-> LSP positions.

The engine counts 1-based lines as YAML does (CR, LF, CRLF, NEL, LS and PS each end one) and
1-based columns in characters (code points). LSP counts 0-based lines ended by CR, LF or CRLF
only, and columns in the code units of the negotiated position encoding: UTF-16 unless the
client asked for another (an emoji is one character and two UTF-16 code units). Both meet at
a character offset into the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from linter.core.span import Span
from linter.source.line_index import LineIndex

_LSP_BREAK = re.compile("\r\n|\r|\n")
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


class DocumentPositions:
    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self._yaml = LineIndex(text)
        self._starts = [0, *(match.end() for match in _LSP_BREAK.finditer(text))]

    def range(self, span: Span) -> types.Range:
        return types.Range(
            self.position(span.start_line, span.start_col),
            self.position(span.end_line, span.end_col),
        )

    def position(self, line: int, col: int) -> types.Position:
        """The LSP position of the engine's (line, column); past the end is the end."""
        line = min(max(line, 1), self._yaml.line_count)
        offset = self._yaml.start(line) + max(col, 1) - 1
        return self.at(min(offset, self._yaml.end(line)))

    def at(self, offset: int) -> types.Position:
        row = bisect_right(self._starts, offset) - 1
        return types.Position(row, self._units(self.text[self._starts[row] : offset]))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position (clamped to its line)."""
        if position.line >= len(self._starts):
            return len(self.text)
        start = self._starts[position.line]
        end = self._starts[position.line + 1] if position.line + 1 < len(self._starts) else None
        line = self.text[start:end].rstrip("\r\n")
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += self._units(char)
        return start + len(line)

    def engine_line(self, position: types.Position) -> int:
        """The engine's 1-based line of an LSP position."""
        return self._yaml.line_of(self.offset(position))

    def _units(self, text: str) -> int:
        if text.isascii() or self.encoding == UTF32:
            return len(text)
        if self.encoding == UTF8:
            return len(text.encode("utf-8"))
        return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
