"""Template placeholders: values a tool fills in later are not checked as literal values."""

from __future__ import annotations

import pytest

from linter.domain.templating import is_placeholder


@pytest.mark.parametrize(
    "value",
    [
        "$VAR",
        "${VAR}",
        "${VAR:-4Gi}",
        "$(pipeline.variable)",
        "${{parent.inputs.instance_type}}",
        "{{ .Values.cpu }}",
        "{{cpu}}",
        "<your name>",
        "<instance_type_name>",
        "gpu-${SIZE}",  # inside a name: the whole value is a template
        "cpu-<size>-pool",
    ],
)
def test_placeholders_are_recognised_anywhere_in_a_value(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    ["500m", "</failure>", "<br/>", "1</failure>", "<1abc>", "$5", "$", "price$", "{ x }", "{}"],
)
def test_markup_and_plain_values_are_not_placeholders(value: str) -> None:
    assert not is_placeholder(value)
