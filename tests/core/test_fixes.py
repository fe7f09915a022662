"""Fixes a rule attaches: rebased from a document view's pointers to absolute ones."""

from __future__ import annotations

from linter.core.fixes import MoveEntry, ReplaceScalar, ReplaceText
from linter.core.span import Span


def test_a_scalar_replacement_is_rebased_onto_the_list_item() -> None:
    fix = ReplaceScalar("/spec/resources/limits/cpu", '"1"', "quote the CPU limit")
    assert fix.rebased("/items/2") == ReplaceScalar(
        "/items/2/spec/resources/limits/cpu", '"1"', "quote the CPU limit"
    )
    assert fix.rebased("") == fix


def test_a_move_rebases_both_pointers() -> None:
    fix = MoveEntry("/spec/limits", "/spec/resources", "move limits under resources")
    assert fix.rebased("/items/0") == MoveEntry(
        "/items/0/spec/limits", "/items/0/spec/resources", "move limits under resources"
    )


def test_a_text_replacement_is_in_file_coordinates_and_never_rebased() -> None:
    fix = ReplaceText(Span(3, 5, 3, 17), "instance_typ", "instance_type", "spell the keyword")
    assert fix.rebased("/items/1") is fix


def test_fixes_are_built_by_keyword_too() -> None:
    fix = ReplaceScalar(pointer="/a", new_text="500Mi", description="use Mi")
    assert (fix.pointer, fix.new_text, fix.description) == ("/a", "500Mi", "use Mi")
