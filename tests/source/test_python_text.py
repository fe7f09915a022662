"""Python files and notebooks -> one Python text, and the way back to the file and the cell."""

from __future__ import annotations

import pytest

from linter.core.span import CellSpot, Span
from linter.source.python_text import NotebookError, python_text
from tests.support.notebooks import notebook


def test_the_python_text_of_a_notebook_maps_back_to_the_file() -> None:
    raw = notebook(['a = "\u00e9\t"\n', "b = 1"], ["c = 2"])
    assert '"a = \\"\\u00e9\\t\\"\\n",' in raw  # escapes in the JSON
    text = python_text("x.ipynb", raw)
    assert text.text == 'a = "\u00e9\t"\nb = 1\n\nc = 2'
    lines = raw.split("\n")
    line, col = text.to_file(2, 1)
    assert lines[line - 1][col - 1 :].startswith('b = 1"')
    line, col = text.to_file(4, 5)
    assert lines[line - 1][col - 1 :].startswith('2"')


def test_a_python_file_is_its_own_text() -> None:
    text = python_text("a.py", "x = 1\n")
    assert (text.text, text.is_notebook) == ("x = 1\n", False)
    assert text.to_file(3, 4) == (3, 4)
    assert text.cell_spot(Span(1, 1, 1, 2)) is None


def test_magics_and_shell_escapes_are_blanked_and_markdown_left_out() -> None:
    raw = notebook(
        ["import os\n", "x = 1"],
        ["%%bash\n", "echo hi"],
        ["%pip install a \\\n", "  b\n", "!ls\n", "y = 'é'"],
        markdown_first=True,
    )
    text = python_text("nb.ipynb", raw)
    assert text.text == "import os\nx = 1\n\n\n\n\n\n\n\ny = 'é'"
    assert text.cell_starts == ((2, 1), (3, 4), (4, 7))  # Jupyter's numbers: markdown counts


def test_a_span_in_the_json_is_shown_in_its_cell() -> None:
    raw = notebook(["import os\n", "x = 1"], ["y = 'é'"])
    text = python_text("nb.ipynb", raw)
    span = text.span((4, 5), (4, 8))  # `'é'`, written `'\u00e9'` in the JSON
    line = raw.split("\n")[span.start_line - 1]
    assert line[span.start_col - 1 : span.end_col - 1] == "'\\u00e9'"
    assert text.cell_spot(span) == CellSpot(cell=2, span=Span(1, 5, 1, 8), line_text="y = 'é'")
    assert text.cell_spot(Span(1, 1, 1, 2)) is None  # `{`: no cell
    assert text.to_file(3, 1) == (1, 1)  # the line that joins two cells


def test_a_cell_source_may_be_one_string() -> None:
    raw = '{"cells": [{"cell_type": "code", "source": "a = 1\\nb = 2"}]}'
    text = python_text("n.ipynb", raw)
    assert text.text == "a = 1\nb = 2"
    assert text.to_file(2, 1) == (1, raw.index("b = 2") + 1)


@pytest.mark.parametrize(
    ("raw", "message", "span"),
    [
        ('{"cells": 3}', "not a notebook: no `cells` list", Span(1, 1, 1, 2)),
        ("[1]", "not a notebook: no `cells` list", Span(1, 1, 1, 2)),
        ('{"cells": [', "not a valid notebook: Expecting value: line 1 column 12 (char 11)",
         Span(1, 12, 1, 13)),
    ],
)
def test_a_file_that_is_not_a_notebook_says_where(raw: str, message: str, span: Span) -> None:
    with pytest.raises(NotebookError) as caught:
        python_text("n.ipynb", raw)
    assert (str(caught.value), caught.value.span) == (message, span)
