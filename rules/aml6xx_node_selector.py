"""AML601-AML603: the instance type's nodeSelector, alone and against the extension's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from linter.core import pointer as jp
from linter.core.fixes import ReplaceScalar
from linter.domain.kubernetes_names import label_key_problems, label_value_problems
from linter.domain.templating import is_placeholder
from linter.project.context import scope_of_definition
from linter.rule import Document, ProjectContext, Report, Severity, rule
from linter.source.kinds import INSTANCE_TYPE_KINDS
from linter.source.scalar_text import string_scalar

NODE_SELECTOR = "/spec/nodeSelector"
_TYPE_NAMES = {"bool": "boolean", "int": "integer", "float": "number"}


class Label(NamedTuple):
    """One `key: value` of a nodeSelector."""

    key: str
    pointer: str
    yaml_type: str  # the value's type as kubectl reads it; "collection" for a list or mapping
    raw: str | None  # the value as written (None for a collection)
    style: str | None

    @property
    def text(self) -> str | None:
        """The label value the user means: the text as written, for any scalar but null."""
        return None if self.yaml_type in ("null", "collection") else self.raw


def _labels(document: Document) -> Iterator[Label]:
    for key in document.mapping(NODE_SELECTOR):
        pointer = jp.join(NODE_SELECTOR, key)
        scalar = document.scalar(pointer)
        if scalar is None:
            yield Label(key=key, pointer=pointer, yaml_type="collection", raw=None, style=None)
        else:
            yield Label(
                key=key, pointer=pointer, yaml_type=scalar.type, raw=scalar.raw, style=scalar.style
            )


@rule("AML601", "node-selector-value-type", Severity.ERROR, INSTANCE_TYPE_KINDS, fixable=True)
def node_selector_value_type(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A nodeSelector value that YAML reads as something other than a string.

    ## What it checks
    Every value of `spec.nodeSelector`, read as kubectl reads it (go-yaml v2): `true`, `yes`,
    `on`, `y`, `N`, `1`, `0o17`, `1.5` and `1e3` are booleans and numbers (a date such as
    `2024-01-01` reaches Kubernetes as the text written, so it is fine). The fix quotes the
    value exactly as written (`gpu: true` -> `gpu: "true"`). A value left empty (null) is
    reported without a fix: write the label value you mean, or `""`. Lists and mappings are
    AML103's.

    ## Why
    A nodeSelector maps label names to label values, and both are strings: kubectl fails
    with `cannot unmarshal bool into Go struct field ... of type string`, and a null value
    is dropped, so the pods may land on any node.

    ## Example
    ```yaml
    spec:
      nodeSelector:
        gpu: true
        pool-size: 4
    ```

    ## Use instead
    ```yaml
    spec:
      nodeSelector:
        gpu: "true"
        pool-size: "4"
    ```

    ## Options
    None.
    """
    for label in _labels(document):
        if label.yaml_type == "null":
            yield document.report(
                label.pointer,
                f'nodeSelector "{label.key}" has no value (null); a node label value is a '
                f'string: write the value to match, or "" for an empty one',
            )
        elif label.yaml_type in _TYPE_NAMES and label.raw is not None:
            new_text = string_scalar(label.raw, '"')
            yield document.report(
                label.pointer,
                f'nodeSelector "{label.key}" is the YAML {_TYPE_NAMES[label.yaml_type]} '
                f"{label.raw}, not a string; kubectl rejects it: write {new_text}",
                fix=ReplaceScalar(
                    pointer=label.pointer,
                    new_text=new_text,
                    description=f"quote the value: {new_text}",
                ),
            )


