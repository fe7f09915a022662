"""The Python front end: a `.py` file or a notebook -> its text as Python reads it, parsed with
the standard library's `ast` (user code is never imported or run); a notebook's cells one by
one. `linter.source.python_documents` turns the tree into documents;
`linter.engine.check_python` checks them.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from itertools import pairwise

from linter.core.span import Span
from linter.source.python_text import NotebookError, PythonText, python_text
from linter.source.text import UnreadableFile


def decode_python(path: str, data: bytes) -> str:
    """A `.py` file's text as Python reads it (BOM, `# -*- coding -*-`); a notebook's as
    JSON (UTF-8)."""
    try:
        if path.endswith(".ipynb"):
            return data.decode("utf-8-sig")
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"cannot decode the file as Python source: {exc}") from exc
    return text.removeprefix("\ufeff") if encoding == "utf-8-sig" else text


def parse_python(path: str, text: str) -> tuple[PythonText | None, ast.Module | None,
                                                 list[tuple[Span, str]]]:
    """The Python text, its tree (None when nothing parsed) and the syntax problems, each at
    its file span. A notebook's cells parse one by one: a broken cell is reported and the
    others are still read, as one module in cell order."""
    try:
        source = python_text(path, text)
    except NotebookError as exc:
        return None, None, [(exc.span, str(exc))]
    if not source.is_notebook:
        tree, problem = _parse(source.text)
        problems = [] if problem is None else [(_problem_span(source, problem, 0), problem.msg)]
        return source, tree, problems
    lines = source.text.split("\n")
    body: list[ast.stmt] = []
    problems = []
    starts = [*source.cell_starts, (0, len(lines) + 2)]
    for (cell, first), (_, after) in pairwise(starts):
        cell_text = "\n".join(lines[first - 1 : after - 2])
        tree, problem = _parse(cell_text)
        if problem is not None and _AUTOMAGIC.search(cell_text):
            tree, problem = _parse(_without_automagic(cell_text))
        if problem is not None:
            span = _problem_span(source, problem, first - 1)
            problems.append((span, f"cell {cell}: {problem.msg}"))
            continue
        assert tree is not None
        ast.increment_lineno(tree, first - 1)
        body += tree.body
    return source, ast.Module(body=body, type_ignores=[]), problems


# IPython runs a line such as `pip install x` or `cd data` as a magic (automagic is on by
# default): a line that starts with one of its line magics or shell aliases and is not
# Python on its own.
_MAGICS = (
    "alias|autoawait|autocall|automagic|bookmark|cat|cd|clear|colors|conda|config|cp|debug|"
    "dhist|dirs|env|gui|hist|history|ldir|less|lf|lk|ll|load|load_ext|loadpy|logstart|"
    "logstop|ls|lsmagic|lx|macro|magic|man|matplotlib|mkdir|more|mv|page|pdb|pip|popd|"
    "pprint|precision|prun|psearch|pushd|pwd|pycat|pylab|rehashx|reload_ext|rerun|reset|rm|"
    "rmdir|run|save|sc|set_env|store|sx|system|tb|time|timeit|unalias|who|whos|xdel|xmode"
)
_AUTOMAGIC = re.compile(rf"^[ \t]*(?:{_MAGICS})[ \t]+[^=\s(]", re.M)


def _without_automagic(text: str) -> str:
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _AUTOMAGIC.match(line) and _parse(line.strip())[1] is not None:
            lines[number] = ""
    return "\n".join(lines)


def _parse(text: str) -> tuple[ast.Module | None, SyntaxError | None]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like are not ours
            return ast.parse(text), None
    except SyntaxError as exc:
        return None, exc
    except (ValueError, RecursionError, MemoryError) as exc:
        return None, SyntaxError(f"cannot be parsed: {type(exc).__name__}: {exc}")


def _problem_span(source: PythonText, problem: SyntaxError, line_offset: int) -> Span:
    line = (problem.lineno or 1) + line_offset
    col = max(problem.offset or 1, 1)
    lines = source.text.split("\n")
    if line > len(lines):
        line, col = len(lines), len(lines[-1]) + 1
    text = lines[line - 1]
    # `offset` counts characters from 1 (Python >= 3.10); keep it on the line.
    col = min(col, len(text) + 1)
    start = source.to_file(line, col)
    end = source.to_file(line, min(col + 1, len(text) + 1)) if col <= len(text) else start
    return Span(*start, *end) if end != start else Span.point(*start)
