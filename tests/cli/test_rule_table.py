"""The rule table in Markdown: what `rules --markdown` prints and the README holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from linter.cli.rule_table import markdown_table
from linter.engine.registry import load_rules

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE = re.compile(r"(<!-- rules-table:start -->\n)(.*?)(<!-- rules-table:end -->)", re.S)


def test_rules_markdown_prints_the_generated_table() -> None:
    outcome = CliRunner().invoke(main, ["rules", "--markdown"])
    assert outcome.exit_code == 0
    assert outcome.stdout == markdown_table(load_rules())
    lines = outcome.stdout.splitlines()
    assert lines[0] == "| Rule | Name | Severity | Fixable | What it reports |"
    assert lines[2].startswith('| <a id="aml001"></a>AML001 | `yaml-syntax` | error |')
    assert len(lines) == 2 + len(load_rules())


def test_readme_holds_exactly_the_generated_rule_table(request: pytest.FixtureRequest) -> None:
    """After adding or changing a rule: `pytest --update-expected` rewrites the table."""
    readme = README.read_text(encoding="utf-8")
    match = TABLE.search(readme)
    assert match, "README.md lacks the <!-- rules-table:start/end --> markers"
    table = markdown_table(load_rules())
    if request.config.getoption("--update-expected") and match.group(2) != table:
        readme = TABLE.sub(lambda m: m.group(1) + table + m.group(3), readme)
        README.write_text(readme, encoding="utf-8")
        match = TABLE.search(readme)
        assert match
    assert match.group(2) == table, "update it: pytest --update-expected (or rules --markdown)"
