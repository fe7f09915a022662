"""What a rule reports and what the engine makes of it."""

from __future__ import annotations

import enum
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from linter.core.span import CellSpot, Location, Span


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class Report:
    """A rule's raw finding: a pointer into its document (the engine makes it a span), or,
    for a project rule, the location it read from the context."""

    pointer: str
    message: str
    _: KW_ONLY
    at: str = "value"  # "value" or "key"
    related: tuple[Location, ...] = ()  # each with `Role.RELATED` and its note
    fix: Any = None
    severity: Severity | None = None  # overrides the rule's default where one rule has two levels
    location: Location | None = None  # a project rule's: already located (pointer is "")


@dataclass(frozen=True, slots=True)
class Finding:
    """A located finding, as every output format shows it."""

    rule_id: str
    rule_name: str
    severity: Severity
    path: str
    span: Span
    message: str
    pointer: str = ""
    document: int = 0
    related: tuple[Location, ...] = ()  # each with `Role.RELATED` and its note
    fix: Any = field(default=None, compare=False)
    snippet: str = field(default="", compare=False)  # the source line where the span starts
    cell: CellSpot | None = field(default=None, compare=False)  # in a notebook: as shown

    @property
    def location(self) -> Location:
        return Location(self.path, self.span)

    def sort_key(self) -> tuple[str, int, int, str, int, int, str]:
        s = self.span
        return (
            self.path,
            s.start_line,
            s.start_col,
            self.rule_id,
            s.end_line,
            s.end_col,
            self.message,
        )
