"""YAML text -> documents of plain data with a span for every key and value.

The reader of documents (directives.py scans comment tokens, scalar_text.py checks that a
fix's text reads back; neither builds documents). It composes with libyaml (PyYAML's C
composer: start and end marks on every node, ~4x the speed of ruamel.yaml's C composer
here, see benchmarks/parsers.py) and resolves scalars as YAML 1.1, the way kubectl and
azure-ai-ml read them. Tags are never constructed: an unknown tag, and a value PyYAML's safe
loader would fail on (`!!int x`, `!!str` on a mapping, a merge of a scalar), is recorded as a
problem and its node kept as plain data (a scalar as its text).
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import yaml

from linter.core import pointer as jp
from linter.core.span import Span
from linter.source.line_index import yaml_lines

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD = "tag:yaml.org,2002:"
_STR_TAG, _MAP_TAG, _SEQ_TAG = _STD + "str", _STD + "map", _STD + "seq"
_ScalarNode = yaml.ScalarNode
_RESOLVER = yaml.resolver.Resolver()  # the safe loaders' resolver: no path resolvers


@functools.lru_cache(maxsize=100_000)
def _plain_tag(value: str) -> str:
    """A plain scalar's YAML 1.1 tag, which depends on its text alone. The C composer asks the
    Python resolver about every scalar (a regex walk each time); texts repeat across files."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


