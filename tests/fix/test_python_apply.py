"""`check --fix` in Python: each fix an exact edit at its finding's span, made only where the
file still holds the expected text, kept only when the result still parses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from linter.config.settings import Settings
from linter.core.finding import Finding
from linter.core.fixes import ReplaceText
from linter.core.span import Span
from linter.engine.check_python import check_python_file
from linter.engine.registry import load_rules
from linter.fix.python_apply import plan_python_file
from linter.project.context import ProjectContext

# The AML204 fixture (its line 10 passes the name `CPU`, its line 11 the numbers 2 and 1),
# with a keyword the SDK does not take (AML501).
SCRIPT = (
    Path(__file__).parents[1] / "rules" / "AML204" / "bad_python_numbers.py"
).read_text(encoding="utf-8").replace(", gpu=1)", ", nvidia_gpu=1)")


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "deploy.py"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def _fixable(script: Path) -> list[Finding]:
    context = ProjectContext.build(Settings(root=script.parent), (), ())
    outcome = check_python_file("deploy.py", script.read_bytes(), load_rules(), context,
                                definitions=False)
    return [finding for finding in outcome.findings if finding.fix is not None]


def test_literals_are_quoted_and_keywords_renamed_where_the_text_is_as_expected(
    script: Path,
) -> None:
    findings = _fixable(script)
    assert [(f.rule_id, f.span.start_line, f.span.start_col) for f in findings] == [
        ("AML204", 10, 39), ("AML204", 11, 37), ("AML501", 11, 54)
    ]
    planned = plan_python_file(script, "deploy.py", findings)
    assert planned is not None
    before, after, fixed, why = planned
    assert before == SCRIPT.encode()
    # `cpu=CPU` is a name, not the literal the finding is about: left as it is.
    assert after == SCRIPT.replace(
        "cpu=2, memory=\"4Gi\", nvidia_gpu=1", 'cpu="2", memory="4Gi", gpu=1'
    ).encode()
    assert ([f.span.start_line for f in fixed], why) == ([11, 11], "")


def test_a_fix_whose_text_is_no_longer_there_is_not_made(script: Path) -> None:
    [_, _, rename] = _fixable(script)
    stale = replace(rename, fix=ReplaceText(Span(1, 1, 1, 5), "From", "from", "stale"))
    assert plan_python_file(script, "deploy.py", [stale]) is None
    assert plan_python_file(script.with_name("gone.py"), "gone.py", [rename]) is None


def test_a_result_that_would_not_parse_leaves_the_file_untouched(script: Path) -> None:
    [_, _, rename] = _fixable(script)
    breaking = replace(rename, fix=ReplaceText(Span(1, 1, 1, 5), "from", "fr(m", "break it"))
    assert plan_python_file(script, "deploy.py", [breaking]) == (
        SCRIPT.encode(), None, (breaking,),
        "not fixed (AML501): the fixed code would not parse; file left untouched",
    )
