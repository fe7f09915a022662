"""Project-wide facts collected before workloads are checked: instance types per cluster
scope, Kubernetes computes, and the effective `defaultinstancetype` (SPEC §3)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fnmatch import translate
from functools import lru_cache
from typing import Any

from linter import pointer as jp
from linter.document import Document
from linter.kinds import Kind
from linter.settings import Settings
from linter.span import Location, Span

DEFAULT_INSTANCE_TYPE = "defaultinstancetype"
DEFAULT_SCOPE = ""
RESOURCE_SECTIONS = ("requests", "limits")


@dataclass(frozen=True)
class InstanceTypeDef:
    """An InstanceType as far as other files need it; picklable and cacheable as JSON."""

    name: str
    path: str
    document: int
    base: str
    resources: dict[str, dict[str, str | None]]  # section -> resource -> quantity text
    node_selector: dict[str, str]
    spans: dict[str, Span] = field(default_factory=dict)  # relative pointer -> value span
    builtin: bool = False

    def location(self, pointer: str) -> Location | None:
        span = self.spans.get(pointer)
        return Location(self.path, span) if span and not self.builtin else None

    def quantity(self, section: str, resource: str) -> str | None:
        return self.resources.get(section, {}).get(resource)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "document": self.document,
            "base": self.base,
            "resources": self.resources,
            "node_selector": self.node_selector,
            "spans": {p: s.as_tuple() for p, s in self.spans.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InstanceTypeDef:
        return cls(
            data["name"], data["path"], data["document"], data["base"],
            data["resources"], data["node_selector"], _StoredSpans(data["spans"]),  # type: ignore[arg-type]
        )


class _StoredSpans(Mapping[str, Span]):
    """Spans read back from the facts cache, made `Span`s only when asked for: a commit-time
    run loads every definition of the repository and looks at a few."""

    def __init__(self, stored: dict[str, list[int]]) -> None:
        self._stored = stored
        self._made: dict[str, Span] = {}

    def __getitem__(self, pointer: str) -> Span:
        span = self._made.get(pointer)
        if span is None:
            span = self._made[pointer] = Span(*self._stored[pointer])
        return span

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)


BUILTIN_DEFAULT = InstanceTypeDef(
    name=DEFAULT_INSTANCE_TYPE,
    path="",
    document=0,
    base="",
    resources={
        "requests": {"cpu": "100m", "memory": "2Gi"},
        "limits": {"cpu": "2", "memory": "2Gi", "nvidia.com/gpu": None},
    },
    node_selector={},
    builtin=True,
)


def quantity_text(document: Document, pointer: str) -> str | None:
    """The quantity a value means to Kubernetes: a string as it is, a YAML float as written
    (exact: `0.1`), a YAML integer as its value (`1_000` and `0x3e8` are 1000)."""
    scalar = document.scalar(pointer)
    if scalar is None or scalar.type == "null":
        return None
    value = document.get(pointer)
    if scalar.type == "int" and isinstance(value, int):
        return str(value)
    return scalar.raw


def instance_type_def(document: Document) -> InstanceTypeDef | None:
    name = document.get("/metadata/name")
    if document.kind is not Kind.INSTANCE_TYPE or not isinstance(name, str) or not name:
        return None
    resources: dict[str, dict[str, str | None]] = {}
    spans = {"/metadata/name": document.value_span("/metadata/name")}
    for section in RESOURCE_SECTIONS:
        values = document.mapping(f"/spec/resources/{section}")
        resources[section] = {}
        for resource in values:
            pointer = f"/spec/resources/{section}/{resource.replace('~', '~0').replace('/', '~1')}"
            resources[section][resource] = quantity_text(document, pointer)
            spans[pointer] = document.value_span(pointer)
    selector = {str(k): str(v) for k, v in document.mapping("/spec/nodeSelector").items()}
    return InstanceTypeDef(
        name, document.path, document.index, document.base, resources, selector,
        {p: s for p, s in spans.items() if s is not None},
    )


@dataclass(frozen=True)
class ProjectContext:
    settings: Settings
    definitions: dict[str, dict[str, list[InstanceTypeDef]]]  # scope -> name -> definitions
    attached_computes: frozenset[str] = frozenset()
    endpoint_computes: dict[str, str] = field(default_factory=dict)  # k8s endpoint -> compute

    @classmethod
    def build(
        cls,
        settings: Settings,
        definitions: Iterable[InstanceTypeDef],
        computes: Iterable[str],
        endpoints: Iterable[tuple[str, str]] = (),
    ) -> ProjectContext:
        scopes: dict[str, dict[str, list[InstanceTypeDef]]] = {DEFAULT_SCOPE: {}}
        scopes.update({cluster.name: {} for cluster in settings.clusters})
        ordered = sorted(definitions, key=_source_order)
        for definition in ordered:
            scope = scope_of_definition(settings, definition.path)
            scopes[scope].setdefault(definition.name, []).append(definition)
        # The first file (in path order) that names an endpoint decides its compute.
        endpoint_computes: dict[str, str] = {}
        for endpoint, compute in endpoints:
            endpoint_computes.setdefault(endpoint, compute)
        return cls(settings, scopes, frozenset(computes), endpoint_computes)

    def is_kubernetes_compute(self, compute: str) -> bool:
        return (
            compute in self.attached_computes
            or compute in self.endpoint_computes.values()
            or compute in self.settings.kubernetes_computes
            or any(compute in cluster.computes for cluster in self.settings.clusters)
        )

    def lookup(self, scope: str, name: str) -> InstanceTypeDef | None:
        found = self.definitions.get(scope, {}).get(name)
        return found[0] if found else None

    def known_names(self, scope: str) -> set[str]:
        return set(self.definitions.get(scope, {})) | set(self.settings.known_instance_types)

    def defines_anywhere(self, name: str) -> bool:
        return any(name in names for names in self.definitions.values())


def _source_order(definition: InstanceTypeDef) -> tuple[str, int, int]:
    """Where a definition stands: path, document, then list item numerically (2 before 10)."""
    item = int(jp.last(definition.base)) if definition.base else -1
    return definition.path, definition.document, item


def scope_of_definition(settings: Settings, path: str) -> str:
    for cluster in settings.clusters:
        if any(glob_match(path, pattern) for pattern in cluster.instance_types):
            return cluster.name
    return DEFAULT_SCOPE


def glob_match(path: str, pattern: str) -> bool:
    """Glob on POSIX paths where `**/` may match no folder (so `**/*.yaml` matches `a.yaml`,
    and `ml/**/*.yaml` matches `ml/a.yaml`)."""
    return any(
        regex.match(path) or (prefix is not None and path.startswith(prefix))
        for regex, prefix in _glob_variants(pattern)
    )


@lru_cache(maxsize=256)
def glob_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """`glob_match` against any of the patterns, as one compiled regex (for discovery)."""
    variants = [variant for pattern in patterns for variant in _glob_variants(pattern)]
    regex = re.compile("|".join(f"(?:{r.pattern})" for r, _ in variants) or "(?!)")
    prefixes = tuple(prefix for _, prefix in variants if prefix is not None)
    return lambda path: regex.match(path) is not None or path.startswith(prefixes)


@lru_cache(maxsize=1024)
def _glob_variants(pattern: str) -> tuple[tuple[re.Pattern[str], str | None], ...]:
    """The pattern's forms compiled once (discovery matches every file of a monorepo):
    (regex, the prefix that a `dir/**` form also matches)."""
    return tuple(
        (re.compile(translate(v)), v[:-2] if v.endswith("/**") else None)
        for v in dict.fromkeys(_glob_forms(pattern))
    )


def _glob_forms(pattern: str) -> list[str]:
    """The pattern and every form of it with a `**/` matching no folder."""
    pattern = pattern.removeprefix("./")
    forms = [pattern]
    if pattern.startswith("**/"):
        forms += _glob_forms(pattern[3:])
    middle = pattern.find("/**/")
    while middle != -1:
        forms += _glob_forms(pattern[:middle] + pattern[middle + 3 :])
        middle = pattern.find("/**/", middle + 1)
    return forms
