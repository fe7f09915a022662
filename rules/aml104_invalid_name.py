"""AML104: an instance type name that Kubernetes does not accept as an object name."""

from __future__ import annotations

from collections.abc import Iterator

from linter.domain.kubernetes_names import SUBDOMAIN_MAX, subdomain_problems, suggest_subdomain
from linter.domain.templating import is_placeholder
from linter.rule import Document, ProjectContext, Report, Severity, rule
from linter.source.kinds import INSTANCE_TYPE_KINDS

_SHOWN = 60  # characters of a long name that a message repeats


@rule("AML104", "invalid-name", Severity.ERROR, INSTANCE_TYPE_KINDS)
def invalid_name(document: Document, context: ProjectContext) -> Iterator[Report]:
    """`metadata.name` is not a DNS-1123 subdomain.

    ## What it checks
    The name of every InstanceType (and of every item of an InstanceTypeList): lowercase
    letters, digits, `-` and `.`, each dot-separated part starting and ending with a letter
    or digit, at most 253 characters. The message names each broken constraint and suggests
    a valid name (lowercased, other characters replaced by `-`). Names that are template
    placeholders (`$INSTANCE_TYPE_NAME`, `${NAME}`, `{{ name }}`, `<your name>`) are not
    checked. A name that is not a string is AML103's; a missing one AML101's. This rule is
    the only one that reports the schema's `pattern` and `maxLength` on the name.

    ## Why
    The API server validates the name of every object, custom resources included, with
    `IsDNS1123Subdomain`: `metadata.name: Invalid value: "GPU_Large": a lowercase RFC 1123
    subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start
    and end with an alphanumeric character`. `kubectl apply` fails and the instance type does
    not exist; jobs that name it cannot be scheduled.

    ## Example
    ```yaml
    metadata:
      name: GPU_Large
    ```

    ## Use instead
    ```yaml
    metadata:
      name: gpu-large
    ```
    Rename it in the jobs and deployments that select it (`instance_type: gpu-large`) too.

    ## Options
    None.
    """
    name = document.get("/metadata/name")
    if not isinstance(name, str) or is_placeholder(name):
        return
    problems = subdomain_problems(name)
    if not problems:
        return
    suggestion = suggest_subdomain(name) if len(name) <= SUBDOMAIN_MAX else None
    instead = f': write "{suggestion}"' if suggestion else ""
    shown = name if len(name) <= _SHOWN else name[: _SHOWN - 1] + "…"
    yield document.report(
        "/metadata/name",
        f'instance type name "{shown}" is not a valid Kubernetes name: {"; ".join(problems)}; '
        'a name is at most 253 lowercase letters, digits, "-" and ".", starting and ending '
        f"with a letter or digit{instead}",
    )