class _Loader(_BaseLoader):
    """The safe loader, with plain scalars resolved through the memo above. The C composer
    calls these three for every node; the safe loaders have no path resolvers, so what the
    base class works out each time is a constant here."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode:
            return _plain_tag(value) if implicit[0] else _STR_TAG
        return _MAP_TAG if kind is yaml.MappingNode else _SEQ_TAG

    # Builtins, which do not bind to the instance: no Python frame per node.
    descend_resolver = operator.is_  # (node, index) -> ignored
    ascend_resolver = tuple  # () -> ignored

_CONSTRUCTOR = yaml.constructor.SafeConstructor()

# Limits that bound what a hostile file can cost (each is an AML005 finding when exceeded).
MAX_DEPTH = 200
MAX_NODES = 200_000  # per file as composed, and per document counting alias expansion
# Characters one of which every node but a line's first needs (a key's `:`, an item's `-` or
# `,`, a `[`/`{`, an explicit `?`): a cheap upper bound on a text's nodes.
_NODE_INDICATORS = (",", ":", "-", "?", "[", "{")

def _timestamp_text(node: yaml.ScalarNode) -> str:
    _CONSTRUCTOR.construct_yaml_timestamp(node)  # raises where PyYAML's load would
    return str(node.value)


def _binary_text(node: yaml.ScalarNode) -> str:
    _CONSTRUCTOR.construct_yaml_binary(node)  # raises where PyYAML's load would
    return str(node.value)


# The scalar tags PyYAML's safe loader (so azure-ai-ml) constructs, as it constructs them,
# except that timestamps and binary stay text. Each raises where that loader would fail.
_SCALAR_VALUES: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    _STD + "null": lambda node: None,
    _STD + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _STD + "int": _CONSTRUCTOR.construct_yaml_int,
    _STD + "float": _CONSTRUCTOR.construct_yaml_float,
    _STR_TAG: lambda node: node.value,
    _STD + "timestamp": _timestamp_text,
    _STD + "binary": _binary_text,
}
_MAPPING_TAGS = {_MAP_TAG, _STD + "set"}
_SEQUENCE_TAGS = {_SEQ_TAG, _STD + "omap", _STD + "pairs"}
_PAIR_LIST_TAGS = {_STD + "omap", _STD + "pairs"}  # a list of one-key mappings
_MERGE_TAG = _STD + "merge"
_VALUE_TAG = _STD + "value"
_NODE_KINDS = {
    yaml.ScalarNode: "a scalar", yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"
}


# Built positionally, one per YAML scalar (`python -m timeit`: 0.29 us, 0.54 us by keyword).
class Scalar(NamedTuple):
    """A scalar as written: its text, quoting style and resolved YAML 1.1 type."""

    raw: str
    style: str | None
    type: str  # null, bool, int, float, str, timestamp, binary, or the unknown tag itself

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')


class SpanIndex(NamedTuple):
    """JSON pointer -> spans of the key and of the value; pointer -> scalar details."""

    values: dict[str, Span]
    keys: dict[str, Span]
    scalars: dict[str, Scalar]


class YamlProblem(NamedTuple):
    kind: str  # syntax, duplicate-key, tag (one PyYAML's safe loader cannot load), limit
    message: str
    span: Span
    pointer: str = ""


class YamlDocument(NamedTuple):
    index: int
    root: dict[str, Any] | None  # top-level keys with scalar values (collections as ...)
    start: Span
    node: Any  # as composed
    offset: int  # of its first line in the file (a document recovered from a broken file)
    lines: list[str]  # the whole file's `yaml_lines` (shared by its documents)

    def build(self) -> BuiltDocument:
        """Convert to plain data and spans (only for documents the linter cares about)."""
        return self.build_part(self.node, "")

    def build_part(self, node: Any, pointer: str) -> BuiltDocument:
        """One composed node of this document (found by walking `node`), as `build` makes it,
        its spans at `pointer`: a reader that needs a few parts of a large document (a node
        snapshot's labels, taints and allocatable) skips building the rest."""
        builder = _Builder(self.offset, self.lines)
        try:
            data = builder.build(node, pointer, 0)
        except _LimitExceeded as exc:
            return BuiltDocument(
                data=None,
                spans=builder.spans,
                problems=[*builder.problems, exc.problem],
                over_limit=True,
            )
        return BuiltDocument(
            data=data, spans=builder.spans, problems=builder.problems, over_limit=False
        )


class BuiltDocument(NamedTuple):
    data: Any
    spans: SpanIndex
    problems: list[YamlProblem]
    over_limit: bool


class ParsedYaml(NamedTuple):
    documents: list[YamlDocument]
    problems: list[YamlProblem]  # syntax errors, and a file over the node limit


class _LimitExceeded(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse(text: str, lines: list[str] | None = None, max_nodes: int = MAX_NODES) -> ParsedYaml:
    """Compose every document; on a syntax error, recover the documents around it. `lines`:
    the text's `yaml_lines`, when the caller has them already. `max_nodes`: a larger budget
    for a file the config names as data (a cluster's node snapshot).

    Composing costs memory per node, so a text that may hold more than MAX_NODES nodes is
    counted first (libyaml events, no nodes kept) and refused if it does.
    """
    lines = yaml_lines(text) if lines is None else lines
    documents: list[YamlDocument] = []
    over = _NodeBudget(max_nodes).admit(text, 0)
    if over is not None:
        return ParsedYaml(documents=documents, problems=[over])
    if _compose_into(text, 0, documents, lines) is None:
        return ParsedYaml(documents=documents, problems=[])
    documents.clear()
    problems: list[YamlProblem] = []
    budget = _NodeBudget(max_nodes)
    for chunk, offset in _document_chunks(lines):
        over = budget.admit(chunk, offset)
        if over is not None:
            problems.append(over)
            break
        chunk_error = _compose_into(chunk, offset, documents, lines)
        if chunk_error is not None:
            problems.append(chunk_error)
    return ParsedYaml(documents=documents, problems=problems)


class _NodeBudget:
    """MAX_NODES composed nodes for one file, spent text by text (recovery composes pieces)."""

    def __init__(self, limit: int) -> None:
        self.limit = self.left = limit

    def admit(self, text: str, offset: int) -> YamlProblem | None:
        estimate = 1 + text.count("\n") + 2 * sum(text.count(c) for c in _NODE_INDICATORS)
        if estimate > self.left:
            counted, mark = _count_nodes(text, self.left)
            if mark is not None:
                return YamlProblem(
                    kind="limit",
                    message=f"more than {self.limit:,} YAML nodes in this file; not linted",
                    span=_span(mark, mark, offset),
                )
            estimate = counted
        self.left -= max(estimate, 1)
        return None


def _count_nodes(text: str, limit: int) -> tuple[int, Any]:
    """Nodes in the text up to its first syntax error, and the mark of node `limit + 1`."""
    loader = _Loader(text)
    count = 0
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, _NODE_EVENTS):
                count += 1
                if count > limit:
                    return count, event.start_mark
    except yaml.YAMLError:
        pass  # composing reports it
    finally:
        loader.dispose()
    return count, None


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_LIBYAML_DEPTH = "exceeded maximum nesting depth"


def _compose_into(
    text: str, offset: int, documents: list[YamlDocument], lines: list[str]
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
                    node=node,
                    offset=offset,
                    lines=lines,
                )
            )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line, mark.column) if mark else (0, 0)
        span = Span.point(line + 1 + offset, col + 1)
        if exc.problem and _LIBYAML_DEPTH in exc.problem:
            return YamlProblem(
                kind="limit", message=f"nesting deeper than {MAX_DEPTH} levels", span=span
            )
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{exc.context}: {message}"
        return YamlProblem(kind="syntax", message=message, span=span)
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return YamlProblem(
            kind="syntax", message=exc.reason, span=Span.point(line + 1 + offset, col + 1)
        )
    except yaml.YAMLError as exc:  # any other libyaml complaint, unlocated
        return YamlProblem(
            kind="syntax", message=str(exc).splitlines()[0], span=Span.point(1 + offset, 1)
        )
    except RecursionError:  # the pure-Python composer (no libyaml) on deep nesting
        message = f"nesting too deep to read (the limit is {MAX_DEPTH} levels)"
        return YamlProblem(kind="limit", message=message, span=Span.point(1 + offset, 1))
    finally:
        loader.dispose()


