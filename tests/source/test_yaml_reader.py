"""The reader: spans of keys and values, YAML 1.1 typing, recovery around broken documents."""

from __future__ import annotations

from linter.core.span import Span
from linter.source.yaml_reader import MAX_DEPTH, parse


def build(text: str, index: int = 0):
    return parse(text).documents[index].build()


def test_key_and_value_spans_are_exact() -> None:
    doc = build('spec:\n  limits:\n    cpu: "1"\n    nvidia.com/gpu: 1\n')
    assert doc.spans.keys["/spec/limits/cpu"] == Span(3, 5, 3, 8)
    assert doc.spans.values["/spec/limits/cpu"] == Span(3, 10, 3, 13)
    assert doc.spans.values["/spec/limits/nvidia.com~1gpu"] == Span(4, 21, 4, 22)
    # A block mapping ends where its last value ends, not at the next key.
    assert doc.spans.values["/spec/limits"] == Span(3, 5, 4, 22)
    assert doc.spans.values[""] == Span(1, 1, 4, 22)


def test_scalars_keep_text_quoting_and_yaml_1_1_type() -> None:
    doc = build("a: \"1\"\nb: 1\nc: yes\nd: on\ne: 1_000\nf: 0.5\ng: ~\nh: 'x'\ni: 2Gi\n")
    assert doc.data == {
        "a": "1",
        "b": 1,
        "c": True,
        "d": True,
        "e": 1000,
        "f": 0.5,
        "g": None,
        "h": "x",
        "i": "2Gi",
    }
    scalars = doc.spans.scalars
    assert scalars["/a"].quoted and scalars["/a"].type == "str"
    assert not scalars["/b"].quoted and scalars["/b"].type == "int"
    assert scalars["/c"].type == "bool"
    assert scalars["/e"].raw == "1_000"
    assert scalars["/h"].style == "'"


def test_columns_count_characters_not_bytes() -> None:
    doc = build('名前: "héllo"\nb: 1\n')
    assert doc.spans.keys["/名前"] == Span(1, 1, 1, 3)
    assert doc.spans.values["/名前"] == Span(1, 5, 1, 12)


def test_crlf_line_endings() -> None:
    doc = build("a:\r\n  b: x\r\n  c: |\r\n    text\r\n\r\nd: 1\r\n")
    assert doc.spans.values["/a/b"] == Span(2, 6, 2, 7)
    assert doc.spans.values["/a/c"] == Span(3, 6, 4, 9)
    assert doc.spans.values["/d"] == Span(6, 4, 6, 5)


def test_block_scalar_span_ends_on_its_last_text() -> None:
    doc = build("a: |\n  x\n  y\n\nb: 2\n")
    assert doc.spans.values["/a"] == Span(1, 4, 3, 4)


def test_duplicate_key_is_reported_at_second_occurrence_and_last_wins() -> None:
    doc = build("a:\n  x: 1\na: 2\nb: 3\n")
    assert doc.data == {"a": 2, "b": 3}
    [problem] = doc.problems
    assert problem.kind == "duplicate-key"
    assert problem.span == Span(3, 1, 3, 2)
    assert "already set on line 1" in problem.message
    assert "/a/x" not in doc.spans.values


def test_syntax_error_keeps_the_other_documents() -> None:
    parsed = parse("a: 1\n---\nb: [1\n---\nc: 3\n")
    assert [d.build().data for d in parsed.documents] == [{"a": 1}, {"c": 3}]
    [problem] = parsed.problems
    assert problem.kind == "syntax"
    assert problem.span.start_line == 4
    assert parsed.documents[1].build().spans.values["/c"] == Span(5, 4, 5, 5)


def test_unknown_tags_are_never_constructed() -> None:
    doc = build("a: !!python/object/apply:os.system [echo hi]\n")
    assert doc.data == {"a": ["echo hi"]}
    [problem] = doc.problems
    assert problem.kind == "tag"
    assert "!!python/object/apply:os.system" in problem.message


def test_alias_bomb_is_bounded() -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        refs = ", ".join([f"*{chr(96 + i)}"] * 10)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{refs}]")
    doc = build("\n".join(lines) + "\n")
    assert doc.over_limit
    assert doc.problems[-1].kind == "limit"


def test_deep_nesting_is_bounded() -> None:
    depth = MAX_DEPTH + 50
    doc = build("a: " + "[" * depth + "]" * depth + "\n")
    assert doc.over_limit
    assert "nesting deeper than" in doc.problems[-1].message


def test_merge_keys_follow_yaml_1_1() -> None:
    doc = build("base: &b {cpu: '1', memory: '1Gi'}\nlimits:\n  <<: *b\n  cpu: '2'\n")
    assert doc.data["limits"] == {"cpu": "2", "memory": "1Gi"}


def test_shallow_root_for_classification() -> None:
    [document] = parse("apiVersion: v1\nkind: X\nspec: {a: 1}\n").documents
    assert document.root == {"apiVersion": "v1", "kind": "X", "spec": ...}


def test_merges_resolve_as_pyyaml_resolves_them() -> None:
    """Explicit keys win, then the merged mappings in order; a mapping that merges itself,
    or one merged twice, adds nothing more."""
    import yaml

    text = (
        "b: &b {y: 2, z: 0}\nc: &c {z: 3}\n"
        "a: {<<: [*c, {w: 1, z: 9, y: 8}, *b], x: 1}\nd: &d {x: 1, <<: *d}\n=: 1\n"
    )
    doc = build(text)
    assert doc.data == yaml.safe_load(text)
    assert not doc.problems


def test_a_merged_mappings_own_keys_win_over_its_merges() -> None:
    doc = build("b: &b {y: 2, z: 0}\nc: &c {z: 3, <<: *b}\na: {<<: [*c], x: 1}\n")
    assert doc.data["a"] == {"x": 1, "z": 3, "y": 2}


def test_merge_of_a_scalar_is_a_problem_at_it() -> None:
    doc = build("a: {<<: x, b: 1}\n")
    assert doc.data == {"a": {"b": 1}}
    [problem] = doc.problems
    assert (problem.kind, problem.span) == ("tag", Span(1, 9, 1, 10))


def test_values_the_safe_loader_cannot_construct_read_as_their_text() -> None:
    doc = build('a: !!int x\nb: !!bool ""\n!!float k: 1\nc: !!int 0x1F\n')
    assert doc.data == {"a": "x", "b": "", "k": 1, "c": 31}
    problems = [(p.kind, p.pointer) for p in doc.problems]
    assert problems == [("tag", "/a"), ("tag", "/b"), ("tag", "/k")]
    assert doc.spans.scalars["/a"].type == "str"
