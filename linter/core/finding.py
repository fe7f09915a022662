"""What a rule reports and what the engine makes of it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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


class Related(NamedTuple):
    """A second place a finding is about: a pointer in the same document, or a resolved location."""

    message: str
    pointer: str | None = None
    location: Location | None = None
    at: str = "value"


class Report(NamedTuple):
    """A rule's raw finding: a pointer into its document, resolved to a span by the engine."""

    pointer: str
    message: str
    at: str = "value"  # "value" or "key"
    related: tuple[Related, ...] = ()
    fix: Any = None
    severity: Severity | None = None  # overrides the rule's default where one rule has two levels


class LocatedReport(NamedTuple):
    """A project rule's finding: already located (from the context's recorded spans)."""

    location: Location
    message: str
    related: tuple[tuple[Location, str], ...] = ()


@dataclass(frozen=True)
class Finding:
    rule_id: str
    rule_name: str
    severity: Severity
    path: str
    span: Span
    message: str
    pointer: str = ""
    document: int = 0
    related: tuple[tuple[Location, str], ...] = ()
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
