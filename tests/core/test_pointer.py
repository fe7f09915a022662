"""JSON pointers (RFC 6901): escaping, joining, splitting, resolving in plain data."""

from __future__ import annotations

import pytest

from linter.core import pointer as jp


@pytest.mark.parametrize(
    ("token", "escaped"),
    [("cpu", "cpu"), ("nvidia.com/gpu", "nvidia.com~1gpu"), ("a~b", "a~0b"), ("~/", "~0~1")],
)
def test_escape_and_unescape_are_inverse(token: str, escaped: str) -> None:
    assert jp.escape(token) == escaped
    assert jp.unescape(escaped) == token


def test_unescape_reads_tilde_one_before_tilde_zero() -> None:
    # "~01" is an escaped "~" followed by "1", never a "/".
    assert jp.unescape("~01") == "~1"


def test_join_split_and_from_path() -> None:
    assert jp.join("/spec", "limits", "nvidia.com/gpu") == "/spec/limits/nvidia.com~1gpu"
    assert jp.join("/items", 3) == "/items/3"
    assert jp.join("", "a~b") == "/a~0b"
    assert jp.from_path(["jobs", "train", 0]) == "/jobs/train/0"
    assert jp.from_path([]) == ""
    assert jp.split("") == []
    assert jp.split("/spec/limits/nvidia.com~1gpu") == ["spec", "limits", "nvidia.com/gpu"]
    assert jp.split("/") == [""]  # the key "" of the root mapping


def test_parent_and_last() -> None:
    assert jp.parent("/spec/limits/nvidia.com~1gpu") == "/spec/limits"
    assert jp.parent("/spec") == ""
    assert jp.parent("") == ""
    assert jp.last("/spec/limits/nvidia.com~1gpu") == "nvidia.com/gpu"
    assert jp.last("") == ""


def test_resolve_walks_mappings_and_list_indices() -> None:
    data = {"items": [{"a/b": 1}, {"c": [None]}], "n": 0}
    assert jp.resolve(data, "/items/0/a~1b") == 1
    assert jp.resolve(data, "/items/1/c/0", "absent") is None  # present, and None
    assert jp.resolve(data, "") is data
    assert jp.resolve(data, "/items/2", "absent") == "absent"  # past the end
    assert jp.resolve(data, "/items/-1", "absent") == "absent"  # not an index
    assert jp.resolve(data, "/n/x", "absent") == "absent"  # below a scalar
    assert jp.resolve(data, "/missing") is None


def test_dotted_names_a_pointer_as_people_write_it() -> None:
    assert jp.dotted("/spec/resources/limits/nvidia.com~1gpu") == (
        "spec.resources.limits.nvidia.com/gpu"
    )
    assert jp.dotted("/items/0") == "items.0"
    assert jp.dotted("") == "(document)"
