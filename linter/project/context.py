"""Project-wide facts collected before workloads are checked: instance types per cluster
scope, Kubernetes computes, and the effective `defaultinstancetype` (docs/DOCUMENT-KINDS.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from linter.config.globs import glob_selector
from linter.config.settings import Settings
from linter.core import pointer as jp
from linter.core.span import Location, Span
from linter.source.document import Document
from linter.source.kinds import Kind

if TYPE_CHECKING:
    from linter.domain.cluster import ClusterModel

DEFAULT_INSTANCE_TYPE = "defaultinstancetype"
DEFAULT_SCOPE = ""
RESOURCE_SECTIONS = ("requests", "limits")


Resources = dict[str, dict[str, str | None]]  # section -> resource -> quantity text
_Details = tuple[Resources, dict[str, str], dict[str, Span]]


class InstanceTypeDef:
    """An InstanceType as far as other files need it; picklable.

    A definition of the project (`stored`: read from a file, or back from the facts cache)
    keeps its resources, node selector and spans as JSON bytes until a rule first asks for
    them: a run holds every definition of the repository and looks at those its documents
    use, so its memory grows by a few hundred bytes per definition.
    """

    # Lazy JSON pays in memory: 33.0 against 36.6 MB max RSS decoded eagerly, commit-time
    # run with a warm cache on a generated 3,000-file repository (time within the noise).

    __slots__ = ("_details", "base", "builtin", "document", "name", "path")

    def __init__(
        self,
        name: str,
        path: str,
        document: int,
        base: str,
        resources: Resources,
        node_selector: dict[str, str],
        builtin: bool = False,
    ) -> None:
        """A definition with no spans (the built-in default); the project's are `stored`."""
        self.name, self.path, self.document, self.base = name, path, document, base
        self.builtin = builtin
        self._details: _Details | bytes = (resources, node_selector, {})

    @classmethod
    def stored(
        cls, name: str, path: str, document: int, base: str, details: bytes
    ) -> InstanceTypeDef:
        """A definition from its `details_json`."""
        definition = cls.__new__(cls)
        definition.name, definition.path, definition.document, definition.base = (
            name, path, document, base,
        )
        definition.builtin = False
        definition._details = details
        return definition

    @property
    def resources(self) -> Resources:
        return self._loaded()[0]

    @property
    def node_selector(self) -> dict[str, str]:
        return self._loaded()[1]

    @property
    def spans(self) -> dict[str, Span]:
        return self._loaded()[2]

    def location(self, pointer: str) -> Location | None:
        span = self.spans.get(pointer)
        return Location(self.path, span) if span and not self.builtin else None

    def quantity(self, section: str, resource: str) -> str | None:
        return self.resources.get(section, {}).get(resource)

    def details_json(self) -> bytes:
        """Resources, node selector and spans as JSON (what `stored` takes back)."""
        if isinstance(self._details, bytes):
            return self._details
        return _details_json(*self._details)

    def _loaded(self) -> _Details:
        if isinstance(self._details, bytes):
            self._details = _parse_details(self._details)
        return self._details

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InstanceTypeDef):
            return NotImplemented
        mine = (self.name, self.path, self.document, self.base, self.builtin, self._loaded())
        theirs = (other.name, other.path, other.document, other.base, other.builtin)
        return mine == (*theirs, other._loaded())

    def __repr__(self) -> str:
        return f"InstanceTypeDef({self.name!r}, {self.path!r}, {self.document}, {self.base!r})"


def _details_json(resources: Resources, selector: dict[str, str], spans: dict[str, Span]) -> bytes:
    stored = [resources, selector, {p: s.as_tuple() for p, s in spans.items()}]
    return json.dumps(stored, separators=(",", ":")).encode("utf-8")


def _parse_details(text: bytes) -> _Details:
    """Stored details back as values. Damaged ones (the cache folder may be writable by
    others) read as a definition that states nothing: never a crash in the rule that asked."""
    try:
        resources, selector, spans = json.loads(text)
        valid = (
            isinstance(resources, dict)
            and all(
                isinstance(values, dict)
                and all(q is None or isinstance(q, str) for q in values.values())
                for values in resources.values()
            )
            and isinstance(selector, dict)
            and all(isinstance(value, str) for value in selector.values())
            and isinstance(spans, dict)
            and all(
                isinstance(span, list) and len(span) == 4 and all(type(n) is int for n in span)
                for span in spans.values()
            )
        )
    except (ValueError, TypeError):
        valid = False
    if not valid:
        return {}, {}, {}
    return resources, selector, {pointer: Span(*span) for pointer, span in spans.items()}


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
    value = document.integer(pointer)
    return scalar.raw if value is None else str(value)


