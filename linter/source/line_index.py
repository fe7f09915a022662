"""Offsets <-> (line, column) in a text, counting line breaks the way libyaml does (CRLF,
CR, LF, NEL, LS and PS each end a line), so positions agree with the parser's marks."""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_RARE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def yaml_lines(text: str) -> list[str]:
    """The text's lines as YAML (and so every mark) counts them: CR, LF, CRLF, NEL, LS, PS."""
    if not any(c in text for c in _RARE_BREAKS):
        return text.split("\n")
    return _BREAK.split(text)


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = list(_BREAK.finditer(text))
        self._starts = [0, *(match.end() for match in self._breaks)]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def offset(self, line: int, col: int) -> int:
        """The offset of a 1-based (line, column)."""
        return self._starts[line - 1] + col - 1

    def line_of(self, offset: int) -> int:
        """The 1-based line holding `offset`."""
        return bisect_right(self._starts, offset)

    def start(self, line: int) -> int:
        return self._starts[line - 1]

    def end(self, line: int) -> int:
        """The offset where the line's text ends (before its line break)."""
        return self._breaks[line - 1].start() if line <= len(self._breaks) else len(self.text)

    def next_start(self, line: int) -> int:
        """The offset just after the line's break (the end of the text on the last line)."""
        return self._starts[line] if line < len(self._starts) else len(self.text)

    def line(self, line: int) -> str:
        return self.text[self.start(line) : self.end(line)]

    def newline(self, line: int) -> str:
        """The line's own break ("" on a last line without one)."""
        return self._breaks[line - 1].group() if line <= len(self._breaks) else ""
