"""The README's rule table, generated from the rules' own metadata (`amlarc-lint rules --markdown`).

Each id cell carries an HTML anchor (`docs_links.rule_anchor`), which is where SARIF
`helpUri` and the JSON `help_uri` point.
"""

from __future__ import annotations

from collections.abc import Iterable

from linter.core.docs_links import rule_anchor
from linter.rule import Rule

HEADER = (
    "| Rule | Name | Severity | Fixable | What it reports |",
    "| --- | --- | --- | --- | --- |",
)


def markdown_table(rules: Iterable[Rule]) -> str:
    rows = [
        f'| <a id="{rule_anchor(r.id)}"></a>{r.id} | `{r.name}` | {r.severity.label} | '
        f"{'yes' if r.fixable else ''} | {_cell(r.summary)} |"
        for r in rules
    ]
    return "\n".join([*HEADER, *rows]) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
