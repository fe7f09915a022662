"""Which azure-ai-ml class or function a dotted import path names, by the SDK's own tables
(`linter.source.sdk_tables`): `azure.ai.ml.entities.ResourceSettings`, the module that defines
it (`azure.ai.ml.entities._deployment.container_resource_settings.ResourceSettings`), or a
public azure-ai-ml module that does not export it (a broken import, AML503's: the code means
the SDK's class). A same-named class of a private module (`azure.ai.ml._restclient...`, the
REST models) is not it."""

from __future__ import annotations

from linter.source.sdk_tables import CALLABLES, MODULE_EXPORTS

SET_RESOURCES = "set_resources"  # a method: called on a job or a pipeline node, never imported


def sdk_callable(path: str) -> str | None:
    """The table's name for the callable at `path` (`ResourceSettings`), or None."""
    if path == SET_RESOURCES:
        return path
    module, _, name = path.rpartition(".")
    entry = CALLABLES.get(name)
    if entry is None or name == SET_RESOURCES:
        return None
    return name if module == entry["module"] or module in MODULE_EXPORTS else None
