"""AML204: a resource amount written as a YAML number where a string belongs, or the reverse."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.core.fixes import ReplaceScalar
from linter.project.resource_lists import RESOURCE_KINDS, profile_of, resource_entries
from linter.rule import Document, ProjectContext, Report, Severity, rule
from linter.source.scalar_text import string_scalar

_WHOLE_NUMBER = re.compile(r"0|[1-9][0-9]*")  # reads back as the same YAML integer unquoted


@rule("AML204", "quoting", Severity.WARNING, RESOURCE_KINDS, fixable=True)
def quoting(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A resource amount quoted where it should be a number, or a number where it should be
    a string.

    ## What it checks
    In an InstanceType (a warning): `cpu` and `memory` written as bare YAML numbers
    (`cpu: 1`, `memory: 2`), and a GPU count written as a quoted string
    (`nvidia.com/gpu: "1"`). The fix adds or drops the quotes; the value stays the same.
    Plain strings such as `cpu: 500m` are strings already and are fine. Template
    placeholders are not checked. In a Kubernetes deployment's `resources` (an error):
    `cpu`, `memory` and the GPU count (`nvidia.com/gpu`, or `gpu`) written as bare YAML
    numbers; there all three must be strings (`nvidia.com/gpu: "1"`).

    ## Why
    The Azure ML docs ask for cpu and memory as string values and for the GPU count as an
    integer, and show `cpu: "1"`, `memory: "2Gi"`, `nvidia.com/gpu: 1`. Kubernetes itself
    accepts both spellings in an InstanceType, so this is a warning there; in deployment
    YAML the Azure ML CLI rejects `cpu: 1` ("Not a valid string"), so keeping one spelling
    everywhere avoids the copy-paste that breaks a deployment.

    ## Example
    ```yaml
    limits:
      cpu: 1
      memory: "2Gi"
      nvidia.com/gpu: "1"
    ```

    ## Use instead
    ```yaml
    limits:
      cpu: "1"
      memory: "2Gi"
      nvidia.com/gpu: 1
    ```

    ## Options
    None. The severity can be raised with `severity = { AML204 = "error" }`.
    """
    profile = profile_of(document)
    for entry in resource_entries(document):
        if entry.quantity is None or entry.text is None:
            continue
        if entry.resource in profile.string_resources and entry.yaml_type in ("int", "float"):
            new_text = string_scalar(entry.text, '"')
            message = (
                f"{entry.place} is the YAML number {entry.raw}; {entry.name} in {profile.noun} "
                f"should be a string: write {new_text}"
            )
            action = "add the quotes"
        elif (
            entry.resource in profile.integer_resources
            and entry.quoted
            and _WHOLE_NUMBER.fullmatch(entry.text)
        ):
            new_text = entry.text
            message = (
                f'{entry.place} is the string "{entry.text}"; {entry.name} in {profile.noun} '
                f"should be a whole number without quotes: write {new_text}"
            )
            action = "drop the quotes"
        else:
            continue
        fix = ReplaceScalar(
            pointer=entry.pointer, new_text=new_text, description=f"{action}: {new_text}"
        )
        yield document.report(entry.pointer, message, fix=fix, severity=profile.quoting)
