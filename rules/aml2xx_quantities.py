"""AML201-AML203: values of requests and limits that are not a usable amount at all."""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.fixes import ReplaceScalar
from linter.core.quantity import QuantityError, unambiguous_fix
from linter.project.resource_lists import (
    CPU,
    EXAMPLE_AMOUNTS,
    MEMORY,
    RESOURCE_KINDS,
    ResourceEntry,
    amounts,
    resource_entries,
)
from linter.rule import Document, ProjectContext, Report, Severity, rule
from linter.source.scalar_text import string_scalar

_NEVER_EMPTY = (CPU, MEMORY)


def _is_empty(entry: ResourceEntry) -> bool:
    """cpu or memory left null or blank: AML202's, not a syntax error."""
    blank = entry.yaml_type == "str" and entry.text is not None and not entry.text.strip()
    return entry.resource in _NEVER_EMPTY and (entry.yaml_type == "null" or blank)


@rule("AML201", "invalid-quantity", Severity.ERROR, RESOURCE_KINDS, fixable=True)
def invalid_quantity(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A resource amount that is not a Kubernetes quantity.

    ## What it checks
    Every value under `requests` and `limits` against the grammar of Kubernetes'
    `resource.Quantity`: a number (`1`, `0.5`, `.5`, `1e3`) with an optional suffix, binary
    (`Ki Mi Gi Ti Pi Ei`) or decimal (`n u m k M G T P E`). Suffixes are case-sensitive and
    have no `B` and no space: `2GB`, `1.5 Gi`, `500mi`, `1K` and `two` are not quantities.
    The message suggests what was likely meant (`2G` or `2Gi`); where only one reading makes
    sense (memory `500mi` -> `500Mi`, cpu `500mi` -> `500m`, `1 Gi` -> `1Gi`) the fix writes
    it. Template placeholders (`$CPU`, `{{ .Values.memory }}`) are not checked; empty cpu and
    memory are AML202's.

    ## Why
    The API server rejects the object (`quantities must match the regular expression
    '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`), and Azure ML rejects the deployment or
    job. `2GB` is the usual slip: Kubernetes writes gigabytes `2G` and gibibytes `2Gi`.

    ## Example
    ```yaml
    limits:
      memory: "2GB"
      cpu: "500mi"
    ```

    ## Use instead
    ```yaml
    limits:
      memory: "2Gi"
      cpu: "500m"
    ```

    ## Options
    None.
    """
    for entry in resource_entries(document):
        error = entry.parsed
        if not isinstance(error, QuantityError) or _is_empty(entry):
            continue
        intended = unambiguous_fix(error.text, cpu=entry.resource == CPU)
        fix = None
        if intended is not None:
            new_text = string_scalar(intended, entry.style)
            fix = ReplaceScalar(
                pointer=entry.pointer, new_text=new_text, description=f"write {new_text}"
            )
        yield document.report(entry.pointer, f"{entry.name} {error.message}", fix=fix)


@rule("AML202", "zero-quantity", Severity.ERROR, RESOURCE_KINDS)
def zero_quantity(document: Document, context: ProjectContext) -> Iterator[Report]:
    """cpu or memory is zero, empty or null.

    ## What it checks
    `cpu` and `memory` under `requests` and `limits` that are `0` (in any unit: `"0m"`,
    `"0Gi"`), an empty string, or null (`cpu:` with nothing after it). A GPU count of `0` or
    `null` is fine: it means "no GPU" (the built-in `defaultinstancetype` has
    `nvidia.com/gpu: null` in its limits).

    ## Why
    The Azure ML docs (resource section validation): cpu and memory are "string values,
    cannot be 0 or empty". A zero limit leaves the pod nothing to run on (or lets the
    scheduler place it anywhere, for a zero request); null is read as zero.

    ## Example
    ```yaml
    requests:
      cpu: "0"
      memory:
    ```

    ## Use instead
    ```yaml
    requests:
      cpu: "500m"
      memory: "1Gi"
    ```

    ## Options
    None.
    """
    for entry in resource_entries(document):
        if entry.resource not in _NEVER_EMPTY:
            continue
        example = EXAMPLE_AMOUNTS[entry.resource]
        if _is_empty(entry):
            what = "empty (null)" if entry.yaml_type == "null" else "an empty string"
        elif entry.quantity is not None and entry.quantity.value == 0:
            what = f"zero ({entry.shown})"
        else:
            continue
        yield document.report(
            entry.pointer,
            f"{entry.place} is {what}; Azure ML requires cpu and memory that are neither zero "
            f"nor empty: write an amount such as {example}",
        )


@rule("AML203", "negative-quantity", Severity.ERROR, RESOURCE_KINDS)
def negative_quantity(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A negative resource amount.

    ## What it checks
    Any value under `requests` and `limits` that parses as a quantity below zero (`"-1"`,
    `"-500m"`, `-2`).

    ## Why
    Kubernetes validation: `must be greater than or equal to 0`. The object (or, for an
    instance type, every pod created from it) is rejected.

    ## Example
    ```yaml
    limits:
      memory: "-4Gi"
    ```

    ## Use instead
    ```yaml
    limits:
      memory: "4Gi"
    ```

    ## Options
    None.
    """
    for entry, quantity in amounts(document):
        if quantity.value >= 0:
            continue
        positive = quantity.text.removeprefix("-")
        instead = f'"{positive}"' if entry.yaml_type == "str" else positive
        yield document.report(
            entry.pointer,
            f"{entry.place} {entry.shown} is negative; a resource amount cannot be below zero: "
            f"write {instead}",
        )
