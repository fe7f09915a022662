"""AML301-AML304: what requests and limits must hold, and how they relate."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from linter.core import pointer as jp
from linter.core.fixes import MoveEntry
from linter.domain.templating import is_placeholder
from linter.project.resource_lists import (
    CPU,
    EXAMPLE_AMOUNTS,
    GPU,
    MEMORY,
    RESOURCE_KINDS,
    SECTIONS,
    SMALL_MEMORY,
    SMALLEST_CPU,
    SUPPORTED_RESOURCES,
    intended_resource,
    profile_of,
    required_resources,
    resource_entries,
    section_pointer,
)
from linter.rule import Document, ProjectContext, Report, Severity, rule


def _misspelt(document: Document, section: str) -> dict[str, str]:
    """Supported resource -> the unsupported key of `section` that misspells it (`CPU`)."""
    found: dict[str, str] = {}
    for entry in resource_entries(document, section):
        if entry.resource not in SUPPORTED_RESOURCES:
            intended = intended_resource(entry.name)
            if intended is not None:
                found.setdefault(intended, entry.name)
    return found


# Below these, the other section's amount is itself a mistake (AML206/AML207): not copied.
_PLAUSIBLE_MINIMUM = {CPU: SMALLEST_CPU, MEMORY: Fraction(SMALL_MEMORY)}


def _suggested_amount(document: Document, section: str, resource: str) -> str:
    """What to write for a missing resource: the other section's amount, else an example."""
    other = "limits" if section == "requests" else "requests"
    for entry in resource_entries(document, other):
        plausible = _PLAUSIBLE_MINIMUM.get(resource, Fraction(1))
        if entry.resource == resource and entry.quantity and entry.quantity.value >= plausible:
            return f'"{entry.text}"'
    return EXAMPLE_AMOUNTS[resource]



@rule("AML301", "missing-request-or-limit", Severity.ERROR, RESOURCE_KINDS)
def missing_request_or_limit(document: Document, context: ProjectContext) -> Iterator[Report]:
    """cpu or memory missing from requests or limits.

    ## What it checks
    In an InstanceType: `spec.resources` must have both `requests` and `limits`, and each
    must set `cpu` and `memory`. A missing section is reported at `resources`, a missing
    resource at its section, with an amount to add (the other section's, or an example).
    A section indented one level too high (`spec.limits`) is left to AML102.
    A resource that is only misspelt (`CPU`, `memroy`) is left to AML304, which reports it
    as an error. `spec.resources` itself missing is AML101's. In a Kubernetes deployment,
    when `resources` is present: `requests` must set `cpu` and `memory`, and `limits` must
    set them too when it sets a GPU (`nvidia.com/gpu` or `gpu`); limits may be left out for
    CPU-only work.

    ## Why
    The Azure ML docs' rules for creating an instance type: cpu and memory are required in
    requests and in limits, and the instance type is rejected otherwise. Without a request
    the scheduler reserves nothing and packs pods onto full nodes; without a limit a pod
    may take the whole node.

    ## Example
    ```yaml
    spec:
      resources:
        limits:
          cpu: "1"
          nvidia.com/gpu: 1
    ```

    ## Use instead
    ```yaml
    spec:
      resources:
        requests:
          cpu: "1"
          memory: "4Gi"
        limits:
          cpu: "1"
          memory: "4Gi"
          nvidia.com/gpu: 1
    ```

    ## Options
    None.
    """
    profile = profile_of(document)
    resources = document.get(profile.resources_pointer)
    if not isinstance(resources, dict):
        return  # absent (AML101) or not a mapping (AML103)
    where = jp.dotted(profile.resources_pointer)
    for section in SECTIONS:
        required = required_resources(document, section)
        if not required:
            continue
        if section not in resources:
            if document.has(jp.join(jp.parent(profile.resources_pointer), section)):
                continue  # mis-indented one level too high: AML102 says so
            amounts = ", ".join(f"{r}: {_suggested_amount(document, section, r)}" for r in required)
            yield document.report(
                profile.resources_pointer,
                f"{where} has no {section}; {profile.noun} must set {_both(required)} in "
                f"{section}: add {section}: {{{amounts}}}",
                at="key",
            )
            continue
        values = resources[section]
        if not isinstance(values, dict):
            continue  # AML103
        misspelt = _misspelt(document, section)
        missing = [r for r in required if r not in values and r not in misspelt]
        if missing:
            add = " and ".join(f"{r}: {_suggested_amount(document, section, r)}" for r in missing)
            yield document.report(
                section_pointer(document, section),
                f"{where}.{section} has no {' or '.join(missing)}; {profile.noun} must set "
                f"{_both(required)} in {section}: add {add}",
                at="key",
            )


def _both(resources: tuple[str, ...]) -> str:
    return " and ".join(resources)


