"""AML205-AML207: valid quantities that make no sense for their resource."""

from __future__ import annotations

import math
import string
from collections.abc import Iterator
from fractions import Fraction

from linter.core.quantity import Quantity, QuantityFormat, format_quantity
from linter.project.resource_lists import (
    CPU,
    GPU,
    MEMORY,
    RESOURCE_KINDS,
    SMALL_MEMORY,
    SMALLEST_CPU,
    amounts,
    decimal_text,
    profile_of,
)
from linter.rule import Document, ProjectContext, Report, Severity, rule


@rule("AML205", "gpu-not-integer", Severity.ERROR, RESOURCE_KINDS)
def gpu_not_integer(document: Document, context: ProjectContext) -> Iterator[Report]:
    """`nvidia.com/gpu` is not a whole number.

    ## What it checks
    Every `nvidia.com/gpu` amount (`0.5`, `"500m"`, `1.5`), and in a deployment's
    `resources` every `gpu` amount (the SDK's name for it). Whole numbers in any notation
    are fine (`1`, `"2"`, `1.0`); `0` and null mean no GPU.

    ## Why
    GPUs are extended resources, which Kubernetes hands out only whole: pod validation
    fails with `must be an integer`, and the Azure ML docs call the GPU count an integer
    value. To share a GPU, use a GPU-sharing setup on the nodes, not a fraction here.

    ## Example
    ```yaml
    limits:
      nvidia.com/gpu: 0.5
    ```

    ## Use instead
    ```yaml
    limits:
      nvidia.com/gpu: 1
    ```

    ## Options
    None.
    """
    for entry, quantity in amounts(document):
        value = quantity.value
        if entry.resource != GPU or value < 0 or value.denominator == 1:
            continue
        low, high = math.floor(value), math.ceil(value)
        low_text, high_text, none = (_count(document, n) for n in (low, high, 0))
        if low == 0:
            instead = f"{high_text} (or {none} for no GPU)"
        else:
            instead = f"{low_text} or {high_text}"
        yield document.report(
            entry.pointer,
            f"{entry.place} {entry.shown_with_value(quantity)} is not a whole number of GPUs; "
            f"Kubernetes gives GPUs out whole: write {instead}",
        )


def _count(document: Document, count: int) -> str:
    """A GPU count as the kind wants it written: `1` in an InstanceType, `"1"` in a deployment."""
    return f'"{count}"' if GPU in profile_of(document).string_resources else str(count)


@rule("AML206", "cpu-precision", Severity.WARNING, RESOURCE_KINDS)
def cpu_precision(document: Document, context: ProjectContext) -> Iterator[Report]:
    """cpu finer than 1m (a thousandth of a core).

    ## What it checks
    `cpu` amounts that are not a whole number of millicores: `0.0001`, `"100u"`,
    `"1.0005"`.

    ## Why
    The Kubernetes docs: "Kubernetes doesn't allow you to specify CPU resources with a
    precision finer than 1m or 0.001 CPU". The value is rounded up to the next millicore
    when pods are created, so what runs is not what the file says.

    ## Example
    ```yaml
    requests:
      cpu: "100u"
    ```

    ## Use instead
    ```yaml
    requests:
      cpu: "1m"
    ```

    ## Options
    None.
    """
    for entry, quantity in amounts(document):
        value = quantity.value
        if entry.resource != CPU or value <= 0 or (value / SMALLEST_CPU).denominator == 1:
            continue
        rounded = format_quantity(math.ceil(value / SMALLEST_CPU) * SMALLEST_CPU)
        yield document.report(
            entry.pointer,
            f"{entry.place} {entry.shown_with_value(quantity)} is finer than 1m (a thousandth "
            f'of a core), which Kubernetes rounds up: write "{rounded}"',
        )


@rule("AML207", "suspicious-memory", Severity.WARNING, RESOURCE_KINDS)
def suspicious_memory(document: Document, context: ProjectContext) -> Iterator[Report]:
    """memory in millibytes (`512m`), or a bare number of bytes too small to be meant.

    ## What it checks
    `memory` amounts with a suffix that makes fractions of a byte (`m`, `u`, `n`: `"512m"`
    is 0.512 bytes), and bare numbers without a suffix below 1Mi (`2`, `"512"`), which count
    bytes. In a Kubernetes deployment's `resources`, also any memory below 1 MB (10^6 bytes,
    e.g. `"512Ki"`), the minimum the Azure ML docs give there. Zero is AML202's, negative
    amounts AML203's.

    ## Why
    In Kubernetes quantities, `m` means thousandths, not mega: `512m` of memory is half a
    byte, rounded up to one byte, and a number without a suffix is bytes. The pod is
    accepted and then killed for running out of memory at once (OOMKilled), or never fits
    the limit the instance type meant to give. The Azure ML docs write memory as a number
    with a suffix, e.g. `1024Mi`.

    ## Example
    ```yaml
    limits:
      memory: "512m"
    requests:
      memory: "2"
    ```

    ## Use instead
    ```yaml
    limits:
      memory: "512Mi"
    requests:
      memory: "2Gi"
    ```

    ## Options
    None.
    """
    floor = profile_of(document).memory_floor
    for entry, quantity in amounts(document):
        value = quantity.value
        if entry.resource != MEMORY or value <= 0:
            continue
        slip = _unit_slip(quantity)
        if slip is None and value < floor:
            slip = (
                f"below the {decimal_text(Fraction(floor))} bytes (1 MB) Azure ML requires of "
                f"memory in {profile_of(document).noun}",
                'write at least "1Mi"',
            )
        if slip is None:
            continue
        problem, instead = slip
        yield document.report(
            entry.pointer,
            f"{entry.place} {entry.shown} is {decimal_text(value)} bytes: {problem}; {instead}",
        )


def _unit_slip(quantity: Quantity) -> tuple[str, str] | None:
    """(what is wrong, what to write) for a memory amount whose unit is likely a slip."""
    if quantity.format is not QuantityFormat.DECIMAL_SI:
        return None
    number = quantity.text.rstrip(string.ascii_letters)
    suffix = quantity.text[len(number) :]
    if suffix == "m":
        problem = '"m" means thousandths, not mega'
        return problem, f'did you mean "{number}Mi" (2^20 bytes) or "{number}M" (10^6 bytes)?'
    if suffix in ("u", "n"):
        problem = f'"{suffix}" means {"millionths" if suffix == "u" else "billionths"}'
        return problem, 'write memory with a suffix such as "Mi" or "Gi"'
    if not suffix and quantity.value < SMALL_MEMORY:
        problem = "a number without a suffix counts bytes"
        return problem, f'did you mean "{number}Mi" (2^20 bytes) or "{number}Gi" (2^30 bytes)?'
    return None
