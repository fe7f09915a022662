"""Source positions: 1-based lines and columns, end column exclusive (as SARIF counts).

Named tuples, not dataclasses: the reader makes one span per YAML node, and a tuple is made
several times faster (and its class at import, too).
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    start_line: int
    start_col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, line: int, col: int) -> Span:
        """A one-character span at a position (used for parser marks)."""
        return cls(line, col, line, col + 1)

    @property
    def is_empty(self) -> bool:
        return (self.start_line, self.start_col) == (self.end_line, self.end_col)

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.start_line, self.start_col, self.end_line, self.end_col)


class Location(NamedTuple):
    path: str
    span: Span


class CellSpot(NamedTuple):
    """Where a notebook finding is as people see it: the cell (numbered as Jupyter shows
    them), the span in the cell's own lines, and that line's text. The finding's own span
    stays in the `.ipynb` file (machine formats point there); the text formats show this."""

    cell: int
    span: Span
    line_text: str