@rule("AML602", "invalid-label", Severity.ERROR, INSTANCE_TYPE_KINDS)
def invalid_label(document: Document, context: ProjectContext) -> Iterator[Report]:
    """A nodeSelector key or value that is not valid Kubernetes label syntax.

    ## What it checks
    Keys: an optional prefix that is a DNS subdomain (lowercase, at most 253 characters)
    and `/`, then a name of at most 63 letters, digits, `-`, `_` and `.`, starting and
    ending with a letter or digit (`kubernetes.io/arch`, `agentpool`). Values: empty, or at
    most 63 of the same characters, starting and ending with a letter or digit. String
    values only (others are AML601's); placeholders are not checked.

    ## Why
    No node can carry such a label, so the selector can never match; Kubernetes rejects the
    pods the extension creates from the instance type (`name part must consist of
    alphanumeric characters, '-', '_' or '.'`), and jobs wait forever.

    ## Example
    ```yaml
    nodeSelector:
      GPU Type: nvidia t4
    ```

    ## Use instead
    ```yaml
    nodeSelector:
      gpu-type: nvidia-t4
    ```

    ## Options
    None.
    """
    for label in _labels(document):
        key_problems = _problems(label.key, label_key_problems)
        if key_problems:
            yield document.report(
                label.pointer,
                f'nodeSelector key "{label.key}" is not a valid Kubernetes label key: '
                f'{"; ".join(key_problems)}; a key is an optional DNS prefix and "/" '
                '(e.g. "kubernetes.io/") and a name of at most 63 letters, digits, "-", "_" '
                'and ".", starting and ending with a letter or digit',
                at="key",
            )
        value = label.raw if label.yaml_type == "str" else None
        value_problems = _problems(value, label_value_problems)
        if value_problems:
            yield document.report(
                label.pointer,
                f'nodeSelector value "{value}" of "{label.key}" is not a valid Kubernetes label '
                f"value: {'; '.join(value_problems)}; a label value is empty or at most 63 "
                'letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
            )


def _problems(text: str | None, check: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """What `check` finds wrong with `text`; nothing for no text or a template placeholder."""
    return () if text is None or is_placeholder(text) else check(text)


@rule("AML603", "extension-node-selector", Severity.ERROR, INSTANCE_TYPE_KINDS)
def extension_node_selector(document: Document, context: ProjectContext) -> Iterator[Report]:
    """The instance type's nodeSelector is not a subset of the extension's.

    ## What it checks
    Only with the nodeSelector the Azure ML extension was installed with: the
    `nodeSelector.<label>` settings of the cluster's `extension-settings` file, else
    `extension-node-selector` in the config. A key the extension also sets, with another
    value, is an error: no node can match both. A key the extension does not set is a warning: the
    instance type narrows the extension's nodes further, which the docs advise against.
    Placeholders are not compared.

    ## Why
    The Azure ML docs: when the extension is deployed with a nodeSelector, it applies to all
    instance types, and "the nodeSelector specified for each instance type you create should
    be a subset of the nodeSelector specified by the extension"; workloads run on nodes that
    match both. A conflicting value leaves no node at all, and the jobs stay queued.

    ## Example
    With `extension-node-selector = { agentpool = "mlpool" }`:
    ```yaml
    nodeSelector:
      agentpool: gpupool
      zone: west
    ```

    ## Use instead
    ```yaml
    nodeSelector:
      agentpool: mlpool
    ```

    ## Options
    `extension-node-selector` (config): the extension's nodeSelector, e.g.
    `extension-node-selector = { agentpool = "mlpool" }`; or `extension-settings`, whose
    `nodeSelector.*` settings take its place for that cluster. Without either, this rule is
    silent.
    """
    model = context.clusters.get(scope_of_definition(context.settings, document.path))
    extension = model.extension_selector if model else context.settings.extension_node_selector
    if not extension:
        return
    shown = ", ".join(f"{key}: {value}" for key, value in extension.items())
    for label in _labels(document):
        if label.text is None or is_placeholder(label.key) or is_placeholder(label.text):
            continue
        wanted = extension.get(label.key)
        if wanted is None:
            yield document.report(
                label.pointer,
                f'nodeSelector key "{label.key}" is not in the extension\'s nodeSelector '
                f"({shown}); an instance type's selector should be a subset of the "
                "extension's: remove it, or add it to the extension's nodeSelector "
                + (
                    "(and to its settings file)"
                    if model
                    else "and to extension-node-selector in the amlarc-lint config"
                ),
                at="key",
                severity=Severity.WARNING,
            )
        elif label.text != wanted:
            yield document.report(
                label.pointer,
                f'nodeSelector {label.key}: "{label.text}" conflicts with the extension\'s '
                f'{label.key}: "{wanted}": no node can match both, so pods never schedule: '
                f'write "{wanted}" or remove the key',
            )
