"""Where amlarc-lint's documentation lives on the web: one place for every output that links it.

A rule's documentation is its row in the README's rule table, which carries an HTML anchor
named after the lower-cased rule id: `<PROJECT_URL>/blob/main/README.md#aml302`. The full
text is also printed offline by `amlarc-lint rule AML302` and embedded in SARIF `help`.
"""

from __future__ import annotations

PROJECT_URL = "https://github.com/amlarc-lint/amlarc-lint"


def rule_anchor(rule_id: str) -> str:
    return rule_id.lower()


def rule_doc_url(rule_id: str) -> str:
    return f"{PROJECT_URL}/blob/main/README.md#{rule_anchor(rule_id)}"
