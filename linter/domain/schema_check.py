"""JSON Schema validation of a document; each failing keyword becomes one rule's finding.

jsonschema-rs answers "valid?" fast; only invalid documents go through Python
`jsonschema` (imported lazily) for its paths and keywords.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from linter.core import pointer as jp
from linter.domain.workloads import workloads
from linter.schemas import full_validator, load_schema, passes_fast_check
from linter.source.document import Document
from linter.source.kinds import JOB_KINDS, Kind

# kind -> the schema file (for jobs, of each workload's `resources`: `_checked_parts`); for
# the two kinds of the InstanceType schema, the alternative of its root `oneOf` they are
# (one error per failing keyword, not one `oneOf` error for the whole document)
SCHEMA_FOR_KIND: dict[Kind, str] = {
    Kind.INSTANCE_TYPE: "instancetype.schema.json#/$defs/instanceType",
    Kind.INSTANCE_TYPE_LIST: "instancetype.schema.json#/$defs/instanceTypeList",
    Kind.KUBERNETES_DEPLOYMENT: "kubernetes-online-deployment.schema.json",
    Kind.KUBERNETES_ENDPOINT: "kubernetes-online-endpoint.schema.json",
    Kind.COMMAND_JOB: "job-resources.schema.json",
    Kind.SWEEP_JOB: "job-resources.schema.json",
    Kind.PIPELINE_JOB: "job-resources.schema.json",
}
SCHEMA_KINDS = frozenset(SCHEMA_FOR_KIND)


class SchemaError(NamedTuple):
    keyword: str  # required, additionalProperties, type, pattern, ...
    pointer: str  # the failing instance, relative to the document view
    message: str
    schema: Any  # the schema object that holds the keyword
    instance: Any
    required: bool = False  # the failing value's key is required by its parent schema


def schema_errors(document: Document) -> list[SchemaError]:
    """Leaf schema errors of the document's schema-checked part (none for list items)."""
    if document.in_list or document.kind not in SCHEMA_FOR_KIND:
        return []
    name = SCHEMA_FOR_KIND[document.kind]
    cached = document.memo.get("schema_errors")
    if cached is None:
        parts = _checked_parts(document)
        cached = [e for part in parts for e in _validate(name, part, document.get(part))]
        document.memo["schema_errors"] = cached
    return cached


def _checked_parts(document: Document) -> list[str]:
    """The parts one schema checks: the document; for jobs, the `resources` of the job or of
    each pipeline step that has a job's resources (never a Spark step's: they have their own
    schema)."""
    if document.kind in JOB_KINDS:
        return [workload.resources_pointer for workload in workloads(document)]
    return [""]


def _validate(name: str, base: str, instance: Any) -> list[SchemaError]:
    if instance is None and base:
        return []
    if passes_fast_check(name, instance):
        return []
    root = load_schema(name)
    found = [
        SchemaError(
            keyword=e.validator,
            pointer=base + jp.from_path(e.absolute_path),
            message=e.message,
            schema=e.schema,
            instance=e.instance,
            required=_is_required(root, list(e.schema_path), e.absolute_path),
        )
        for e in full_validator(name).iter_errors(instance)
    ]
    return sorted(found, key=lambda e: (e.pointer, e.keyword, e.message))


def _is_required(root: dict[str, Any], schema_path: list[Any], instance_path: Any) -> bool:
    """Whether the failing value sits under a key its parent schema lists as required."""
    if len(schema_path) < 3 or schema_path[-3] != "properties" or not instance_path:
        return False
    parent = _following_refs(root, _schema_at(root, schema_path[:-3]), "required")
    return isinstance(parent, dict) and instance_path[-1] in parent.get("required", ())


def _schema_at(root: dict[str, Any], path: list[Any]) -> Any:
    """The subschema at a jsonschema `schema_path` (which runs through `$ref` targets)."""
    node: Any = root
    for token in path:
        node = _following_refs(root, node, token)[token]
    return node


def _following_refs(root: dict[str, Any], node: Any, key: Any) -> Any:
    """`node`, or the schema its `$ref` leads to when `key` is only there (a `$ref` may sit
    beside a title and a description)."""
    while isinstance(node, dict) and key not in node and "$ref" in node:
        node = jp.resolve(root, node["$ref"].removeprefix("#"))
    return node


def errors_for(document: Document, *keywords: str) -> list[SchemaError]:
    return [e for e in schema_errors(document) if e.keyword in keywords]
