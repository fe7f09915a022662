"""Project-wide facts collected before workloads are checked: instance types per cluster
scope, Kubernetes computes, and the effective `defaultinstancetype` (SPEC §3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

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
        spans = {p: Span(*s) for p, s in data["spans"].items()}
        return cls(
            data["name"], data["path"], data["document"], data["base"],
            data["resources"], data["node_selector"], spans,
        )


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
    """The quantity a value means to Kubernetes: its text (a YAML number as written)."""
    scalar = document.scalar(pointer)
    if scalar is None or scalar.type == "null":
        return None
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

    @classmethod
    def build(
        cls, settings: Settings, definitions: Iterable[InstanceTypeDef], computes: Iterable[str]
    ) -> ProjectContext:
        scopes: dict[str, dict[str, list[InstanceTypeDef]]] = {DEFAULT_SCOPE: {}}
        scopes.update({cluster.name: {} for cluster in settings.clusters})
        ordered = sorted(definitions, key=lambda d: (d.path, d.document, d.base))
        for definition in ordered:
            scope = scope_of_definition(settings, definition.path)
            scopes[scope].setdefault(definition.name, []).append(definition)
        return cls(settings, scopes, frozenset(computes))

    def is_kubernetes_compute(self, compute: str) -> bool:
        return (
            compute in self.attached_computes
            or compute in self.settings.kubernetes_computes
            or any(compute in cluster.computes for cluster in self.settings.clusters)
        )

    def scope_of_compute(self, compute: str | None) -> str:
        for cluster in self.settings.clusters:
            if compute is not None and compute in cluster.computes:
                return cluster.name
        return DEFAULT_SCOPE

    def lookup(self, scope: str, name: str) -> InstanceTypeDef | None:
        found = self.definitions.get(scope, {}).get(name)
        return found[0] if found else None

    def default_instance_type(self, scope: str) -> InstanceTypeDef:
        return self.lookup(scope, DEFAULT_INSTANCE_TYPE) or BUILTIN_DEFAULT

    def known_names(self, scope: str) -> set[str]:
        return set(self.definitions.get(scope, {})) | set(self.settings.known_instance_types)

    def defines_anywhere(self, name: str) -> bool:
        return any(name in names for names in self.definitions.values())


def scope_of_definition(settings: Settings, path: str) -> str:
    for cluster in settings.clusters:
        if any(glob_match(path, pattern) for pattern in cluster.instance_types):
            return cluster.name
    return DEFAULT_SCOPE


def glob_match(path: str, pattern: str) -> bool:
    """Glob on POSIX paths where `**/` may match no folder (so `**/*.yaml` matches `a.yaml`)."""
    pattern = pattern.removeprefix("./")
    if fnmatchcase(path, pattern):
        return True
    if pattern.startswith("**/") and glob_match(path, pattern[3:]):
        return True
    return pattern.endswith("/**") and path.startswith(pattern[:-2])
