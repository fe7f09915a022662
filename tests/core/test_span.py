"""Source positions and the one location type: spans, roles, notes."""

from __future__ import annotations

import dataclasses

import pytest

from linter.core.span import CellSpot, Location, Role, Span


def test_a_point_is_one_character_wide() -> None:
    assert Span.point(3, 7) == Span(3, 7, 3, 8)
    assert not Span.point(3, 7).is_empty


def test_an_empty_span_starts_where_it_ends() -> None:
    assert Span(2, 5, 2, 5).is_empty
    assert not Span(2, 5, 3, 5).is_empty  # same column, next line


def test_as_tuple_is_start_then_end() -> None:
    assert Span(1, 2, 3, 4).as_tuple() == (1, 2, 3, 4)
    assert type(Span(1, 2, 3, 4).as_tuple()) is tuple


def test_a_location_is_primary_by_default_and_related_with_a_note() -> None:
    here = Location("types.yaml", Span(4, 9, 4, 15))
    assert (here.role, here.note) == (Role.PRIMARY, "")
    related = here.related("the instance type's limit")
    assert related == Location(
        "types.yaml", Span(4, 9, 4, 15), role=Role.RELATED, note="the instance type's limit"
    )
    assert here.role is Role.PRIMARY  # unchanged: locations are values


def test_a_location_is_frozen_and_takes_role_and_note_by_keyword_only() -> None:
    here = Location("a.yaml", Span.point(1, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        here.note = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Location("a.yaml", Span.point(1, 1), Role.RELATED)  # type: ignore[misc]


def test_a_cell_spot_holds_the_cell_its_span_and_line() -> None:
    spot = CellSpot(cell=2, span=Span(1, 5, 1, 9), line_text="job = command()")
    assert (spot.cell, spot.span.start_col, spot.line_text) == (2, 5, "job = command()")