def _document_chunks(lines: list[str]) -> Iterator[tuple[str, int]]:
    """Split at `---` / `...` lines so one broken document does not hide the others."""
    start = 0
    for number, line in enumerate(lines):
        if (
            number > start
            and (line.startswith("---") or line.startswith("..."))
            and (len(line) == 3 or line[3] in " \t\r")
        ):
            yield "\n".join(lines[start:number]), start
            start = number
    yield "\n".join(lines[start:]), start


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = yaml_lines(text[:position])
    return len(before) - 1, len(before[-1])


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
            root[key.value] = scalar_value(value)[0]
        else:
            root[key.value] = ...
    return root


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag


def scalar_value(node: yaml.ScalarNode) -> tuple[Any, str, str | None]:
    """A scalar's value and type as PyYAML's safe loader reads it, and, where that loader
    (so azure-ai-ml) would fail on it, why: then the value is the text as written and the
    type is "str" (or, for a tag the reader does not know, the tag)."""
    tag = node.tag
    convert = _SCALAR_VALUES.get(tag)
    if convert is None:
        return node.value, tag, _tag_problem(node)
    try:
        return convert(node), tag[len(_STD) :], None
    except Exception:  # each constructor fails its own way: KeyError, IndexError, ValueError...
        name = _short_tag(tag)
        return (
            node.value,
            "str",
            (
                f'"{node.value}" is not a valid {name} value, so PyYAML (and so az ml) cannot load '
                f"it: write a valid {name[2:]}, or quote the text and drop the tag"
            ),
        )


def _tag_problem(node: Any) -> str:
    """Why a tag cannot apply to this node: unknown, or standard but for another kind."""
    tag, kind = node.tag, _NODE_KINDS[type(node)]
    key = {_VALUE_TAG: "=", _MERGE_TAG: "<<"}.get(tag)
    if key is not None and node.value == key:
        return (
            f'"{key}" here is YAML 1.1\'s {tag[len(_STD) :]} key, which PyYAML (and so az ml) '
            f'cannot load: quote it ("{key}")'
        )
    wanted = (
        f'a "{key}" key'
        if key is not None
        else "a scalar"
        if tag in _SCALAR_VALUES
        else "a mapping"
        if tag in _MAPPING_TAGS
        else "a list"
        if tag in _SEQUENCE_TAGS
        else None
    )
    if wanted is not None:
        return (
            f'tag "{_short_tag(tag)}" needs {wanted}, not {kind}, so PyYAML (and so az ml) '
            "cannot load it: drop the tag"
        )
    return (
        f'tag "{_short_tag(tag)}" is not a standard YAML tag; Azure ML and kubectl load YAML '
        "safely and reject it (it is never constructed here)"
    )


