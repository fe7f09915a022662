"""Which azure-ai-ml callable a dotted import path names, by the SDK's own tables."""

from __future__ import annotations

import pytest

from linter.source.sdk_api import sdk_callable


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("azure.ai.ml.entities.ResourceSettings", "ResourceSettings"),
        # the module that defines it
        ("azure.ai.ml.entities._deployment.container_resource_settings.ResourceSettings",
         "ResourceSettings"),
        ("azure.ai.ml.command", "command"),
        ("azure.ai.ml.entities._builders.command_func.command", "command"),
        # a public module that does not export it: a broken import, still the SDK's class
        ("azure.ai.ml.dsl.ResourceSettings", "ResourceSettings"),
        ("set_resources", "set_resources"),  # a method, never imported
    ],
)
def test_the_sdks_callables_by_any_path_that_names_them(path: str, name: str) -> None:
    assert sdk_callable(path) == name


@pytest.mark.parametrize(
    "path",
    [
        "azure.ai.ml._restclient.v2022_05_01.models.ResourceSettings",  # the REST model
        "mypackage.ResourceSettings",
        "azure.ai.ml.entities.NotAClass",
        "azure.ai.ml.entities.set_resources",  # a method, not a module's name
        "ResourceSettings",
        "",
    ],
)
def test_other_paths_name_no_sdk_callable(path: str) -> None:
    assert sdk_callable(path) is None
