"""Python files and Jupyter notebooks -> one Python text to parse, and the way back from a
position in that text to the file.

A `.py` file is its own text. A notebook's text is its code cells in order, one after the
other; lines that start with `%` or `!` (IPython magics and shell escapes) are blanked, and
a cell that starts with a cell magic (`%%bash`) is blanked whole. Each line of that text
remembers its cell, its line in the cell and where each of its characters sits in the raw
`.ipynb` JSON (escapes such as `\\"` make the two differ), so a finding can be shown as
`nb.ipynb:cell 3:5:10` and located, for the machine formats, inside the JSON file itself.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from linter.core.span import CellSpot, Span
from linter.source.kinds import is_notebook
from linter.source.line_index import LineIndex

_JSON_TOKEN = re.compile(
    r'[ \t\r\n]*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|(-?[0-9][0-9.eE+-]*|true|false|null))', re.S
)
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.S)
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                   "t": "\t"}


class NotebookError(Exception):
    """The notebook is not JSON of the nbformat shape; `span` where that shows."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.span = span


class CellLine(NamedTuple):
    """One line of the Python text that comes from a notebook cell."""

    cell: int  # 1-based, counting every cell of the notebook (as Jupyter numbers them)
    line: int  # 1-based line in the cell
    text: str  # the line as the cell holds it (before blanking)
    offsets: tuple[int, ...]  # raw offset of each character in the .ipynb text, and of its end


@dataclass(frozen=True)
class PythonText:
    """The text to parse and the map back to the file. `cell_lines` is empty for a `.py`
    file (its positions are the file's); for a notebook it has one entry per line of `text`
    (None for the line that joins two cells)."""

    text: str
    file_text: str
    cell_lines: tuple[CellLine | None, ...] = ()
    cell_starts: tuple[tuple[int, int], ...] = ()  # (cell number, first line in `text`)

    @cached_property
    def file_index(self) -> LineIndex:
        return LineIndex(self.file_text)

    @property
    def is_notebook(self) -> bool:
        return bool(self.cell_starts)

    def to_file(self, line: int, col: int) -> tuple[int, int]:
        """A 1-based (line, character column) of `text` -> the same place in the file."""
        if not self.is_notebook:
            return line, col
        entry = self.cell_lines[line - 1] if 0 < line <= len(self.cell_lines) else None
        if entry is None:
            return 1, 1
        offset = entry.offsets[min(col - 1, len(entry.offsets) - 1)]
        index = self.file_index
        found = index.line_of(offset)
        return found, offset - index.start(found) + 1

    def span(self, start: tuple[int, int], end: tuple[int, int]) -> Span:
        """The file span of text positions (1-based lines, character columns, end exclusive)."""
        return Span(*self.to_file(*start), *self.to_file(*end))

    def cell_spot(self, span: Span) -> CellSpot | None:
        """A notebook file span -> its cell, the span in the cell, and the cell line."""
        if not self.is_notebook:
            return None
        index = self.file_index
        start = index.offset(span.start_line, span.start_col)
        end = index.offset(span.end_line, span.end_col)
        for entry in self.cell_lines:
            if entry is not None and entry.offsets[0] <= start <= entry.offsets[-1]:
                first = _column(entry, start)
                last = _column(entry, end) if end <= entry.offsets[-1] else len(entry.text) + 1
                cell_span = Span(entry.line, first, entry.line, max(last, first))
                return CellSpot(cell=entry.cell, span=cell_span, line_text=entry.text)
        return None


def _column(entry: CellLine, offset: int) -> int:
    for column, at in enumerate(entry.offsets):
        if at >= offset:
            return column + 1
    return len(entry.offsets)


def python_text(path: str, file_text: str) -> PythonText:
    """The Python text of a `.py` file or of a notebook (raises `NotebookError`)."""
    if not is_notebook(path):
        return PythonText(file_text, file_text)
    return _notebook_text(file_text)


