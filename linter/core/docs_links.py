"""Where amlarc-lint's documentation lives on the web: one place for every output that links it.

A rule's documentation is its row in the README's rule table, which carries an HTML anchor
named after the lower-cased rule id, in the README of the release that reports it:
`<PROJECT_URL>/blob/v0.1.0/README.md#aml302`. The tag `v<version>` is what the release
process creates (docs/RELEASING.md), so a link never shows a later version's rule text. The
full text is also printed offline by `amlarc-lint rule AML302` and embedded in SARIF `help`.
"""

from __future__ import annotations

from linter import __version__

PROJECT_URL = "https://github.com/amlarc-lint/amlarc-lint"


def rule_anchor(rule_id: str) -> str:
    return rule_id.lower()


def release_tag() -> str:
    return f"v{__version__}"


def rule_doc_url(rule_id: str) -> str:
    return f"{PROJECT_URL}/blob/{release_tag()}/README.md#{rule_anchor(rule_id)}"
