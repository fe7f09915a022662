"""AML401: a job or Kubernetes deployment names an instance type its cluster does not have."""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.core.spelling import closest_match
from linter.domain.kubernetes_names import subdomain_problems
from linter.domain.workloads import Workload, literal_instance_type, workloads
from linter.project.resolution import Resolution, known_names, resolve, scopes_of
from linter.rule import Document, Kind, Location, ProjectContext, Report, Severity, rule
from linter.source.kinds import JOB_KINDS

_VM_SIZE = re.compile(r"^(standard|basic)_", re.IGNORECASE)


@rule(
    "AML401",
    "unknown-instance-type",
    Severity.ERROR,
    JOB_KINDS | {Kind.KUBERNETES_DEPLOYMENT},
    cross_file=True,
)
def unknown_instance_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A job or Kubernetes deployment names an instance type that its cluster scope neither
    defines nor lists in `known-instance-types`.

    ## What it checks
    `instance_type` of a Kubernetes online deployment, and `resources.instance_type` of a
    command or sweep job or of a pipeline step that runs on Kubernetes compute (its own
    `compute`, or the pipeline's `settings.default_compute`). A compute is Kubernetes when
    a compute attach file or a Kubernetes endpoint in the repository uses it, when the
    config lists it (`kubernetes-computes`, a cluster's `computes`), or when a workload on it
    names an instance type the repository defines. The name must be defined by an
    InstanceType in the compute's cluster scope, be `defaultinstancetype` (which every
    cluster has), or be listed in `known-instance-types`. The message suggests the closest
    defined name, with a related location at its definition.

    On a compute the repository does not describe (no compute attach file, not in the
    config), a name that is not shaped like an Azure VM size and is one or two edits (letter
    case aside) from an instance type the repository defines is almost surely a typo of it
    (`gpu-t5` beside a defined `gpu-t4`): reported as a warning, with the did-you-mean.

    Never reported: Azure VM sizes (`Standard_DS3_v2`) of managed deployments and of jobs on
    AmlCompute or serverless compute, and values that are templates or expressions
    (`${{parent.inputs.instance_type}}`, `{{ITYPE}}`, `<instance_type_name>`, `$GPU`), which
    cannot be checked before they are filled in.

    ## Why
    Azure ML looks the name up among the cluster's InstanceType resources: a job naming one
    that does not exist stays queued or fails, and a deployment fails to create. Names are
    case-sensitive Kubernetes names, unique per cluster (Azure ML docs, "Create and manage
    instance types").

    ## Example
    ```yaml
    command: python train.py
    compute: azureml:k8s-compute
    resources:
      instance_type: gpu-lage
    ```

    ## Use instead
    ```yaml
    command: python train.py
    compute: azureml:k8s-compute
    resources:
      instance_type: gpu-large
    ```

    ## Options
    `known-instance-types`: names defined on the cluster but not in this repository.
    `kubernetes-computes` and `clusters`: which computes are Kubernetes, and which cluster
    scope (InstanceType files) each one resolves names in.
    """
    resolutions = resolve(document, context)
    for resolution in resolutions:
        if resolution.checkable and not resolution.known:
            yield _report(document, context, resolution)
    on_kubernetes = {resolution.workload for resolution in resolutions}
    for workload in workloads(document):
        if workload not in on_kubernetes and workload.compute is not None:
            yield from _typo_on_unknown_compute(document, context, workload)


def _typo_on_unknown_compute(
    document: Document, context: ProjectContext, workload: Workload
) -> Iterator[Report]:
    """A name one or two edits from a defined one, on a compute of unknown type: a warning.
    An Azure VM size always starts with `Standard_`; anything shaped like one is left alone."""
    name = literal_instance_type(document, workload)
    if name is None or _VM_SIZE.match(name):
        return
    defined = sorted({n for names in context.definitions.values() for n in names})
    close = [n for n in defined if edit_distance(name.casefold(), n.casefold()) <= _typo_edits(n)]
    if not close:
        return
    yield document.report(
        workload.instance_type_pointer,
        f'instance type "{name}" is not defined in this repository; {workload.label} runs on '
        f'compute "{workload.compute}", which the repository does not describe (no compute '
        "attach file, not in the config), but a name this close to a defined instance type, "
        f'and not an Azure VM size (those start with "Standard_"), is almost surely a typo: '
        f'did you mean "{close[0]}"?',
        related=_definition(context, None, close[0]),
        severity=Severity.WARNING,
    )


def _typo_edits(name: str) -> int:
    """How many edits still make a typo of `name`: one for a short name, two for a long one."""
    return 1 if len(name) < 8 else 2


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance (insertions, deletions and substitutions)."""
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _report(document: Document, context: ProjectContext, resolution: Resolution) -> Report:
    name = resolution.name or ""
    workload = resolution.workload
    message = f'instance type "{name}" is not defined in {_where(context, resolution)}'
    if context.settings.known_instance_types:
        message += " nor listed in known-instance-types"
    others = [f'"{s}"' for s in context.definitions if s and context.lookup(s, name)]
    if resolution.scope is not None and others:
        message += f" (it is defined in cluster scope {', '.join(others)})"
    invalid = subdomain_problems(name)
    if _VM_SIZE.match(name):
        message += (
            f"; it looks like an Azure VM size, but {workload.label} runs on Kubernetes, where "
            "instance_type names an InstanceType"
        )
    elif invalid:
        message += f"; no InstanceType can have this name ({'; '.join(invalid)})"
    pointer = workload.instance_type_pointer
    before = _removed(context, name)
    if before:
        message += " (this commit removes it)"
    close = closest_match(name, known_names(context, resolution.scope))
    if close is not None:
        related = before + _definition(context, resolution.scope, close)
        return document.report(pointer, f'{message}; did you mean "{close}"?', related=related)
    if not invalid:
        message += "; define it (kind: InstanceType) or list it in known-instance-types"
    return document.report(pointer, message, related=before)


def _removed(context: ProjectContext, name: str) -> tuple[Location, ...]:
    """Where HEAD defined a name that the staged commit removes (`check --staged`)."""
    definition = context.removed.get(name)
    location = definition.location("/metadata/name") if definition else None
    if location is None:
        return ()
    note = f'instance type "{name}" was defined here before this commit (HEAD)'
    return (location.related(note),)


def _where(context: ProjectContext, resolution: Resolution) -> str:
    if not context.settings.clusters:
        return "this repository"
    if resolution.scope is None:
        return "any cluster scope of this repository"
    return f'cluster scope "{resolution.scope}"'


def _definition(context: ProjectContext, scope: str | None, name: str) -> tuple[Location, ...]:
    for each in scopes_of(context, scope):
        definition = context.lookup(each, name)
        location = definition.location("/metadata/name") if definition else None
        if location is not None:
            return (location.related(f'instance type "{name}" is defined here'),)
    return ()
