"""Where a rule's documentation is linked: the README of the release that reports it."""

from __future__ import annotations

import linter
from linter.core.docs_links import PROJECT_URL, release_tag, rule_anchor, rule_doc_url


def test_a_rule_links_its_readme_row_in_this_release() -> None:
    assert rule_doc_url("AML302") == (
        f"https://github.com/amlarc-lint/amlarc-lint/blob/v{linter.__version__}"
        "/README.md#aml302"
    )
    assert rule_doc_url("AML302").startswith(PROJECT_URL + "/blob/")


def test_the_anchor_is_the_lower_cased_id() -> None:
    assert rule_anchor("AML005") == "aml005"


def test_the_release_tag_is_v_then_the_version() -> None:
    assert release_tag() == "v" + linter.__version__
    assert release_tag() != linter.__version__
