"""YAML text -> documents of plain data with a span for every key and value.

The one module that knows the YAML library. It composes with libyaml (PyYAML's C
composer: start and end marks on every node, ~3.5x ruamel.yaml's C composer here) and
resolves scalars as YAML 1.1, the way kubectl and azure-ai-ml read them. Tags are never
constructed: an unknown tag is recorded as a problem and its node kept as plain data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from linter import pointer as jp
from linter.span import Span

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

MAX_DEPTH = 200
MAX_NODES = 200_000  # per document, counting every node an alias expands to

_STD = "tag:yaml.org,2002:"
_SCALAR_VALUES: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _STD + "null": lambda node: None,
    _STD + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _STD + "int": _CONSTRUCTOR.construct_yaml_int,
    _STD + "float": _CONSTRUCTOR.construct_yaml_float,
    _STD + "str": lambda node: node.value,
    _STD + "timestamp": lambda node: node.value,
    _STD + "binary": lambda node: node.value,
    _STD + "value": lambda node: node.value,
}
_COLLECTION_TAGS = {_STD + name for name in ("map", "seq", "omap", "pairs", "set")}


@dataclass(frozen=True)
class Scalar:
    """A scalar as written: its text, quoting style and resolved YAML 1.1 type."""

    raw: str
    style: str | None
    type: str  # null, bool, int, float, str, timestamp, binary, or the unknown tag itself

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')


@dataclass
class SpanIndex:
    """JSON pointer -> spans of the key and of the value; pointer -> scalar details."""

    values: dict[str, Span] = field(default_factory=dict)
    keys: dict[str, Span] = field(default_factory=dict)
    scalars: dict[str, Scalar] = field(default_factory=dict)


@dataclass(frozen=True)
class YamlProblem:
    kind: str  # syntax, duplicate-key, unknown-tag, limit
    message: str
    span: Span
    pointer: str = ""


@dataclass
class YamlDocument:
    index: int
    root: dict[str, Any] | None  # top-level keys with scalar values (collections as ...)
    start: Span
    _node: Any = field(repr=False, default=None)
    _offset: int = 0
    _lines: Callable[[], list[str]] | None = field(repr=False, default=None)

    def build(self) -> BuiltDocument:
        """Convert to plain data and spans (only for documents the linter cares about)."""
        builder = _Builder(self._offset, self._lines or (lambda: []))
        try:
            data = builder.build(self._node, "", 0)
        except _LimitExceeded as exc:
            return BuiltDocument(None, builder.spans, [*builder.problems, exc.problem], True)
        return BuiltDocument(data, builder.spans, builder.problems, False)


@dataclass
class BuiltDocument:
    data: Any
    spans: SpanIndex
    problems: list[YamlProblem]
    over_limit: bool


@dataclass
class ParsedYaml:
    documents: list[YamlDocument]
    problems: list[YamlProblem]  # syntax errors


class _LimitExceeded(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse(text: str) -> ParsedYaml:
    """Compose every document; on a syntax error, recover the documents around it."""
    lines_cache: list[list[str]] = []

    def lines() -> list[str]:
        if not lines_cache:
            lines_cache.append(text.split("\n"))
        return lines_cache[0]

    documents: list[YamlDocument] = []
    error = _compose_into(text, 0, documents, lines)
    if error is None:
        return ParsedYaml(documents, [])
    documents.clear()
    problems: list[YamlProblem] = []
    for chunk, offset in _document_chunks(text):
        chunk_error = _compose_into(chunk, offset, documents, lines)
        if chunk_error is not None:
            problems.append(chunk_error)
    for number, document in enumerate(documents):
        document.index = number
    return ParsedYaml(documents, problems)


def _compose_into(
    text: str, offset: int, documents: list[YamlDocument], lines: Callable[[], list[str]]
) -> YamlProblem | None:
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            documents.append(
                YamlDocument(
                    index=len(documents),
                    root=_shallow_root(node),
                    start=_span(node.start_mark, node.start_mark, offset),
                    _node=node,
                    _offset=offset,
                    _lines=lines,
                )
            )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{exc.context}: {message}"
        return YamlProblem("syntax", message, Span.point(line + 1 + offset, col + 1))
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return YamlProblem("syntax", exc.reason, Span.point(line + 1 + offset, col + 1))
    except yaml.YAMLError as exc:  # any other libyaml complaint, unlocated
        return YamlProblem("syntax", str(exc).splitlines()[0], Span.point(1 + offset, 1))
    finally:
        loader.dispose()


def _document_chunks(text: str) -> Iterator[tuple[str, int]]:
    """Split at `---` / `...` lines so one broken document does not hide the others."""
    start = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if number > start and (line.startswith("---") or line.startswith("...")) and (
            len(line) == 3 or line[3] in " \t\r"
        ):
            yield "\n".join(lines[start:number]), start
            start = number
    yield "\n".join(lines[start:]), start


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    line = before.count("\n")
    return line, position - (before.rfind("\n") + 1)


def _span(start: Any, end: Any, offset: int) -> Span:
    return Span(start.line + 1 + offset, start.column + 1, end.line + 1 + offset, end.column + 1)


def _shallow_root(node: Any) -> dict[str, Any] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    root: dict[str, Any] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if isinstance(value, yaml.ScalarNode):
            convert = _SCALAR_VALUES.get(value.tag)
            root[key.value] = _safe_convert(convert, value) if convert else value.value
        else:
            root[key.value] = ...
    return root


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def _safe_convert(convert: Callable[[yaml.ScalarNode], Any], node: yaml.ScalarNode) -> Any:
    try:
        return convert(node)
    except (ValueError, TypeError, OverflowError):
        return node.value


class _Builder:
    def __init__(self, offset: int, lines: Callable[[], list[str]]) -> None:
        self.offset = offset
        self.lines = lines
        self.spans = SpanIndex()
        self.problems: list[YamlProblem] = []
        self.nodes = 0

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _LimitExceeded(
                YamlProblem(
                    "limit",
                    f"document expands to more than {MAX_NODES:,} nodes (alias expansion?)",
                    self.span_of(node),
                    pointer,
                )
            )
        if depth > MAX_DEPTH:
            raise _LimitExceeded(
                YamlProblem("limit", f"nesting deeper than {MAX_DEPTH} levels", self.span_of(node))
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pointer)
        if node.tag not in _COLLECTION_TAGS:
            self.unknown_tag(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            children = [jp.join(pointer, i) for i in range(len(node.value))]
            items = [self.build(item, child, depth + 1) for item, child in zip(node.value, children)]
            self.spans.values[pointer] = self.collection_span(node, children)
            return items
        return self.mapping(node, pointer, depth)

    def scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        self.spans.values[pointer] = self.span_of(node)
        convert = _SCALAR_VALUES.get(node.tag)
        if convert is None:
            self.unknown_tag(node, pointer)
            value: Any = node.value
            kind = node.tag
        else:
            value = _safe_convert(convert, node)
            kind = node.tag[len(_STD) :]
        self.spans.scalars[pointer] = Scalar(node.value, node.style, kind)
        return value

    def mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merges: list[Any] = []
        children: list[str] = []
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                merges.append(value_node)
                continue
            key = self.key_text(key_node)
            child = jp.join(pointer, key)
            if key in result:
                self.problems.append(
                    YamlProblem(
                        "duplicate-key",
                        f'duplicate key "{key}": it was already set on line '
                        f"{self.spans.keys[child].start_line}; the last value wins",
                        self.span_of(key_node),
                        child,
                    )
                )
                self._forget(child)
            self.spans.keys[child] = self.span_of(key_node)
            children.append(child)
            result[key] = self.build(value_node, child, depth + 1)
        for source in merges:
            for merged in source.value if isinstance(source, yaml.SequenceNode) else [source]:
                if isinstance(merged, yaml.MappingNode):
                    for key_node, value_node in merged.value:
                        key = self.key_text(key_node)
                        if key not in result:
                            child = jp.join(pointer, key)
                            self.spans.keys[child] = self.span_of(key_node)
                            result[key] = self.build(value_node, child, depth + 1)
        self.spans.values[pointer] = self.collection_span(node, children)
        return result

    def _forget(self, pointer: str) -> None:
        """Drop the spans of a duplicate key's first value (the last one wins)."""
        prefix = pointer + "/"
        for table in (self.spans.values, self.spans.keys, self.spans.scalars):
            for stale in [p for p in table if p.startswith(prefix)]:
                del table[stale]

    def key_text(self, node: Any) -> str:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return json.dumps(_Builder(self.offset, self.lines).build(node, "", 0), sort_keys=True)

    def unknown_tag(self, node: Any, pointer: str) -> None:
        self.problems.append(
            YamlProblem(
                "unknown-tag",
                f'tag "{_short_tag(node.tag)}" is not a standard YAML tag; Azure ML and kubectl load YAML '
                "safely and reject it (it is never constructed here)",
                self.span_of(node),
                pointer,
            )
        )

    def span_of(self, node: Any) -> Span:
        end = node.end_mark
        if (
            isinstance(node, yaml.ScalarNode)
            and end.column == 0
            and end.line > node.start_mark.line
        ):
            return self.trim_trailing_lines(node.start_mark, end.line)
        return _span(node.start_mark, end, self.offset)

    def trim_trailing_lines(self, start: Any, end_line: int) -> Span:
        """Block scalars end after their last newline; end the span on the last text instead."""
        lines = self.lines()
        line = end_line - 1
        while line > start.line and not lines[line + self.offset].strip():
            line -= 1
        text = lines[line + self.offset].rstrip("\r")
        return Span(start.line + 1 + self.offset, start.column + 1, line + 1 + self.offset, len(text) + 1)

    def collection_span(self, node: Any, children: list[str]) -> Span:
        if node.flow_style or not children:
            return _span(node.start_mark, node.end_mark, self.offset)
        ends = [self.spans.values[child] for child in children]
        ends += [self.spans.keys[child] for child in children if child in self.spans.keys]
        last = max((span.end_line, span.end_col) for span in ends)
        return Span(node.start_mark.line + 1 + self.offset, node.start_mark.column + 1, *last)
