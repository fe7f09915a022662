"""The files of a cluster kept in git, read into plain values with exact spans.

- Node snapshots: `kubectl get nodes -o yaml` as it prints it (a `List` of `Node`, each with
  managedFields, images and conditions), trimmed versions of it, single `Node` documents,
  or the same as JSON (`-o json`). Read with the project's YAML reader; of each node only
  the parts scheduling needs are built (name, labels, taints, `spec.unschedulable`,
  `status.allocatable`, the Ready condition), each with its span in the file.
- Node pools from the config (`node-pools`): what a snapshot cannot show (scaled to zero).
- The Azure ML extension's settings: the flat JSON map that `az k8s-extension show --query
  configurationSettings -o json` prints, with the span of each key and value.

A file that is not what it should be raises `SnapshotError` (a config error for the run).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from linter.core import pointer as jp
from linter.core.quantity import QuantityError, parse_quantity
from linter.core.span import Span
from linter.source.text import UnreadableFile, decode
from linter.source.yaml_reader import YamlDocument, parse

# A snapshot is data the config names, not a file to lint: larger than a linted file may be
# (a trimmed 5,000-node snapshot is ~150,000 lines), yet bounded.
MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
MAX_SNAPSHOT_NODES = 5_000_000
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_SCHEDULED = ("cpu", "memory", "nvidia.com/gpu")
_TAINT = re.compile(r"(?P<key>[^=:\s]+)(?:=(?P<value>[^:\s]*))?:(?P<effect>\w+)")


class SnapshotError(Exception):
    """A snapshot file that cannot be used; the message is one line (without the file name)."""


class Taint(NamedTuple):
    key: str
    value: str
    effect: str

    def __str__(self) -> str:
        value = f"={self.value}" if self.value else ""
        return f"{self.key}{value}:{self.effect}"


class ClusterNode(NamedTuple):
    """A node of the snapshot, or a node pool of the config (`pool`: one of its nodes)."""

    name: str
    path: str  # the snapshot file, or the config file for a pool
    labels: Mapping[str, str]
    taints: tuple[Taint, ...]
    allocatable: Mapping[str, str]  # resource -> quantity text
    ready: bool = True
    unschedulable: bool = False
    pool: bool = False
    min_count: int | None = None  # a pool's
    max_count: int | None = None
    # "name", "taints/<i>", "allocatable/<resource>", "ready", "unschedulable" -> where it is
    # written: a Span, or its four numbers as the cache stores them (`span` makes a Span of
    # the few a finding needs; a 5,000-node snapshot has ~25,000).
    spans: Mapping[str, Any] = MappingProxyType({})

    def span(self, where: str) -> Span | None:
        found = self.spans.get(where)
        if not isinstance(found, (list, tuple)) or len(found) != 4:
            return None  # absent, or damaged in the cache
        return Span(*found)

    @property
    def label(self) -> str:
        return f'node pool "{self.name}"' if self.pool else f'node "{self.name}"'


def nodes_as_json(nodes: Sequence[ClusterNode]) -> dict[str, Any]:
    """Snapshot nodes as the snapshot cache keeps them, made to decode fast: each distinct
    label once (nodes hold their labels' numbers), spans as one text per node (decoded
    only for the node a finding names). A 5,000-node snapshot: ~1 MB, ~20 ms to read."""
    pairs: dict[tuple[str, str], int] = {}
    rows = []
    for node in nodes:
        labels = [pairs.setdefault(pair, len(pairs)) for pair in node.labels.items()]
        spans = ";".join(
            f"{where}={','.join(map(str, span))}" for where, span in node.spans.items()
        )
        rows.append(
            [
                node.name,
                labels,
                [list(t) for t in node.taints],
                dict(node.allocatable),
                node.ready,
                node.unschedulable,
                spans,
            ]
        )
    return {"labels": [list(pair) for pair in pairs], "nodes": rows}


def nodes_from_json(path: str, stored: dict[str, Any]) -> list[ClusterNode]:
    """Nodes back from `nodes_as_json`; TypeError, ValueError or KeyError when it is not
    that (a damaged cache entry)."""
    pairs = [tuple(pair) for pair in stored["labels"]]
    if not all(len(p) == 2 and type(p[0]) is str and type(p[1]) is str for p in pairs):
        raise TypeError("not stored labels")
    nodes = []
    label_of = pairs.__getitem__
    for name, labels, taints, allocatable, ready, unschedulable, spans in stored["nodes"]:
        if type(name) is not str or type(allocatable) is not dict or type(spans) is not str:
            raise TypeError("not a stored node")
        nodes.append(
            ClusterNode(
                name=name,
                path=path,
                labels=dict(map(label_of, labels)),
                taints=tuple(Taint(key=k, value=v, effect=e) for k, v, e in taints)
                if taints
                else (),
                allocatable=allocatable,
                ready=ready is True,
                unschedulable=unschedulable is True,
                pool=False,
                min_count=None,
                max_count=None,
                spans=_LazySpans(spans),
            )
        )
    return nodes


class _LazySpans(Mapping[str, Any]):
    """A node's spans as the cache stores them (`where=l,c,l,c;...`), split when first read."""

    __slots__ = ("_parsed", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._parsed: dict[str, list[int]] | None = None

    def _spans(self) -> dict[str, list[int]]:
        if self._parsed is None:
            parsed = {}
            for item in filter(None, self._text.split(";")):
                where, _, numbers = item.rpartition("=")
                try:
                    parsed[where] = [int(n) for n in numbers.split(",")]
                except ValueError:
                    continue  # damaged: that span is unknown
            self._parsed = parsed
        return self._parsed

    def __getitem__(self, where: str) -> list[int]:
        return self._spans()[where]

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans())

    def __len__(self) -> int:
        return len(self._spans())


