"""Suppression comments in Python and notebooks: read from the tokenizer's comments, and in a
notebook located in the `.ipynb` file, where the findings are."""

from __future__ import annotations

import json

from linter.core.span import Span
from linter.suppress.python_directives import find_python_directives

SCRIPT = """\
import x  # amlarc-lint: ignore[AML501]
s = "# amlarc-lint: ignore"
# see amlarc-lint: ignore
# amlarc-lint: ignore-file
y = 1
"""


def test_real_comments_that_start_with_the_marker_are_directives() -> None:
    found = find_python_directives("a.py", SCRIPT)
    assert [(d.span, d.whole_file, d.rule_ids, d.target_line) for d in found] == [
        (Span(1, 11, 1, 40), False, ("AML501",), None),
        (Span(4, 1, 4, 27), True, None, 5),
    ]


def test_a_notebook_s_directive_is_located_in_the_file() -> None:
    cell = {"cell_type": "code", "source": ["x = 1\n", "# amlarc-lint: ignore[AML501]\n",
                                            "y = 2\n"], "metadata": {}, "outputs": [],
            "execution_count": None}
    notebook = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                           "nbformat_minor": 5}, indent=1)
    [directive] = find_python_directives("n.ipynb", notebook)
    # Line 7 of the file holds `"# amlarc-lint: ...\n",`; the next source line is line 8.
    assert notebook.splitlines()[6].strip() == '"# amlarc-lint: ignore[AML501]\\n",'
    assert (directive.span, directive.rule_ids, directive.target_line) == (
        Span(7, 6, 7, 35), ("AML501",), 8
    )


def test_a_broken_notebook_or_no_marker_has_no_directive() -> None:
    assert find_python_directives("n.ipynb", "{ amlarc-lint: broken") == []
    assert find_python_directives("a.py", "x = 1  # amlarc lint: ignore\n") == []
