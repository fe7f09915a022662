"""`--format azure`: Azure Pipelines `task.logissue` logging commands."""

from __future__ import annotations

from linter.engine.run_result import RunResult
from linter.formats import ToolFailure, render, render_failure
from tests.support.format_fixture import hostile_run


def test_azure_logging_command_text(result: RunResult) -> None:
    assert render("azure", result).splitlines()[2] == (
        "##vso[task.logissue type=warning;sourcepath=team/more-types.yaml;linenumber=5;"
        f"columnnumber=9;code=AML105]{result.findings[2].message}"
        "%0Arelated: instance-types.yaml:4:9: first definition"
    )
    assert render("azure", hostile_run()) == (
        "##vso[task.logissue type=error;sourcepath=we%AZP25ird,na:me%3B%5D%0D%0Aü %AZP250A "
        "##vso[x%5D.yaml;linenumber=6;columnnumber=3;code=AML105]50%AZP25 of a:b, c;d] e%0D%0Aü"
        "%0Arelated: x,y:z%AZP25.yaml:2:1: first; [here]\n"
    )


def test_a_run_that_did_not_happen_is_one_error_at_the_config() -> None:
    failure = ToolFailure("bad; config]: 50%", "amlarc-lint.toml", 2, 10)
    assert render_failure("azure", failure) == (
        "##vso[task.logissue type=error;sourcepath=amlarc-lint.toml;linenumber=2;"
        "columnnumber=10]bad; config]: 50%AZP25\n"
    )
