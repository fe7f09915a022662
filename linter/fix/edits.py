"""A fix (`linter.core.fixes`) as exact text edits on one YAML document, plus what the document's
data must become; the bytes outside the edits are never touched.

Supported layouts (anything else raises `Unfixable`, and the finding simply stays):
- ReplaceScalar: any scalar, with a one-line replacement.
- MoveEntry: the entry sits on its own lines in a block mapping; the target mapping is a
  block mapping (the entry is appended with the target's indentation), a flow mapping on one
  line, or absent (created as a sibling key right after the source mapping, or, when it is a
  child of the source mapping, in the entry's place with the entry one level deeper). A
  source mapping left empty becomes `{}`, so the data stays exactly what was intended.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from linter.core import pointer as jp
from linter.core.fixes import MoveEntry, ReplaceScalar
from linter.core.span import Span
from linter.source.line_index import LineIndex
from linter.source.yaml_reader import SpanIndex, parse

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_MISSING: Any = object()


class Unfixable(Exception):
    """The fix cannot be written as an exact edit here."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str

    def overlaps(self, other: Edit) -> bool:
        return self.start == other.start or max(self.start, other.start) < min(self.end, other.end)


@dataclass(frozen=True)
class PlannedFix:
    edits: tuple[Edit, ...]
    intent: Callable[[Any], Any]  # document data -> the data the edits must produce


@dataclass(frozen=True)
class DocumentText:
    """One document of a file: the file's text and lines, the document's spans and data."""

    lines: LineIndex
    spans: SpanIndex
    data: Any

    @property
    def text(self) -> str:
        return self.lines.text

    def offset(self, span: Span, end: bool = False) -> int:
        if end:
            return self.lines.offset(span.end_line, span.end_col)
        return self.lines.offset(span.start_line, span.start_col)

    def indent_of(self, span: Span) -> str:
        """The whitespace before `span` on its line; Unfixable when other text is there."""
        before = self.text[self.lines.start(span.start_line) : self.offset(span)]
        if before.strip():
            raise Unfixable("the entry does not start its line (a flow mapping or a list item)")
        return before

    def newline(self, line: int) -> str:
        return self.lines.newline(line) or self.lines.newline(1) or "\n"


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with the (non-overlapping) edits made."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def plan(fix: Any, document: DocumentText) -> PlannedFix:
    if isinstance(fix, ReplaceScalar):
        return _replace_scalar(fix, document)
    if isinstance(fix, MoveEntry):
        return _move_entry(fix, document)
    raise Unfixable(f"unknown fix {type(fix).__name__}")


def _replace_scalar(fix: ReplaceScalar, document: DocumentText) -> PlannedFix:
    span = document.spans.values.get(fix.pointer)
    if fix.pointer not in document.spans.scalars or span is None:
        raise Unfixable("the value is not a scalar")
    value = scalar_value(fix.new_text)
    edit = Edit(document.offset(span), document.offset(span, end=True), fix.new_text)
    return PlannedFix((edit,), lambda data: _set(data, fix.pointer, value))


def scalar_value(text: str) -> Any:
    """What a one-line scalar's YAML text means (YAML 1.1, as the linter reads files)."""
    if not text or any(c in text for c in "\r\n\x85\u2028\u2029"):
        raise Unfixable("the replacement is not one line of text")
    parsed = parse(text)
    if parsed.problems or len(parsed.documents) != 1:
        raise Unfixable("the replacement is not a YAML scalar")
    built = parsed.documents[0].build()
    if built.problems or isinstance(built.data, dict | list):
        raise Unfixable("the replacement is not a YAML scalar")
    return built.data


def _move_entry(fix: MoveEntry, document: DocumentText) -> PlannedFix:
    source, target = fix.source_pointer, fix.target_mapping_pointer
    key, mapping = jp.last(source), jp.parent(source)
    source_mapping = _get(document.data, mapping)
    target_mapping = _get(document.data, target)
    if not isinstance(source_mapping, dict) or key not in source_mapping or source == target:
        raise Unfixable("the entry to move is not in a mapping")
    if target_mapping is not _MISSING and (
        not isinstance(target_mapping, dict) or key in target_mapping
    ):
        raise Unfixable("the target is not a mapping without that key")
    key_span, value_span = document.spans.keys.get(source), document.spans.values.get(source)
    if key_span is None or value_span is None:
        raise Unfixable("the entry has no position")
    first, last = key_span.start_line, value_span.end_line
    indent = document.indent_of(key_span)
    tail = document.text[document.offset(value_span, end=True) : document.lines.end(last)]
    if tail.strip() and not tail.strip().startswith("#"):
        raise Unfixable("the entry shares its last line with other text")
    entry = [document.lines.line(n) for n in range(first, last + 1)]
    if target_mapping is _MISSING and jp.parent(target) == mapping:
        edits = [_nest_in_new_mapping(document, first, last, indent, jp.last(target), entry)]
    else:
        edits = [_remove_lines(document.lines, first, last)]
        if len(source_mapping) == 1:
            edits.append(_empty_mapping(document, mapping))
        if target_mapping is _MISSING:
            edits.append(_new_mapping(document, mapping, target, entry))
        elif document.text.startswith("{", document.offset(document.spans.values[target])):
            edits += _into_flow(document, target, key_span, value_span, tail.strip())
        else:
            edits.append(_into_block(document, target, entry, indent))

    def intent(data: Any) -> Any:
        value = _get(data, mapping).pop(key)
        if _get(data, target) is _MISSING:
            _get(data, jp.parent(target))[jp.last(target)] = {}
        _get(data, target)[key] = value
        return data

    return PlannedFix(tuple(edits), intent)