def resource_pointer(section: str, resource: str) -> str:
    """Where an InstanceType sets an amount (`/spec/resources/limits/nvidia.com~1gpu`)."""
    return jp.join("/spec/resources", section, resource)


def instance_type_def(document: Document) -> InstanceTypeDef | None:
    name = document.get("/metadata/name")
    if document.kind is not Kind.INSTANCE_TYPE or not isinstance(name, str) or not name:
        return None
    resources: Resources = {}
    spans = {"/metadata/name": document.value_span("/metadata/name")}
    for section in RESOURCE_SECTIONS:
        values = document.mapping(f"/spec/resources/{section}")
        resources[section] = {}
        for resource in values:
            pointer = resource_pointer(section, resource)
            resources[section][resource] = quantity_text(document, pointer)
            spans[pointer] = document.value_span(pointer)
    selector = {str(k): str(v) for k, v in document.mapping("/spec/nodeSelector").items()}
    # Kept as JSON, as the facts cache keeps it: a run holds every definition of the project,
    # and rules look at the few their documents use.
    details = _details_json(resources, selector, {p: s for p, s in spans.items() if s is not None})
    return InstanceTypeDef.stored(name, document.path, document.index, document.base, details)


# The "compute" of a managed online endpoint (it has none: Azure runs it), so that the
# endpoints of the project are one mapping (and the facts cache one column).
MANAGED = ""


class ProjectContext(NamedTuple):
    settings: Settings
    definitions: dict[str, dict[str, list[InstanceTypeDef]]]  # scope -> name -> definitions
    attached_computes: frozenset[str]
    endpoint_computes: dict[str, str]  # endpoint -> its compute; `MANAGED` for a managed one
    # Instance types the staged commit removes (`check --staged`): name -> HEAD's definition.
    removed: Mapping[str, InstanceTypeDef] = MappingProxyType({})
    # scope -> its nodes, pools and extension settings (`linter.engine.cluster_files`), if named
    clusters: Mapping[str, ClusterModel] = MappingProxyType({})

    @classmethod
    def build(
        cls,
        settings: Settings,
        definitions: Iterable[InstanceTypeDef],
        computes: Iterable[str],
        endpoints: Iterable[tuple[str, str]] = (),
        clusters: Mapping[str, ClusterModel] = MappingProxyType({}),
    ) -> ProjectContext:
        """`definitions` in source order: files in path order, then as each file holds them
        (documents, list items)."""
        scopes: dict[str, dict[str, list[InstanceTypeDef]]] = {DEFAULT_SCOPE: {}}
        scopes.update({cluster.name: {} for cluster in settings.clusters})
        for definition in definitions:
            scope = scope_of_definition(settings, definition.path)
            scopes[scope].setdefault(definition.name, []).append(definition)
        # The first file (in path order) that names an endpoint decides its compute.
        endpoint_computes: dict[str, str] = {}
        for endpoint, compute in endpoints:
            endpoint_computes.setdefault(endpoint, compute)
        return cls(
            settings=settings,
            definitions=scopes,
            attached_computes=frozenset(computes),
            endpoint_computes=endpoint_computes,
            clusters=clusters,
        )

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

    def with_removed(self, committed: Iterable[InstanceTypeDef]) -> ProjectContext:
        """The context, knowing which of HEAD's definitions (`committed`) are gone: those
        whose scope no longer defines their name."""
        removed: dict[str, InstanceTypeDef] = {}
        for definition in committed:
            scope = scope_of_definition(self.settings, definition.path)
            if self.lookup(scope, definition.name) is None:
                removed.setdefault(definition.name, definition)
        return self._replace(removed=MappingProxyType(removed)) if removed else self


def scope_of_definition(settings: Settings, path: str) -> str:
    for cluster in settings.clusters:
        if glob_selector(cluster.instance_types)([path]):
            return cluster.name
    return DEFAULT_SCOPE
