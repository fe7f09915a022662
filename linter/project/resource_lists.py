"""Resource requests and limits as the 2xx and 3xx rules see them, in every kind that has them.

What differs between kinds is data, one `ResourceProfile` per kind: where the
requests/limits mapping lives, what must be set, how values must be written, and how
severe some findings are. A rule iterates `resource_entries(document)` and looks the
profile up; supporting a new kind means adding a profile, not a rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

from linter.core import pointer as jp
from linter.core.finding import Severity
from linter.core.quantity import Quantity, QuantityError, parse_quantity
from linter.core.spelling import closest_match
from linter.domain.templating import is_placeholder
from linter.project.context import RESOURCE_SECTIONS, quantity_text
from linter.source.document import Document
from linter.source.kinds import Kind

CPU, MEMORY, GPU = "cpu", "memory", "nvidia.com/gpu"
SUPPORTED_RESOURCES = (CPU, MEMORY, GPU)
SECTIONS = RESOURCE_SECTIONS
EXAMPLE_AMOUNTS = MappingProxyType({CPU: '"500m"', MEMORY: '"1Gi"', GPU: "1"})
# Below these an amount is itself a mistake (AML206 rounds cpu up to 1m; AML207: a bare
# number of bytes below 1Mi is a missing suffix).
SMALLEST_CPU = Fraction(1, 1000)
SMALL_MEMORY = 2**20


class Requirement(NamedTuple):
    """Resources that one section must set (AML301); with `with_gpu_limit`, only when the
    limits set a GPU."""

    section: str
    resources: tuple[str, ...]
    with_gpu_limit: bool = False


class ResourceProfile(NamedTuple):
    noun: str  # how messages name the document: "an instance type"
    resources_pointer: str  # of the mapping that holds requests and limits
    required: tuple[Requirement, ...]  # AML301
    string_resources: frozenset[str]  # AML204: must be written as YAML strings ("1")
    integer_resources: frozenset[str]  # AML204: must be written as bare integers (1)
    quoting: Severity  # AML204's severity in this kind
    unsupported: Severity  # AML304's severity in this kind
    aliases: Mapping[str, str] = MappingProxyType({})  # other key -> resource it means
    memory_floor: int = 0  # AML207: bytes below which a memory amount is too small


PROFILES: Mapping[Kind, ResourceProfile] = MappingProxyType(
    {
        Kind.INSTANCE_TYPE: ResourceProfile(
            noun="an instance type",
            resources_pointer="/spec/resources",
            required=(
                Requirement(section="requests", resources=(CPU, MEMORY)),
                Requirement(section="limits", resources=(CPU, MEMORY)),
            ),
            string_resources=frozenset({CPU, MEMORY}),
            integer_resources=frozenset({GPU}),
            quoting=Severity.WARNING,
            unsupported=Severity.WARNING,
        ),
        # azure-ai-ml's ResourceSettingsSchema: cpu, memory and gpu are strings ("Not a valid
        # string" for a bare number); it reads nvidia.com/gpu as gpu; no other resource.
        Kind.KUBERNETES_DEPLOYMENT: ResourceProfile(
            noun="a Kubernetes deployment",
            resources_pointer="/resources",
            required=(
                Requirement(section="requests", resources=(CPU, MEMORY)),
                Requirement(section="limits", resources=(CPU, MEMORY), with_gpu_limit=True),
            ),
            string_resources=frozenset({CPU, MEMORY, GPU}),
            integer_resources=frozenset(),
            quoting=Severity.ERROR,
            unsupported=Severity.ERROR,
            aliases=MappingProxyType({"gpu": GPU}),
            memory_floor=10**6,  # the docs' "at least 1 MB"
        ),
    }
)
RESOURCE_KINDS = frozenset(PROFILES)

_QUANTITY_TYPES = ("str", "int", "float", "null")  # others (bool, lists) are AML103's


@dataclass(frozen=True)
class ResourceEntry:
    """One `resource: quantity` entry of a requests or limits mapping."""

    section: str  # requests or limits
    name: str  # the key as written: cpu, memory, nvidia.com/gpu, gpu (a deployment's alias)...
    resource: str  # what the key means: `name`, or the resource an alias of the kind stands for
    pointer: str  # of the value, relative to the document view
    raw: str | None  # the scalar as written; None for a collection
    yaml_type: str  # the scalar's YAML 1.1 type (str, int, float, null, bool...) or "collection"
    style: str | None  # the scalar's style: "" or None (plain), "'", '"', "|" or ">"
    text: str | None  # the quantity as Kubernetes reads it; None for null or a collection

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')

    @property
    def place(self) -> str:
        """`limits.cpu`: how messages name the entry."""
        return f"{self.section}.{self.name}"

    @property
    def shown(self) -> str:
        """The value as messages show it: strings in double quotes, YAML numbers bare."""
        if self.yaml_type == "str":
            return f'"{self.raw}"'
        return "null" if self.yaml_type == "null" else str(self.raw)

    def shown_with_value(self, quantity: Quantity) -> str:
        """`"500m" (0.5)`: the value as written, and its exact amount where that differs."""
        amount = decimal_text(quantity.value)
        return self.shown if amount == self.text else f"{self.shown} ({amount})"

    @property
    def is_template(self) -> bool:
        return self.text is not None and is_placeholder(self.text)

    @cached_property
    def parsed(self) -> Quantity | QuantityError | None:
        """The quantity, or why the value is not one; None when there is nothing to parse:
        null, a template placeholder, or a value of the wrong YAML type (AML103's)."""
        if self.text is None or self.yaml_type not in _QUANTITY_TYPES or self.is_template:
            return None
        try:
            return parse_quantity(self.text, cpu=self.resource == CPU)
        except QuantityError as error:
            return error

    @property
    def quantity(self) -> Quantity | None:
        return self.parsed if isinstance(self.parsed, Quantity) else None


def profile_of(document: Document) -> ResourceProfile:
    return PROFILES[document.kind]


def section_pointer(document: Document, section: str) -> str:
    return jp.join(profile_of(document).resources_pointer, section)


def resource_entries(document: Document, section: str | None = None) -> Iterator[ResourceEntry]:
    """Every entry of the document's requests and limits (or of one section), in file order.
    Worked out once per document: most rules ask, and each entry parses its quantity once."""
    entries = document.memo.get("resource_entries")
    if entries is None:
        entries = document.memo["resource_entries"] = tuple(_resource_entries(document))
    return (entry for entry in entries if section is None or entry.section == section)


def _resource_entries(document: Document) -> Iterator[ResourceEntry]:
    aliases = profile_of(document).aliases
    for name in SECTIONS:
        base = section_pointer(document, name)
        for resource in document.mapping(base):
            pointer = jp.join(base, resource)
            scalar = document.scalar(pointer)
            yield ResourceEntry(
                section=name,
                name=resource,
                resource=aliases.get(resource, resource),
                pointer=pointer,
                raw=scalar.raw if scalar else None,
                yaml_type=scalar.type if scalar else "collection",
                style=scalar.style if scalar else None,
                text=quantity_text(document, pointer),
            )


def required_resources(document: Document, section: str) -> tuple[str, ...]:
    """What the kind's profile requires `section` to set in this document (AML301)."""
    gpu_limit = _sets_gpu_limit(document)
    return tuple(
        name
        for requirement in profile_of(document).required
        if requirement.section == section and (gpu_limit or not requirement.with_gpu_limit)
        for name in requirement.resources
    )


def _sets_gpu_limit(document: Document) -> bool:
    """Whether the limits ask for a GPU (a template counts; 0 and null do not)."""
    for entry in resource_entries(document, "limits"):
        if entry.resource == GPU and entry.text is not None:
            return entry.quantity is None or entry.quantity.value != 0
    return False


def intended_resource(name: str) -> str | None:
    """The supported resource an unsupported `name` most likely means: `CPU` -> `cpu`,
    `memroy` -> `memory`, `gpu` -> `nvidia.com/gpu`; None for a different resource."""
    folded = name.strip().lower()
    if folded in SUPPORTED_RESOURCES:
        return folded
    if folded in ("gpu", "gpus"):
        return GPU
    if "/" in folded:  # a vendor resource: only nvidia's gpu, misspelt, is ours
        vendor, _, resource = folded.rpartition("/")
        nvidia_gpu = vendor.startswith("nvidia") and closest_match(resource, ("gpu",))
        return GPU if nvidia_gpu else None
    return closest_match(folded, SUPPORTED_RESOURCES)


def amounts(document: Document) -> Iterator[tuple[ResourceEntry, Quantity]]:
    """The entries whose value is a valid quantity, with it."""
    for entry in resource_entries(document):
        if entry.quantity is not None:
            yield entry, entry.quantity


def decimal_text(value: Fraction) -> str:
    """A quantity's exact value in plain decimal, for messages: 1/2 -> "0.5", -3/1000 ->
    "-0.003". Quantities always have a finite decimal form (their denominators divide 10^n)."""
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    digits = str(abs(int(value * 10**places))).rjust(places + 1, "0")
    sign = "-" if value < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)
