"""AML011: an amlarc.azureml.com document whose apiVersion or kind the extension does not serve."""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.fixes import ReplaceScalar
from linter.core.spelling import closest_match
from linter.rule import Document, ProjectContext, Report, Severity, describe, rule
from linter.source.kinds import AMLARC_GROUP, AMLARC_KINDS
from linter.source.scalar_text import string_scalar

SERVED_VERSION = "v1alpha1"
API_VERSION = f"{AMLARC_GROUP}/{SERVED_VERSION}"
KINDS = ("InstanceType", "InstanceTypeList")


@rule("AML011", "unknown-api-version", Severity.ERROR, AMLARC_KINDS, fixable=True)
def unknown_api_version(document: Document, context: ProjectContext) -> Iterator[Report]:
    """An `amlarc.azureml.com` document with an API version or kind the extension does not serve.

    ## What it checks
    Every instance type document of the `amlarc.azureml.com` group (the group in any letter
    case): the apiVersion must be exactly `amlarc.azureml.com/v1alpha1` and the kind exactly
    `InstanceType` or `InstanceTypeList` (case matters: `Instancetype` is wrong). A kind that
    is a near miss (`Instancetype`, `InstanceTypes`, `Instance Type`) is reported with the
    right spelling; one that differs only in letter case is fixable. A document of the group
    without a kind is reported too. Any other kind of the group is not judged, but its
    apiVersion must still be `amlarc.azureml.com/v1alpha1`, the only version the group
    serves. Items of an
    InstanceTypeList may leave out `apiVersion` and `kind`; where they give them, the same
    holds (their kind must be `InstanceType`).

    ## Why
    The Azure ML extension installs one custom resource definition, `instancetypes` in the
    group `amlarc.azureml.com`, served at version `v1alpha1`. `kubectl apply` looks the kind
    and version up exactly and fails with `no matches for kind "Instancetype" in version
    "amlarc.azureml.com/v1alpha1"` (or `... in version "amlarc.azureml.com/v1alpha"`).

    ## Example
    ```yaml
    apiVersion: amlarc.azureml.com/v1alpha
    kind: Instancetype
    metadata:
      name: cpu-small
    ```

    ## Use instead
    ```yaml
    apiVersion: amlarc.azureml.com/v1alpha1
    kind: InstanceType
    metadata:
      name: cpu-small
    ```

    ## Options
    None.
    """
    if document.in_list:
        expected: tuple[str, ...] = ("InstanceType",)
    else:
        expected = KINDS
        if not document.has("/kind"):
            message = "the document has no kind; add kind: InstanceType (or InstanceTypeList)"
            yield document.report("/apiVersion", message, at="key")
            return
    kind = document.get("/kind")
    intended = _intended_kind(kind, expected, document.has("/items"))
    api_version = document.get("/apiVersion")
    if document.has("/apiVersion") and api_version != API_VERSION:
        yield document.report("/apiVersion", _version_message(api_version, document.in_list))
    if intended is not None and kind != intended:
        yield _kind_report(document, kind, intended)


def _intended_kind(kind: object, expected: tuple[str, ...], has_items: bool) -> str | None:
    """The instance type kind that `kind` is, or is a misspelling of (a document with
    `items` is a list); None for other kinds."""
    if not isinstance(kind, str):
        return None
    folded = kind.strip().lower()
    lowered = {k.lower(): k for k in expected}
    if folded in lowered:
        return lowered[folded]
    if closest_match(folded, lowered) is None:
        return None
    return expected[-1] if has_items else expected[0]


def _version_message(api_version: object, in_item: bool) -> str:
    text = api_version if isinstance(api_version, str) else describe(api_version)
    group, slash, version = text.partition("/")
    if group != AMLARC_GROUP:
        problem = f'the group is "{AMLARC_GROUP}" (lowercase, no spaces)'
    elif not slash or not version:
        problem = "it has no version"
    else:
        problem = f'the Azure ML extension serves version {SERVED_VERSION}, not "{version}"'
    leave_out = " (or leave it out in a list item)" if in_item else ""
    return f'apiVersion "{text}" is not served: {problem}; write "{API_VERSION}"{leave_out}'


def _kind_report(document: Document, kind: str, intended: str) -> Report:
    message = f'kind "{kind}" is not a kind the Azure ML extension serves; write "{intended}"'
    if kind.strip().lower() != intended.lower():
        return document.report("/kind", message)
    scalar = document.scalar("/kind")
    new_text = string_scalar(intended, scalar.style if scalar else None)
    fix = ReplaceScalar(pointer="/kind", new_text=new_text, description=f"write kind {intended}")
    return document.report("/kind", message + " (kinds are case-sensitive)", fix=fix)
