"""A classified YAML document as rules see it: data, scalars and reports by JSON pointer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter.core import pointer as jp
from linter.core.finding import Report, Severity
from linter.core.fixes import Fix
from linter.core.span import Location, Span
from linter.source.go_yaml import resolve_plain
from linter.source.kinds import AMLARC_KINDS, Kind
from linter.source.yaml_reader import Scalar, SpanIndex

MISSING: Any = object()


@dataclass
class Document:
    """One document of a file, or one item of an InstanceTypeList (`base` = `/items/N`)."""

    path: str
    index: int
    kind: Kind
    data: Any
    spans: SpanIndex
    base: str = ""
    # What helpers that many rules call work out once per document (e.g. its resource entries).
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def in_list(self) -> bool:
        """An InstanceTypeList item's view."""
        return bool(self.base)

    def absolute(self, pointer: str) -> str:
        return self.base + pointer

    def get(self, pointer: str, default: Any = None) -> Any:
        return jp.resolve(self.data, pointer, default)

    def has(self, pointer: str) -> bool:
        return self.get(pointer, MISSING) is not MISSING

    def mapping(self, pointer: str) -> dict[str, Any]:
        """The mapping at pointer, or {} when absent or not a mapping (schema rules report that)."""
        value = self.get(pointer)
        return value if isinstance(value, dict) else {}

    def scalar(self, pointer: str) -> Scalar | None:
        """The scalar as its consumer reads it: kubectl (go-yaml v2, `linter.source.go_yaml`) for
        the amlarc.azureml.com resources, azure-ai-ml (YAML 1.1, as written down) for the rest."""
        scalar = self.spans.scalars.get(self.absolute(pointer))
        if scalar is None or scalar.style or self.kind not in AMLARC_KINDS:
            return scalar
        return scalar._replace(type=resolve_plain(scalar.raw).type)

    def integer(self, pointer: str) -> int | None:
        """The value of a scalar its consumer reads as an integer (`1_000`, `0x3e8`: 1000)."""
        scalar = self.scalar(pointer)
        if scalar is None or scalar.type != "int":
            return None
        kubectl = not scalar.style and self.kind in AMLARC_KINDS
        value = resolve_plain(scalar.raw).value if kubectl else self.get(pointer)
        return value if isinstance(value, int) else None

    def value_span(self, pointer: str) -> Span | None:
        return self.spans.values.get(self.absolute(pointer))

    def report(
        self,
        pointer: str,
        message: str,
        *,
        at: str = "value",
        related: tuple[Location, ...] = (),
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Report:
        """A finding at pointer (relative to this view; the fix's pointers too)."""
        rebased = fix.rebased(self.base) if fix is not None else None
        return Report(
            self.absolute(pointer), message, at=at, related=related, fix=rebased, severity=severity
        )

    def related(self, pointer: str, note: str, *, at: str = "value") -> Location:
        """A place in this document (pointer relative to this view) as a related location."""
        span = locate(self.spans, self.absolute(pointer), at)
        return Location(self.path, span).related(note)

    def items(self) -> list[Document]:
        """The InstanceTypeList's items as InstanceType views."""
        items = self.get("/items")
        if not isinstance(items, list):
            return []
        return [
            Document(
                self.path, self.index, Kind.INSTANCE_TYPE, item, self.spans, f"/items/{i}"
            )
            for i, item in enumerate(items)
            if isinstance(item, dict)
        ]


def locate(spans: SpanIndex, pointer: str, at: str = "value") -> Span:
    """The span of a key or value; missing or empty values fall back to the key, then upward."""
    current = pointer
    while True:
        key = spans.keys.get(current)
        value = spans.values.get(current)
        if at == "key" and key is not None:
            return key
        if value is not None and not value.is_empty:
            return value
        if key is not None:
            return key
        if value is not None:
            return value
        if not current:
            return Span.point(1, 1)
        current = jp.parent(current)