class ExtensionSettings(NamedTuple):
    path: str
    values: Mapping[str, str]
    key_spans: Mapping[str, Span]
    value_spans: Mapping[str, Span]
    whole: Span  # the JSON object

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def is_true(self, key: str, default: bool = False) -> bool:
        value = self.values.get(key)
        return default if value is None else value.strip().lower() == "true"

    def span(self, key: str) -> Span:
        """Where the setting is written: its key, or the whole object when it is absent."""
        return self.key_spans.get(key, self.whole)

    @property
    def node_selector(self) -> dict[str, str]:
        """The `nodeSelector.<label>` settings: the extension's node selector."""
        prefix = "nodeSelector."
        return {k[len(prefix) :]: v for k, v in self.values.items() if k.startswith(prefix)}


def read_nodes(path: str, data: bytes) -> list[ClusterNode]:
    """The nodes of a snapshot file's bytes."""
    text = _text(data)
    parsed = parse(text, max_nodes=MAX_SNAPSHOT_NODES)
    if parsed.problems:
        problem = parsed.problems[0]
        line, col = problem.span.start_line, problem.span.start_col
        raise SnapshotError(f"not valid YAML at line {line}, column {col}: {problem.message}")
    nodes: list[ClusterNode] = []
    for document in parsed.documents:
        nodes += _document_nodes(path, document)
    return nodes


def _text(data: bytes) -> str:
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise SnapshotError(
            f"{len(data):,} bytes, over the {MAX_SNAPSHOT_BYTES:,}-byte limit for a snapshot; "
            "trim it (see the README: keep labels, taints, unschedulable, allocatable, conditions)"
        )
    try:
        return decode(data).text
    except UnreadableFile as exc:  # a snapshot is data, not a file to lint: no "not linted"
        raise SnapshotError(str(exc).removesuffix("; not linted")) from exc


def _document_nodes(path: str, document: YamlDocument) -> Iterator[ClusterNode]:
    kind = (document.root or {}).get("kind")
    if kind == "Node":
        yield _node(path, document, document.node, "")
    elif kind in ("List", "NodeList"):
        items = _child(document.node, "items")
        if items is None or not isinstance(items, yaml.SequenceNode):
            return
        for number, item in enumerate(items.value):
            kind_node = _child(item, "kind")
            if isinstance(item, yaml.MappingNode) and _scalar(kind_node) in (None, "Node"):
                yield _node(path, document, item, f"/items/{number}")
    elif document.root is not None or document.node is not None:
        shown = f'"kind: {kind}"' if isinstance(kind, str) else "no kind"
        line = document.start.start_line
        raise SnapshotError(
            f"the document at line {line} has {shown}; a snapshot holds `kubectl get nodes "
            "-o yaml` output (kind: List of Node, or Node documents)"
        )