@rule("AML302", "request-exceeds-limit", Severity.ERROR, RESOURCE_KINDS)
def request_exceeds_limit(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A request greater than its limit.

    ## What it checks
    Each resource set in both `requests` and `limits`, compared exactly as quantities:
    `"1Gi"` equals `"1024Mi"` equals `"1073741824"`, `"1500m"` equals `"1.5"`. Reported at
    the request, with the limit as a related location. A GPU request is AML303's; a zero or
    negative limit is AML202's or AML203's; placeholders are not compared.

    ## Why
    Kubernetes rejects every pod whose request exceeds its limit (`must be less than or
    equal to cpu limit`), so no job or deployment can run on this instance type.

    ## Example
    ```yaml
    requests:
      memory: "2Gi"
    limits:
      memory: "1500Mi"
    ```

    ## Use instead
    ```yaml
    requests:
      memory: "1500Mi"
    limits:
      memory: "2Gi"
    ```

    ## Options
    None.
    """
    limits = {entry.resource: entry for entry in resource_entries(document, "limits")}
    for request in resource_entries(document, "requests"):
        limit = limits.get(request.resource)
        if request.resource == GPU or limit is None:
            continue
        if request.quantity is None or limit.quantity is None or limit.quantity.value <= 0:
            continue
        if request.quantity.value > limit.quantity.value:
            yield document.report(
                request.pointer,
                f"{request.place} {request.shown} is more than {limit.place} {limit.shown}; a "
                f"request may not exceed its limit: lower the request to at most {limit.shown} "
                "or raise the limit",
                related=(document.related(limit.pointer, "the limit"),),
            )


@rule("AML303", "gpu-in-requests", Severity.ERROR, RESOURCE_KINDS, fixable=True)
def gpu_in_requests(document: Document, context: ProjectContext) -> Iterator[Report]:
    """`nvidia.com/gpu` under requests: Azure ML takes the GPU count from limits only.

    ## What it checks
    A `nvidia.com/gpu` key (in a deployment, also `gpu`) under `requests`. When `limits`
    has no GPU, the fix moves the
    entry there (creating `limits` if it is absent); when `limits` already sets one, the
    request is to be deleted (not fixed automatically: the two counts may differ), and the
    limit is shown as a related location.

    ## Why
    The Azure ML docs: `nvidia.com/gpu` is an integer value that "can only be specified in
    the limits section". Kubernetes itself sets the GPU request equal to the limit; a GPU
    in requests alone makes the instance type invalid for Azure ML.

    ## Example
    ```yaml
    requests:
      cpu: "1"
      memory: "4Gi"
      nvidia.com/gpu: 1
    limits:
      cpu: "1"
      memory: "4Gi"
    ```

    ## Use instead
    ```yaml
    requests:
      cpu: "1"
      memory: "4Gi"
    limits:
      cpu: "1"
      memory: "4Gi"
      nvidia.com/gpu: 1
    ```

    ## Options
    None.
    """
    limits_pointer = section_pointer(document, "limits")
    limits = document.get(limits_pointer)
    limit = next((e for e in resource_entries(document, "limits") if e.resource == GPU), None)
    for entry in resource_entries(document, "requests"):
        if entry.resource != GPU:
            continue
        name = entry.name
        message = f"{name} is set in requests; Azure ML takes the GPU count from limits only"
        if limit is not None:
            yield document.report(
                entry.pointer,
                f"{message}: delete it here (limits sets {limit.name}: {limit.shown})",
                at="key",
                related=(document.related(limit.pointer, "the GPU limit"),),
            )
        else:
            movable = isinstance(limits, dict) or not document.has(limits_pointer)
            move = MoveEntry(
                source_pointer=entry.pointer,
                target_mapping_pointer=limits_pointer,
                description=f"move {name} from requests to limits",
            )
            fix = move if movable else None
            yield document.report(entry.pointer, f"{message}: move it to limits", at="key", fix=fix)


@rule("AML304", "unsupported-resource", Severity.WARNING, RESOURCE_KINDS)
def unsupported_resource(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A resource other than cpu, memory and `nvidia.com/gpu`.

    ## What it checks
    Every key under `requests` and `limits`. In an InstanceType, other resources
    (`ephemeral-storage`, `hugepages-2Mi`, `amd.com/gpu`) are a warning; in a Kubernetes
    deployment's `resources` they are an error, since its schema takes only `cpu`, `memory`
    and `nvidia.com/gpu` (or `gpu`, the SDK's name for it). A key that
    misspells a supported resource (`CPU`, `memroy`, `nvidia.com/gpus`, `gpu`) gets a "did
    you mean"; when that leaves cpu or memory missing where they are required, it is an
    error (AML301 then stays quiet about it).

    ## Why
    The Azure ML docs define instance type resources as CPU, memory and NVIDIA GPU only;
    other names may be ignored by the extension or rejected by deployments validated
    against the instance type. Resource names are case-sensitive in Kubernetes: `CPU` is
    not `cpu`, and the pod simply gets no cpu request.

    ## Example
    ```yaml
    limits:
      CPU: "1"
      memory: "2Gi"
      ephemeral-storage: "10Gi"
    ```

    ## Use instead
    ```yaml
    limits:
      cpu: "1"
      memory: "2Gi"
    ```

    ## Options
    None.
    """
    profile = profile_of(document)
    for entry in resource_entries(document):
        if entry.resource in SUPPORTED_RESOURCES or is_placeholder(entry.name):
            continue
        intended = intended_resource(entry.name)
        head = f'"{entry.name}" in {entry.section} is not a resource Azure ML supports'
        if intended is None:
            consequence = (
                "the Azure ML CLI rejects it"
                if profile.unsupported is Severity.ERROR
                else "the extension may ignore it"
            )
            yield document.report(
                entry.pointer,
                f"{head} in {profile.noun} (only cpu, memory and {GPU}); {consequence}: remove it",
                at="key",
                severity=profile.unsupported,
            )
            continue
        values = document.mapping(section_pointer(document, entry.section))
        required = required_resources(document, entry.section)
        missing = intended in required and intended not in values
        consequence = f" (as written, {entry.section} has no {intended})" if missing else ""
        yield document.report(
            entry.pointer,
            f'{head}; did you mean "{intended}"? Resource names are case-sensitive{consequence}',
            at="key",
            severity=Severity.ERROR if missing else profile.unsupported,
        )
