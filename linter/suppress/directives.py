"""Inline suppression comments, read from real YAML comments:

    cpu: 1  # amlarc-lint: ignore[AML204]        the finding(s) on this line
    cpu: 1  # amlarc-lint: ignore[quoting]       the same, by the rule's name
    # amlarc-lint: ignore[AML201,AML204]         alone on a line: also the next line
    # amlarc-lint: ignore                        every rule
    # amlarc-lint: ignore-file[AML302]           anywhere: the whole file

A `#` starts a comment only outside every token of the YAML scanner (quoted, plain and
block scalars, tags, anchors) and after whitespace or at the start of a line. libyaml's C
scanner (the one `linter.source.yaml_reader` parses with, so both agree on the grammar) gives the
exact start and end of every token at C speed; ruamel.yaml's round-trip scanner keeps the
comments themselves but is pure Python and ~10x slower, and only files that mention
`amlarc-lint:` are scanned at all. Where the scanner stops on a syntax error, no directive
is recognised until the next `---` / `...` line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, NamedTuple

import yaml

from linter.core.span import Span
from linter.source.line_index import LineIndex
from linter.source.text import MARKER

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMMENT = re.compile(r"#[ \t]*amlarc-lint:")
_DIRECTIVE = re.compile(r"[ \t]*(ignore-file|ignore)(?:\[([^\]]*)\])?(?=[ \t#]|$)")
_RULE_ID = re.compile(r"AML\d{3}")
_RULE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?=[ \t]|$)", re.M)
USAGE = (
    "write `# amlarc-lint: ignore[AML204]`, `# amlarc-lint: ignore` "
    "or `# amlarc-lint: ignore-file[AML204]`"
)


class Directive(NamedTuple):
    span: Span  # the comment, from `#` to the end of its text
    whole_file: bool
    rule_ids: tuple[str, ...] | None  # None: every rule
    target_line: int | None = None  # alone on its line: the line below it that it also covers
    problem: str = ""  # a malformed directive: what is wrong

    @property
    def line(self) -> int:
        return self.span.start_line

    def covers(self, rule_id: str, span: Span) -> bool:
        if self.problem or (self.rule_ids is not None and rule_id not in self.rule_ids):
            return False
        return (
            self.whole_file
            or span.start_line <= self.line <= span.end_line
            or self.target_line == span.start_line
        )


def find_directives(text: str) -> list[Directive]:
    if MARKER not in text:
        return []
    lines = LineIndex(text)
    hidden = _token_ranges(text)
    starts = [start for start, _ in hidden]
    found = []
    for match in _COMMENT.finditer(text):
        at = match.start()
        slot = bisect_right(starts, at) - 1
        if slot >= 0 and at < hidden[slot][1]:
            continue  # inside a scalar (or where the scanner could not tell)
        line = lines.line_of(at)
        before = text[lines.start(line) : at]
        if before and before[-1] not in " \t":
            continue  # `a#b` is not a comment
        found.append(directive_at(lines, line, at, match.end(), own_line=not before.strip()))
    return found


def directive_at(lines: LineIndex, line: int, at: int, body: int, own_line: bool) -> Directive:
    """The directive of the comment at offset `at` (its `#`), whose text after the marker
    starts at `body` (also for the Python front end's comments)."""
    comment_end = lines.start(line) + len(lines.line(line).rstrip())
    start_col = at - lines.start(line) + 1
    span = Span(line, start_col, line, comment_end - lines.start(line) + 1)
    target = _next_content_line(lines, line) if own_line else None
    parsed = _DIRECTIVE.match(lines.text, body, lines.end(line))
    if parsed is None:
        return Directive(
            span=span,
            whole_file=False,
            rule_ids=None,
            target_line=target,
            problem=f"not a valid amlarc-lint directive; {USAGE}",
        )
    whole_file = parsed[1] == "ignore-file"
    if parsed[2] is None:
        return Directive(span=span, whole_file=whole_file, rule_ids=None, target_line=target)
    ids = tuple(_rule_id(part.strip()) for part in parsed[2].split(","))
    return Directive(
        span=span, whole_file=whole_file, rule_ids=ids, target_line=target,
        problem=_id_list_problem(ids),
    )


def _id_list_problem(ids: tuple[str, ...]) -> str:
    """What is wrong with the ids of an `ignore[...]` ("" when nothing is)."""
    unknown = [name for name in ids if _RULE_NAME.fullmatch(name)]
    if unknown:
        return (
            f'"{unknown[0]}" is not the name of a rule; see `amlarc-lint rules` for the names '
            "and ids"
        )
    wrong = [rule_id for rule_id in ids if not _RULE_ID.fullmatch(rule_id)]
    if wrong:
        return (
            f'"{wrong[0]}" is not a rule id; list full ids separated by commas, '
            "as in `ignore[AML201,AML204]`"
        )
    return ""


def _rule_id(written: str) -> str:
    """A rule's id for its id or its name (`exceeds-instance-type` → `AML403`); anything else
    as written."""
    if not _RULE_NAME.fullmatch(written):
        return written
    from linter.engine.registry import rules_by_name

    rule = rules_by_name().get(written)
    return rule.id if rule is not None else written


def _next_content_line(lines: LineIndex, line: int) -> int | None:
    """The line an own-line comment sits above: comment lines in between are skipped, a
    blank line ends the search."""
    for number in range(line + 1, lines.line_count + 1):
        text = lines.line(number).strip()
        if not text:
            return None
        if not text.startswith("#"):
            return number
    return None


def _token_ranges(text: str) -> list[tuple[int, int]]:
    """Sorted [start, end) offsets where a `#` is not a comment: every token, and each stretch
    from the last token before a scanner error to the next document marker."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    while offset <= len(text):
        failed_at = _scan(text[offset:], offset, ranges)
        if failed_at is None:
            break
        marker = _DOCUMENT_MARK.search(text, failed_at + 1)
        resume = marker.start() if marker else len(text) + 1
        ranges.append((failed_at, resume))
        offset = resume
    return sorted(ranges)


def _scan(text: str, offset: int, ranges: list[tuple[int, int]]) -> int | None:
    """Add the token ranges of `text`; on a scanner error, where the trusted part ends."""
    loader = _Loader(text)
    last = offset
    try:
        while loader.check_token():
            token = loader.get_token()
            start, end = token.start_mark.index + offset, token.end_mark.index + offset
            if end > start:
                ranges.append((start, end))
            last = end
        return None
    except yaml.YAMLError:
        return last  # what follows the last whole token is unknown ground
    finally:
        loader.dispose()