def _node(path: str, document: YamlDocument, node: Any, base: str) -> ClusterNode:
    def part(*keys: str) -> tuple[Any, dict[str, Span]]:
        found: Any = node
        for key in keys:
            found = _child(found, key)
        if found is None:
            return None, {}
        pointer = jp.join(base, *keys)
        built = document.build_part(found, pointer)
        return built.data, built.spans.values

    name, name_spans = part("metadata", "name")
    if not isinstance(name, str) or not name:
        line = node.start_mark.line + 1 + document.offset
        raise SnapshotError(f"the node at line {line} has no metadata.name")
    spans = {"name": name_spans[jp.join(base, "metadata", "name")]}
    labels, _ = part("metadata", "labels")
    taint_data, taint_spans = part("spec", "taints")
    taints = []
    for number, taint in enumerate(taint_data if isinstance(taint_data, list) else []):
        if isinstance(taint, dict) and isinstance(taint.get("key"), str):
            value = taint.get("value")
            taints.append(
                Taint(
                    key=taint["key"],
                    value="" if value is None else str(value),
                    effect=str(taint.get("effect", "")),
                )
            )
            where = jp.join(base, "spec", "taints", number)
            spans[f"taints/{len(taints) - 1}"] = taint_spans[where]
    unschedulable, cordon_spans = part("spec", "unschedulable")
    if unschedulable is True:
        spans["unschedulable"] = cordon_spans[jp.join(base, "spec", "unschedulable")]
    allocatable, allocatable_spans = part("status", "allocatable")
    amounts: dict[str, str] = {}
    for resource, amount in (allocatable if isinstance(allocatable, dict) else {}).items():
        if amount is not None and not isinstance(amount, (dict, list, bool)):
            amounts[resource] = str(amount)
        if resource in _SCHEDULED and resource in amounts:  # the amounts findings point at
            spans[f"allocatable/{resource}"] = allocatable_spans[
                jp.join(base, "status", "allocatable", resource)
            ]
    conditions, condition_spans = part("status", "conditions")
    ready = conditions is None  # a trimmed snapshot without conditions: taken as Ready
    for number, condition in enumerate(conditions if isinstance(conditions, list) else []):
        if isinstance(condition, dict) and condition.get("type") == "Ready":
            ready = str(condition.get("status")) == "True"
            status = jp.join(base, "status", "conditions", number, "status")
            spans["ready"] = condition_spans.get(status) or spans["name"]
    return ClusterNode(
        name=name,
        path=path,
        labels={str(k): str(v) for k, v in (labels if isinstance(labels, dict) else {}).items()},
        taints=tuple(taints),
        allocatable=amounts,
        ready=ready,
        unschedulable=unschedulable is True,
        spans=spans,
    )


def _child(node: Any, key: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _scalar(node: Any) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def pool_nodes(table: Mapping[str, Any], path: str, config_text: str) -> ClusterNode:
    """A `[[node-pools]]` table (its shape checked by the config schema) as one of its nodes;
    its span is where the config writes its name."""
    name = table["name"]
    allocatable = dict(table.get("allocatable", {}))
    for resource, amount in allocatable.items():
        try:
            parse_quantity(amount)
        except QuantityError as exc:
            raise SnapshotError(
                f'node pool "{name}": allocatable.{resource}: {exc.message}'
            ) from None
    least, most = table.get("min-count"), table.get("max-count")
    if least is not None and most is not None and least > most:
        raise SnapshotError(f'node pool "{name}": min-count {least} is more than max-count {most}')
    taints = []
    for text in table.get("taints", ()):
        match = _TAINT.fullmatch(text)
        assert match is not None  # the schema's pattern
        taints.append(Taint(key=match["key"], value=match["value"] or "", effect=match["effect"]))
    return ClusterNode(
        name=name,
        path=path,
        labels=dict(table.get("labels", {})),
        taints=tuple(taints),
        allocatable=allocatable,
        pool=True,
        min_count=least,
        max_count=most,
        spans={"name": _name_span(config_text, name)},
    )


def _name_span(config_text: str, name: str) -> Span:
    """Where a config writes `name = "<name>"` (first such line), else its first line."""
    quoted = re.escape(json.dumps(name))
    pattern = re.compile(rf"^\s*name\s*=\s*({quoted}|'{re.escape(name)}')", re.M)
    match = pattern.search(config_text)
    if match is None:
        return Span(1, 1, 1, 1)
    line = config_text.count("\n", 0, match.start(1)) + 1
    column = match.start(1) - (config_text.rfind("\n", 0, match.start(1)) + 1) + 1
    return Span(line, column, line, column + len(match.group(1)))


def read_extension_settings(path: str, data: bytes) -> ExtensionSettings:
    text = _text(data)
    try:
        values = json.loads(text)
    except ValueError as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if hasattr(exc, "lineno") else ""
        message = getattr(exc, "msg", str(exc))
        raise SnapshotError(f"not valid JSON{where}: {message}") from None
    if not isinstance(values, dict) or any(isinstance(v, (dict, list)) for v in values.values()):
        raise SnapshotError(
            "not a flat JSON object of settings; write the output of `az k8s-extension show "
            "--query configurationSettings -o json`"
        )
    shown = {key: _setting_text(value) for key, value in values.items()}
    # JSON is YAML: the project's reader gives each key and value its span.
    parsed = parse(text)
    key_spans: dict[str, Span] = {}
    value_spans: dict[str, Span] = {}
    whole = Span(1, 1, 1, 1)
    if not parsed.problems and parsed.documents:
        built = parsed.documents[0].build()
        whole = built.spans.values.get("", whole)
        for key in shown:
            pointer = jp.join("", key)
            if pointer in built.spans.keys:
                key_spans[key] = built.spans.keys[pointer]
                value_spans[key] = built.spans.values[pointer]
    return ExtensionSettings(
        path=path, values=shown, key_spans=key_spans, value_spans=value_spans, whole=whole
    )


def _setting_text(value: object) -> str:
    """A setting as the extension reads it: a string (`True`), whatever JSON type it has."""
    if isinstance(value, bool):
        return "True" if value else "False"
    return "" if value is None else str(value)