def _remove_lines(lines: LineIndex, first: int, last: int) -> Edit:
    if lines.newline(last):
        return Edit(lines.start(first), lines.next_start(last), "")
    # The last line of a file without a final line break: take the break before it instead.
    start = lines.end(first - 1) if first > 1 else lines.start(first)
    return Edit(start, lines.end(last), "")


def _empty_mapping(document: DocumentText, mapping: str) -> Edit:
    """`requests:` whose only entry leaves becomes `requests: {}` (an empty mapping, not null)."""
    key_span = document.spans.keys.get(mapping)
    if key_span is None:
        raise Unfixable("the emptied mapping has no key to write {} after")
    after_key = document.offset(key_span, end=True)
    line_end = document.lines.end(key_span.end_line)
    colon = re.compile(r"[ \t]*:").match(document.text, after_key, line_end)
    if colon is None:
        raise Unfixable("no `:` after the emptied mapping's key")
    return Edit(colon.end(), colon.end(), " {}")


def _insert_after_line(document: DocumentText, line: int, new_lines: list[str]) -> Edit:
    newline = document.newline(line)
    if document.lines.newline(line):
        at = document.lines.next_start(line)
        return Edit(at, at, "".join(text + newline for text in new_lines))
    at = document.lines.end(line)
    return Edit(at, at, "".join(newline + text for text in new_lines))


def _reindent(entry: list[str], old: str, new: str) -> list[str]:
    return [new + line[len(old) :] if line.startswith(old) else line for line in entry]


def _into_block(document: DocumentText, target: str, entry: list[str], indent: str) -> Edit:
    children = [jp.join(target, name) for name in _get(document.data, target)]
    key_spans = [document.spans.keys[c] for c in children if c in document.spans.keys]
    if not key_spans:
        raise Unfixable("the target mapping has no positions")
    target_indent = document.indent_of(key_spans[0])
    last = max(document.spans.values[c].end_line for c in children if c in document.spans.values)
    return _insert_after_line(document, last, _reindent(entry, indent, target_indent))


def _into_flow(
    document: DocumentText, target: str, key_span: Span, value_span: Span, comment: str
) -> list[Edit]:
    """`key: value` appended inside a one-line flow mapping; the entry's comment, if any, moves
    to the end of that line (when the line has no comment of its own)."""
    span = document.spans.values[target]
    if span.start_line != span.end_line or key_span.start_line != value_span.end_line:
        raise Unfixable("a flow mapping or an entry over several lines")
    inner = document.text[document.offset(span) + 1 : document.offset(span, end=True) - 1]
    key_text = document.text[document.offset(key_span) : document.offset(key_span, end=True)]
    value_text = document.text[document.offset(value_span) : document.offset(value_span, end=True)]
    separator = ", " if inner.strip() and not inner.rstrip().endswith(",") else ""
    close = document.offset(span, end=True) - 1
    edits = [Edit(close, close, f"{separator}{key_text}: {value_text}")]
    if comment:
        line_end = document.lines.end(span.end_line)
        if document.text[document.offset(span, end=True) : line_end].strip():
            raise Unfixable("the entry's comment has no place on the target's line")
        edits.append(Edit(line_end, line_end, f"  {comment}"))
    return edits


def _new_mapping(document: DocumentText, mapping: str, target: str, entry: list[str]) -> Edit:
    """`limits:` created right after its sibling `requests`, the entry at the same depth."""
    name = jp.last(target)
    mapping_key = document.spans.keys.get(mapping)
    if (
        jp.parent(mapping) != jp.parent(target)
        or not isinstance(_get(document.data, jp.parent(target)), dict)
        or mapping_key is None
        or not _PLAIN_KEY.fullmatch(name)
    ):
        raise Unfixable("the target mapping is absent and not a sibling of the source")
    mapping_indent = document.indent_of(mapping_key)
    end_line = document.spans.values[mapping].end_line
    return _insert_after_line(document, end_line, [f"{mapping_indent}{name}:", *entry])


def _nest_in_new_mapping(
    document: DocumentText, first: int, last: int, indent: str, name: str, entry: list[str]
) -> Edit:
    """`resources:` written in place of the entry (lines `first` to `last`), which moves one
    level deeper under it: `instance_type: x` -> `resources:` / `  instance_type: x`."""
    if not _PLAIN_KEY.fullmatch(name):
        raise Unfixable("the new mapping's key would need quotes")
    lines = [f"{indent}{name}:", *_reindent(entry, indent, indent + "  ")]
    text = document.newline(first).join(lines)
    return Edit(document.lines.start(first), document.lines.end(last), text)


def _get(data: Any, pointer: str) -> Any:
    return jp.resolve(data, pointer, _MISSING)


def _set(data: Any, pointer: str, value: Any) -> Any:
    if not pointer:
        return value
    parent, token = _get(data, jp.parent(pointer)), jp.last(pointer)
    parent[int(token) if isinstance(parent, list) else token] = value
    return data
