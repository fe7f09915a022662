"""The README's rule table, generated from the rules' own metadata (`amlarc-lint rules --markdown`),
and the same list as JSON for scripts (`amlarc-lint rules --format json`).

Each id cell carries an HTML anchor (`docs_links.rule_anchor`), which is where SARIF
`helpUri` and the JSON `help_uri` point.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from linter.core.docs_links import rule_anchor, rule_doc_url
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


def rules_json(rules: Iterable[Rule]) -> str:
    """`[{"id", "name", "severity", "fixable", "summary", "help_uri", "doc"}, …]` in id order."""
    listed = [
        {
            "id": r.id,
            "name": r.name,
            "severity": r.severity.label,
            "fixable": r.fixable,
            "summary": r.summary,
            "help_uri": rule_doc_url(r.id),
            "doc": r.doc,
        }
        for r in rules
    ]
    return json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
