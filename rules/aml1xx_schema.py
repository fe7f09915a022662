"""Structure rules driven by the JSON Schemas: each failing schema keyword is its own rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter.core import pointer as jp
from linter.core.spelling import closest_match
from linter.domain.schema_check import SCHEMA_KINDS, SchemaError, errors_for
from linter.project.resource_lists import RESOURCE_KINDS, SECTIONS, section_pointer
from linter.rule import Document, ProjectContext, Report, Severity, describe, rule

_ROOT_ANCHOR = "/kind"  # where a field missing at the top level is reported


def _place(pointer: str) -> str:
    return jp.dotted(pointer) if pointer else "the document"


@rule("AML101", "missing-field", Severity.ERROR, SCHEMA_KINDS)
def missing_field(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A required field is absent or null.

    ## What it checks
    The fields the InstanceType CRD requires: `metadata.name`, `spec` and `spec.resources`
    (also in every item of an InstanceTypeList), and the fields the Azure ML schemas require
    in the sections we check. A required field set to `null` (or left empty: `spec:`) counts
    as missing. Reported at the key of the mapping that lacks it. A field that is only
    misspelt (`spec.resource` beside a missing `spec.resources`) is left to AML102, which
    suggests the right spelling.

    ## Why
    The API server rejects the object ("spec.resources: Required value"), and an instance
    type without resources gives its pods none.

    ## Example
    ```yaml
    apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata:
      name: cpu-small
    spec:
      nodeSelector:
        pool: cpu
    ```

    ## Use instead
    ```yaml
    apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata:
      name: cpu-small
    spec:
      nodeSelector:
        pool: cpu
      resources:
        requests: {cpu: "500m", memory: "1Gi"}
        limits: {cpu: "1", memory: "2Gi"}
    ```

    ## Options
    None.
    """
    reported: set[tuple[str, str]] = set()  # jsonschema gives one error per missing name
    for error in errors_for(document, "required"):
        misspelt = _misspelt_fields(error.instance, error.schema)
        missing = [name for name in error.schema["required"] if name not in error.instance]
        for name in missing:
            if name in misspelt or (error.pointer, name) in reported:
                continue
            reported.add((error.pointer, name))
            field = jp.dotted(jp.join(error.pointer, name))
            anchor = error.pointer or _ROOT_ANCHOR
            yield document.report(anchor, f"required field {field} is missing", at="key")
    for error in errors_for(document, "type"):
        if _is_null_required(error):
            message = f"required field {jp.dotted(error.pointer)} is empty (null)"
            yield document.report(error.pointer, message, at="key")


@rule("AML102", "unknown-field", Severity.ERROR, SCHEMA_KINDS)
def unknown_field(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A key that the resource does not have; the closest valid key is suggested.

    ## What it checks
    Keys the InstanceType CRD (or the checked Azure ML section) does not define: a typo
    (`spec.resource`, `metadata.nmae`) or a key at the wrong depth (`spec.limits`: requests
    and limits mis-indented out of `resources`).

    ## Why
    The API server prunes or rejects unknown fields: a mis-indented `limits:` silently
    vanishes and the pods run without the limits you wrote.

    ## Example
    ```yaml
    spec:
      resources:
        requests: {cpu: "1", memory: "1Gi"}
      limits: {cpu: "1", memory: "1Gi"}
    ```

    ## Use instead
    ```yaml
    spec:
      resources:
        requests: {cpu: "1", memory: "1Gi"}
        limits: {cpu: "1", memory: "1Gi"}
    ```

    ## Options
    None.
    """
    for error in errors_for(document, "additionalProperties"):
        if _is_resource_list(document, error.pointer):
            continue  # a resource the kind does not take: AML304 reports it, as an error there
        allowed = list(error.schema.get("properties", {}))
        for key in error.instance:
            if key in allowed:
                continue
            pointer = jp.join(error.pointer, key)
            where = _place(error.pointer)
            message = _unknown_message(key, where, allowed, error.pointer)
            yield document.report(pointer, message, at="key")


def _is_resource_list(document: Document, pointer: str) -> bool:
    """Whether `pointer` is the requests or limits mapping of a kind with a resource profile."""
    if document.kind not in RESOURCE_KINDS:
        return False
    return pointer in {section_pointer(document, section) for section in SECTIONS}


def _misspelt_fields(instance: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The defined fields that an unknown key of `instance` (one AML102 reports) is a close
    match of."""
    if schema.get("additionalProperties") is not False:
        return set()
    allowed = schema.get("properties", {})
    unknown = [key for key in instance if key not in allowed]
    return {match for key in unknown if (match := closest_match(key, allowed)) is not None}


def _unknown_message(key: str, where: str, allowed: list[str], parent: str) -> str:
    message = f'unknown field "{key}" in {where}'
    if key in ("requests", "limits") and parent.endswith("/spec"):
        return message + f"; {key} belongs under spec.resources (indent it one level deeper)"
    close = closest_match(key, allowed)
    if close:
        return message + f'; did you mean "{close}"?'
    return message + (f"; expected one of: {', '.join(allowed)}" if allowed else "")


@rule("AML103", "wrong-type", Severity.ERROR, SCHEMA_KINDS)
def wrong_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A value of the wrong YAML type: a list where a mapping belongs, a mapping where a
    string belongs.

    ## What it checks
    Every value against the type the CRD or Azure ML schema declares (`spec` must be a
    mapping, `metadata.name` a string, `resources.limits` a mapping of quantities).
    A required field that is `null` is reported by AML101 instead.

    ## Why
    The API server rejects the object ("spec.resources.limits: Invalid type: expected
    object, got array").

    ## Example
    ```yaml
    spec:
      resources:
        limits:
          - cpu: "1"
    ```

    ## Use instead
    ```yaml
    spec:
      resources:
        limits:
          cpu: "1"
    ```

    ## Options
    None.
    """
    for error in errors_for(document, "type"):
        if _is_null_required(error):
            continue  # AML101's
        expected = error.schema["type"]
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        yield document.report(
            error.pointer,
            f"{_place(error.pointer)} must be {_article(wanted)}, not {describe(error.instance)}",
        )


def _article(type_name: str) -> str:
    words = {"object": "a mapping", "array": "a list", "string": "a string",
             "integer": "an integer", "number": "a number", "boolean": "a boolean"}
    return " or ".join(words.get(t, t) for t in type_name.split(" or "))


def _is_null_required(error: SchemaError) -> bool:
    """A required key written with no value: AML101 reports it, not as a type error."""
    return error.instance is None and error.required