def _notebook_text(raw: str) -> PythonText:
    try:
        json.loads(raw)
    except RecursionError as exc:
        raise NotebookError("not a valid notebook: nested too deeply", Span.point(1, 1)) from exc
    except ValueError as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise NotebookError(f"not a valid notebook: {exc}", Span.point(line, col)) from exc
    try:
        root, _ = _value(raw, 0)
    except RecursionError as exc:
        raise NotebookError("not a valid notebook: nested too deeply", Span.point(1, 1)) from exc
    cells = root.get("cells") if isinstance(root, dict) else None
    if not isinstance(cells, list):
        raise NotebookError("not a notebook: no `cells` list", Span.point(1, 1))
    lines: list[CellLine | None] = []
    starts: list[tuple[int, int]] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or _string(raw, cell.get("cell_type")) != "code":
            continue
        if lines:
            lines.append(None)  # the line break between two cells
        starts.append((number, len(lines) + 1))
        lines += _cell_lines(raw, number, cell.get("source"))
    return PythonText(_python_lines(lines), raw, tuple(lines), tuple(starts))


def _python_lines(lines: list[CellLine | None]) -> str:
    """The cells' lines as Python: a cell-magic cell (`%%bash`) blank whole; a line magic or
    shell escape (`%pip ...`, `!ls`) blank, with the lines it continues onto (`\\`)."""
    magic_cells = {e.cell for e in lines if e and e.line == 1 and e.text.startswith("%%")}
    kept = []
    continued = False
    for entry in lines:
        if entry is None or entry.cell in magic_cells:
            kept.append("")
            continued = False
            continue
        magic = continued or entry.text.lstrip().startswith(("%", "!"))
        continued = magic and entry.text.rstrip().endswith("\\")
        kept.append("" if magic else entry.text)
    return "\n".join(kept)


def _cell_lines(raw: str, cell: int, source: object) -> list[CellLine]:
    parts = source if isinstance(source, list) else [source]
    chars: list[str] = []
    offsets: list[int] = []
    for part in parts:
        if isinstance(part, tuple):
            text, where = _decoded(raw, part)
            chars.append(text)
            offsets += where
    text = "".join(chars)
    result = []
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        end = position + len(line)
        ends_at = offsets[end] if end < len(offsets) else (offsets[-1] + 1 if offsets else 0)
        offsets_here = (*offsets[position:end], ends_at)
        result.append(CellLine(cell=cell, line=number, text=line, offsets=offsets_here))
        position = end + 1
    return result


def _decoded(raw: str, token: tuple[int, int]) -> tuple[str, list[int]]:
    """A JSON string token's text, and the raw offset where each of its characters starts."""
    start, end = token
    chars: list[str] = []
    offsets: list[int] = []
    at = start + 1
    for match in _ESCAPE.finditer(raw, start + 1, end - 1):
        chars.append(raw[at : match.start()])
        offsets += range(at, match.start())
        if match.group(1):
            chars.append(chr(int(match.group(1), 16)))
        else:
            chars.append(_SIMPLE_ESCAPES.get(match.group(2), match.group(2)))
        offsets.append(match.start())
        at = match.end()
    chars.append(raw[at : end - 1])
    offsets += range(at, end - 1)
    return "".join(chars), offsets


def _string(raw: str, token: object) -> str | None:
    return _decoded(raw, token)[0] if isinstance(token, tuple) else None


def _value(raw: str, at: int) -> tuple[object, int]:
    """Parse one JSON value at `at` (known to be valid JSON): objects as dicts of decoded
    keys, lists, strings as their (start, end) token offsets, scalars as None."""
    match = _JSON_TOKEN.match(raw, at)
    if match is None:
        raise NotebookError("not a valid notebook", Span.point(1, 1))
    if match.group(1) is not None:
        return (match.start(1), match.end(1)), match.end()
    if match.group(3) is not None:
        return None, match.end()
    opener, at = match.group(2), match.end()
    if opener == "[":
        items: list[object] = []
        while True:
            close = _JSON_TOKEN.match(raw, at)
            if close is not None and close.group(2) in ("]", ","):
                at = close.end()
                if close.group(2) == "]":
                    return items, at
                continue
            item, at = _value(raw, at)
            items.append(item)
    members: dict[str, object] = {}
    while True:
        token = _JSON_TOKEN.match(raw, at)
        if token is None or token.group(2) == "}":
            return members, token.end() if token else len(raw)
        if token.group(2) == ",":
            at = token.end()
            continue
        key = _decoded(raw, (token.start(1), token.end(1)))[0]
        colon = _JSON_TOKEN.match(raw, token.end())
        value, at = _value(raw, colon.end() if colon else token.end())
        members[key] = value
