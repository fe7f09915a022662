"""Inline suppression comments in Python files and notebooks: the same directives as in
YAML (`# amlarc-lint: ignore[AML501]` on a line of the finding, or alone on the line above
it; `# amlarc-lint: ignore-file[...]` anywhere), read from real Python comments (the
tokenizer's, so a `#` inside a string is not one). In a notebook the comments are read from
the code cells and located in the `.ipynb` file, where the findings are.
"""

from __future__ import annotations

import io
import tokenize

from linter.source.line_index import LineIndex
from linter.source.python_text import NotebookError, python_text
from linter.source.text import MARKER
from linter.suppress.directives import Directive, directive_at


def find_python_directives(path: str, text: str) -> list[Directive]:
    if MARKER not in text:
        return []
    try:
        source = python_text(path, text)
    except NotebookError:
        return []
    lines = LineIndex(source.text)
    found = []
    for line, col, own_line in _comments(source.text):
        if MARKER not in lines.line(line)[col:]:
            continue
        at = lines.offset(line, col + 1)
        body = lines.text.find(MARKER, at) + len(MARKER)
        if lines.text[at + 1 : body - len(MARKER)].strip(" \t"):
            continue  # `# see amlarc-lint: ...` is not a directive
        directive = directive_at(lines, line, at, body, own_line)
        if source.is_notebook:
            span = directive.span
            start = source.to_file(span.start_line, span.start_col)
            end = source.to_file(span.end_line, span.end_col)
            target = directive.target_line
            mapped = source.to_file(target, 1)[0] if target is not None else None
            directive = directive._replace(span=type(span)(*start, *end), target_line=mapped)
        found.append(directive)
    return found


def _comments(text: str) -> list[tuple[int, int, bool]]:
    """(line, 0-based column, alone on its line) of each comment, as far as the text
    tokenizes."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                line, col = token.start
                found.append((line, col, not token.line[:col].strip()))
    except (tokenize.TokenError, SyntaxError):
        pass
    return found
