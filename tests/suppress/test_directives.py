"""Inline suppression comments read from real YAML comments: where each is, what it covers,
and what is wrong with a malformed one."""

from __future__ import annotations

from linter.core.span import Span
from linter.suppress.directives import USAGE, Directive, find_directives

TEXT = """\
a: 1  # amlarc-lint: ignore[AML204]
b: "# amlarc-lint: ignore"
# amlarc-lint: ignore[AML201, quoting]
# another comment
c: 2
d: x#amlarc-lint:ignore
# amlarc-lint: ignore-file[AML302]
e: |
  # amlarc-lint: ignore
f: 1 # amlarc-lint: ignore[bogus-name]
g: 1 # amlarc-lint: ignore[AML2]
h: 1 # amlarc-lint: ignroe
# amlarc-lint: ignore

i: 3
"""


def test_only_real_comments_are_directives_each_at_its_comment() -> None:
    found = find_directives(TEXT)
    assert [(d.span, d.whole_file, d.rule_ids, d.target_line) for d in found] == [
        (Span(1, 7, 1, 36), False, ("AML204",), None),
        (Span(3, 1, 3, 39), False, ("AML201", "AML204"), 5),  # a name means its id
        (Span(7, 1, 7, 35), True, ("AML302",), 8),
        (Span(10, 6, 10, 39), False, ("bogus-name",), None),
        (Span(11, 6, 11, 33), False, ("AML2",), None),
        (Span(12, 6, 12, 27), False, None, None),
        (Span(13, 1, 13, 22), False, None, None),  # a blank line below: it covers only itself
    ]
    assert [d.problem for d in found[:3]] == ["", "", ""]


def test_a_malformed_directive_says_what_is_wrong() -> None:
    problems = [d.problem for d in find_directives(TEXT)[3:6]]
    assert problems == [
        '"bogus-name" is not the name of a rule; see `amlarc-lint rules` for the names and ids',
        '"AML2" is not a rule id; list full ids separated by commas, as in '
        "`ignore[AML201,AML204]`",
        f"not a valid amlarc-lint directive; {USAGE}",
    ]


def test_what_a_directive_covers() -> None:
    above = find_directives(TEXT)[1]
    assert above.covers("AML201", Span(5, 1, 5, 2))  # the next content line
    assert above.covers("AML204", Span(2, 1, 4, 2))  # a finding across its own line
    assert not above.covers("AML302", Span(5, 1, 5, 2))
    assert not above.covers("AML201", Span(6, 1, 6, 2))
    whole_file = Directive(Span(9, 1, 9, 20), whole_file=True, rule_ids=None)
    assert whole_file.covers("AML999", Span(1, 1, 1, 2))
    malformed = whole_file._replace(problem="bad")
    assert not malformed.covers("AML999", Span(1, 1, 1, 2))


def test_after_a_scanner_error_nothing_counts_until_the_next_document() -> None:
    text = (
        "a: 1  # amlarc-lint: ignore\n"
        "e: x: y  # amlarc-lint: ignore\n"
        "f: 1  # amlarc-lint: ignore\n"
        "---\n"
        "g: 1  # amlarc-lint: ignore\n"
    )
    assert [d.line for d in find_directives(text)] == [1, 5]


def test_a_file_without_the_marker_is_not_scanned() -> None:
    assert find_directives("a: 1  # amlarc-lint ignore\n") == []