class _Builder:
    """Plain data and spans from composed nodes. This runs once per node of every document
    linted, so its hot paths (scalars, block mappings) inline what helpers would do."""

    def __init__(self, offset: int, lines: list[str]) -> None:
        self.offset = offset
        self.lines = lines
        self.spans = SpanIndex(values={}, keys={}, scalars={})
        self.problems: list[YamlProblem] = []
        self.nodes = 0

    def build(self, node: Any, pointer: str, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _LimitExceeded(
                YamlProblem(
                    kind="limit",
                    message=f"document expands to more than {MAX_NODES:,} nodes (alias expansion?)",
                    span=self.span_of(node),
                    pointer=pointer,
                )
            )
        if depth > MAX_DEPTH:
            raise _LimitExceeded(
                YamlProblem(
                    kind="limit",
                    message=f"nesting deeper than {MAX_DEPTH} levels",
                    span=self.span_of(node),
                )
            )
        if type(node) is _ScalarNode:
            return self.scalar(node, pointer)
        tag = node.tag
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ_TAG:
                self.check_sequence_tag(node, pointer)
            return self.sequence(node, pointer, depth)
        if tag not in _MAPPING_TAGS:
            self.tag_problem(pointer, node, _tag_problem(node))
        return self.mapping(node, pointer, depth)

    def scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        self.spans.values[pointer] = self.span_of(node)
        tag = node.tag
        if tag == _STR_TAG:
            value: Any = node.value
            kind = "str"
        else:
            value, kind, problem = scalar_value(node)
            if problem is not None:
                self.tag_problem(pointer, node, problem)
        self.spans.scalars[pointer] = Scalar(node.value, node.style, kind)
        return value

    def sequence(self, node: yaml.SequenceNode, pointer: str, depth: int) -> list[Any]:
        values = self.spans.values
        items: list[Any] = []
        end = (0, 0)
        for number, item in enumerate(node.value):
            child = f"{pointer}/{number}"
            items.append(self.build(item, child, depth + 1))
            span = values[child]
            end = max(end, (span.end_line, span.end_col))
        values[pointer] = self.collection_span(node, end)
        return items

    def mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merges: list[Any] = []
        values, keys = self.spans.values, self.spans.keys
        end = (0, 0)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            plain = type(key_node) is _ScalarNode
            key = key_node.value if plain else self.key_text(key_node, depth)
            if plain and key_node.tag != _STR_TAG:
                self.check_key(key_node, pointer)
            # `jp.join`, inlined for the common key: this loop sees every key of every document.
            escaped = "/" in key or "~" in key
            child = jp.join(pointer, key) if escaped else f"{pointer}/{key}"
            if key in result:
                self.problems.append(
                    YamlProblem(
                        kind="duplicate-key",
                        message=f'duplicate key "{key}": it was already set on line '
                        f"{keys[child].start_line}; the last value wins",
                        span=self.span_of(key_node),
                        pointer=child,
                    )
                )
                self.spans.scalars.pop(child, None)
                self._forget(child, result[key])
            key_span = keys[child] = self.span_of(key_node)
            result[key] = self.build(value_node, child, depth + 1)
            value_span = values[child]
            end = max(
                end,
                (key_span.end_line, key_span.end_col),
                (value_span.end_line, value_span.end_col),
            )
        for key_node, value_node in self.merged_pairs(node, merges, pointer):
            key = self.key_text(key_node, depth)
            if key not in result:
                child = jp.join(pointer, key)
                keys[child] = self.span_of(key_node)
                result[key] = self.build(value_node, child, depth + 1)
        values[pointer] = self.collection_span(node, end)
        return result

    def merged_pairs(self, node: Any, sources: list[Any], pointer: str) -> list[tuple[Any, Any]]:
        """The key and value nodes `<<` merges into `node`, earlier ones first (the first
        wins), as PyYAML flattens them: a merged mapping's own merges come after its keys.
        Each mapping is merged once (a repeat adds nothing), so neither a mapping that merges
        itself nor merges of merges of the same mapping cost more than their size."""
        seen = {id(node)}
        pairs: list[tuple[Any, Any]] = []
        pending = [(source, True) for source in reversed(sources)]  # (node, may be a list)
        while pending:
            source, may_be_list = pending.pop()
            if may_be_list and isinstance(source, yaml.SequenceNode):
                pending += [(item, False) for item in reversed(source.value)]
            elif not isinstance(source, yaml.MappingNode):
                self.tag_problem(
                    pointer,
                    source,
                    (
                        "`<<` merges a mapping or a list of mappings, so PyYAML (and so az ml) "
                        f"cannot load this {_NODE_KINDS[type(source)][2:]}: quote the key "
                        '("<<") or merge a mapping'
                    ),
                )
            elif id(source) not in seen:
                seen.add(id(source))
                pairs += [(k, v) for k, v in source.value if k.tag != _MERGE_TAG]
                pending += [(v, True) for k, v in reversed(source.value) if k.tag == _MERGE_TAG]
        return pairs

    def check_key(self, node: yaml.ScalarNode, pointer: str) -> None:
        """A key PyYAML's safe loader cannot construct (`!!int x: 1`; it reads `=: 1` as
        the text "=")."""
        problem = scalar_value(node)[2]
        if problem is not None and node.tag != _VALUE_TAG:
            self.tag_problem(jp.join(pointer, node.value), node, problem)

    def _forget(self, pointer: str, stale: Any) -> None:
        """Drop the spans under a duplicate key's first value (the last one wins), walking
        that value's own data so the cost stays linear in its size."""
        if isinstance(stale, dict):
            children = [(jp.join(pointer, key), value) for key, value in stale.items()]
        elif isinstance(stale, list):
            children = [(jp.join(pointer, i), value) for i, value in enumerate(stale)]
        else:
            return
        for child, value in children:
            for table in (self.spans.values, self.spans.keys, self.spans.scalars):
                table.pop(child, None)
            self._forget(child, value)

    def key_text(self, node: Any, depth: int) -> str:
        """A key as text; a collection key (`? [a, b]`) as JSON, within this document's limits."""
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        self.problems.append(
            YamlProblem(
                kind="syntax",
                message="a mapping key that is itself a mapping or a list, which PyYAML "
                "(and so az ml) cannot load; an unquoted {{ template }} is read as nested "
                "mappings: quote it",
                span=self.span_of(node),
            )
        )
        keys = _Builder(self.offset, self.lines)
        keys.nodes = self.nodes
        try:
            data = keys.build(node, "", depth + 1)
        finally:
            self.nodes = keys.nodes
        return json.dumps(data, sort_keys=True)

    def tag_problem(self, pointer: str, node: Any, message: str) -> None:
        self.problems.append(
            YamlProblem(kind="tag", message=message, span=self.span_of(node), pointer=pointer)
        )

    def check_sequence_tag(self, node: yaml.SequenceNode, pointer: str) -> None:
        """A list's tag: `!!seq`, or `!!omap`/`!!pairs` over one-key mappings."""
        tag = node.tag
        if tag not in _SEQUENCE_TAGS:
            self.tag_problem(pointer, node, _tag_problem(node))
        elif tag in _PAIR_LIST_TAGS:
            for item in node.value:
                if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
                    self.tag_problem(
                        pointer,
                        item,
                        (
                            f'each item of a "{_short_tag(tag)}" list must be a mapping of one '
                            "key, so PyYAML (and so az ml) cannot load this one"
                        ),
                    )

    def span_of(self, node: Any) -> Span:
        start, end = node.start_mark, node.end_mark
        if end.column == 0 and end.line > start.line and type(node) is _ScalarNode:
            return self.trim_trailing_lines(start, end.line)
        offset = self.offset + 1
        return Span(start.line + offset, start.column + 1, end.line + offset, end.column + 1)

    def trim_trailing_lines(self, start: Any, end_line: int) -> Span:
        """Block scalars end after their last newline; end the span on the last text instead."""
        lines = self.lines
        line = min(end_line - 1, len(lines) - 1 - self.offset)
        while line > start.line and not lines[line + self.offset].strip():
            line -= 1
        text = lines[line + self.offset]
        first = start.line + 1 + self.offset
        return Span(first, start.column + 1, line + 1 + self.offset, len(text) + 1)

    def collection_span(self, node: Any, end: tuple[int, int]) -> Span:
        """A flow or empty collection as written; a block one up to its last child's end
        (`end`, the latest end of its children's keys and values), not the blank lines and
        comments after it that the composer counts in."""
        if node.flow_style or end == (0, 0):
            return _span(node.start_mark, node.end_mark, self.offset)
        return Span(node.start_mark.line + 1 + self.offset, node.start_mark.column + 1, *end)
