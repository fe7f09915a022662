"""Kubernetes name syntax: DNS-1123 subdomains, label keys and values, each broken
constraint said in words, and a valid name suggested."""

from __future__ import annotations

import pytest

from linter.domain.kubernetes_names import (
    DNS1123_SUBDOMAIN,
    LABEL_TEXT,
    label_key_problems,
    label_value_problems,
    subdomain_problems,
    suggest_subdomain,
)


@pytest.mark.parametrize("name", ["gpu-t4", "a", "0", "ml.azure.com", "a" * 253, "a-1.b-2"])
def test_valid_subdomains_have_no_problem(name: str) -> None:
    assert subdomain_problems(name) == ()
    assert DNS1123_SUBDOMAIN.fullmatch(name)


@pytest.mark.parametrize(
    ("name", "problems"),
    [
        ("", ("it is empty",)),
        ("GPU_Large", ("it contains uppercase letters", 'it contains "_"')),
        ("café x", ('it contains " " and "é"',)),
        ("a\tb", ("it contains U+0009",)),
        ("-a", ('it must have a letter or digit at both ends, not "-"',)),
        ("a.b-", (
            'it must have a letter or digit at both ends of each part between dots, not "-"',
        )),
        ("a..b", ('it has an empty part between dots (or starts or ends with ".")',)),
        (".a", ('it has an empty part between dots (or starts or ends with ".")',)),
        ("a" * 254, ("it is 254 characters long (at most 253)",)),
    ],
)
def test_each_broken_subdomain_constraint_is_said(name: str, problems: tuple[str, ...]) -> None:
    assert subdomain_problems(name) == problems


def test_the_subject_names_what_is_checked() -> None:
    assert subdomain_problems("A", "the instance type name") == (
        "the instance type name contains uppercase letters",
    )


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("GPU_Large", "gpu-large"),
        ("-a", "a"),
        ("My.Big..Model", "my.big.model"),
        ("a\tb", "a-b"),
        ("a" * 300, "a" * 253),
        ("---", None),
        ("", None),
    ],
)
def test_a_valid_subdomain_is_suggested(name: str, suggestion: str | None) -> None:
    assert suggest_subdomain(name) == suggestion


@pytest.mark.parametrize(
    ("key", "problems"),
    [
        ("app", ()),
        ("example.com/app", ()),
        ("nvidia.com/gpu.product", ()),
        ("a/b/c", ('it has more than one "/"',)),
        ("/app", ('the prefix before "/" is empty',)),
        ("Example.com/app", ("the prefix contains uppercase letters",)),
        ("example.com/", ("the name is empty",)),
        ("app_", ("the name must start and end with a letter or digit",)),
        ("a" * 64, ("the name is 64 characters long (at most 63)",)),
    ],
)
def test_label_keys(key: str, problems: tuple[str, ...]) -> None:
    assert label_key_problems(key) == problems


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("", ()),
        ("Standard_NC6s_v3", ()),
        ("v1.0", ()),
        ("-x", ("it must start and end with a letter or digit",)),
        ("x y", ('it contains " "',)),
        ("a" * 63, ()),
        ("a" * 64, ("it is 64 characters long (at most 63)",)),
    ],
)
def test_label_values(value: str, problems: tuple[str, ...]) -> None:
    assert label_value_problems(value) == problems
    assert (LABEL_TEXT.fullmatch(value) is not None and len(value) <= 63) == (
        value != "" and not problems
    )
