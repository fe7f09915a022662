"""What CI logs make of the output: Azure Pipelines runs `##vso[` anywhere in a log line, so
under TF_BUILD no human format may echo one from a file name or a YAML value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.formats import HUMAN_FORMATS, RenderOptions, render
from tests.format_fixture import lint_project

_COMMAND = re.compile(r"##vso\[", re.IGNORECASE)
VALUE_COMMAND = "##VSO[task.setvariable variable=x]pwned"
NAME = "##vso[task.complete result=Succeeded]done.yaml"
DOCUMENT = f"""\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: x
spec:
  "{VALUE_COMMAND}": 1
  resources:
    limits: {{cpu: "1"}}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / NAME).write_text(DOCUMENT, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", sorted(HUMAN_FORMATS))
def test_human_formats_neutralise_logging_commands_in_an_azure_log(
    name: str, project: Path
) -> None:
    result = lint_project(project)
    plain = render(name, result)
    assert len(_COMMAND.findall(plain)) >= 2  # the name and the value reach the output
    inert = render(name, result, RenderOptions(azure_log=True))
    assert _COMMAND.search(inert) is None
    assert inert == plain.replace("##vso[", "##vso\\[").replace("##VSO[", "##VSO\\[")


def test_check_under_tf_build_prints_no_logging_command(project: Path) -> None:
    for fmt in sorted(HUMAN_FORMATS):
        args = ["check", str(project), "--format", fmt]
        outside = CliRunner().invoke(main, args, env={"TF_BUILD": None})
        inside = CliRunner().invoke(main, args, env={"TF_BUILD": "True"})
        assert outside.exit_code == inside.exit_code == 1
        assert _COMMAND.search(outside.stdout)
        assert _COMMAND.search(inside.stdout) is None


def test_the_azure_format_keeps_its_own_commands_under_tf_build(project: Path) -> None:
    outcome = CliRunner().invoke(
        main, ["check", str(project), "--format", "azure"], env={"TF_BUILD": "True"}
    )
    assert outcome.stdout.startswith("##vso[task.logissue type=error;")
