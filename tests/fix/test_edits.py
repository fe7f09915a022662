"""A fix as exact text edits on one YAML document: the edits, and what the data must become
(the result is read back and compared); a layout it cannot edit exactly is `Unfixable`."""

from __future__ import annotations

import copy

import pytest

from linter.core.fixes import Fix, MoveEntry, ReplaceScalar
from linter.fix.edits import DocumentText, Edit, Unfixable, apply_edits, plan, scalar_value
from linter.source.line_index import LineIndex
from linter.source.yaml_reader import parse

RESOURCES = """\
spec:
  resources:
    requests:
      cpu: 1  # one
      memory: 2Gi
    limits: {cpu: "1"}
"""


def _document(text: str) -> DocumentText:
    built = parse(text).documents[0].build()
    return DocumentText(LineIndex(text), built.spans, built.data)


def _fixed(text: str, fix: Fix) -> str:
    """The text with the fix's edits; the data it reads as is what the fix intends."""
    document = _document(text)
    planned = plan(fix, document)
    result = apply_edits(text, list(planned.edits))
    assert _document(result).data == planned.intent(copy.deepcopy(document.data))
    return result


def test_a_scalar_is_replaced_in_place_and_its_comment_stays() -> None:
    fix = ReplaceScalar("/spec/resources/requests/cpu", '"1"', "add the quotes")
    assert _fixed(RESOURCES, fix) == RESOURCES.replace("cpu: 1  # one", 'cpu: "1"  # one')


def test_an_entry_moves_into_a_flow_mapping_or_a_block_mapping() -> None:
    into_flow = MoveEntry("/spec/resources/requests/memory", "/spec/resources/limits", "move")
    assert _fixed(RESOURCES, into_flow) == (
        "spec:\n  resources:\n    requests:\n      cpu: 1  # one\n"
        '    limits: {cpu: "1", memory: 2Gi}\n'
    )
    block = 'limits:\n  cpu: "1"\nrequests:\n  cpu: "1"\n  memory: 1Gi\n'
    assert _fixed(block, MoveEntry("/requests/memory", "/limits", "move")) == (
        'limits:\n  cpu: "1"\n  memory: 1Gi\nrequests:\n  cpu: "1"\n'
    )


def test_a_missing_target_is_created_and_an_emptied_mapping_stays_a_mapping() -> None:
    text = "spec:\n  resources:\n    requests:\n      memory: 2Gi\n  other: 1\n"
    fix = MoveEntry("/spec/resources/requests/memory", "/spec/resources/limits", "move")
    assert _fixed(text, fix) == (
        "spec:\n  resources:\n    requests: {}\n    limits:\n      memory: 2Gi\n  other: 1\n"
    )
    job = "command: x\ninstance_type: small\ncompute: k8s\n"
    assert _fixed(job, MoveEntry("/instance_type", "/resources", "move")) == (
        "command: x\nresources:\n  instance_type: small\ncompute: k8s\n"
    )


@pytest.mark.parametrize(
    ("text", "fix", "why"),
    [
        (RESOURCES, ReplaceScalar("/spec/resources", "x", ""), "the value is not a scalar"),
        (RESOURCES, ReplaceScalar("/spec/resources/requests/cpu", "[1]", ""),
         "the replacement is not a YAML scalar"),
        (RESOURCES, ReplaceScalar("/spec/resources/requests/cpu", "a\nb", ""),
         "the replacement is not one line of text"),
        (RESOURCES, MoveEntry("/spec/resources/requests/cpu", "/spec/resources/limits", ""),
         "the target is not a mapping without that key"),
        ("a: {b: 1, c: 2}\nd: {}\n", MoveEntry("/a/b", "/d", ""),
         "the entry does not start its line (a flow mapping or a list item)"),
    ],
)
def test_what_cannot_be_edited_exactly_is_unfixable(text: str, fix: Fix, why: str) -> None:
    with pytest.raises(Unfixable) as raised:
        plan(fix, _document(text))
    assert str(raised.value) == why


def test_edits_and_scalars() -> None:
    assert apply_edits("abcdef", [Edit(0, 1, "X"), Edit(3, 5, "")]) == "Xbcf"
    assert Edit(0, 2, "x").overlaps(Edit(1, 3, "y"))
    assert not Edit(0, 2, "x").overlaps(Edit(2, 3, "y"))
    assert Edit(2, 2, "x").overlaps(Edit(2, 2, "y"))  # two insertions at one place
    assert [scalar_value(text) for text in ('"1"', "1", "yes", "500m")] == ["1", 1, True, "500m"]
