"""What CI makes of a run: Azure Pipelines runs `##vso[` anywhere in a log line (under
TF_BUILD no human format may echo one from a file name or a YAML value); a run stopped by a
bad config still leaves the SARIF file, the annotation and the JUnit report CI looks for."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from linter.formats import HUMAN_FORMATS, RenderOptions, render
from tests.support.format_fixture import instance_type_with_unknown_key, lint_project
from tests.support.sarif_checks import github_ingestion_problems, needs_sarif_schema, schema_errors

_COMMAND = re.compile(r"##vso\[", re.IGNORECASE)
VALUE_COMMAND = "##VSO[task.setvariable variable=x]pwned"
NAME = "##vso[task.complete result=Succeeded]done.yaml"
DOCUMENT = instance_type_with_unknown_key(VALUE_COMMAND)


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


# A config error: exit 2, and the machine formats still say why


@pytest.fixture
def misconfigured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "amlarc-lint.toml").write_text('select = ["AML"]\nignor = ["AML2"]\n')
    (tmp_path / "types.yaml").write_text("kind: InstanceType\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, ["check", *args])
    return outcome.exit_code, outcome.stdout, outcome.stderr


UNKNOWN_KEY = "amlarc-lint.toml: unknown key 'ignor'; allowed keys: "


def _notification(log: dict) -> dict:
    [run] = log["runs"]
    assert run["results"] == []
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolConfigurationNotifications"]
    assert notification["level"] == "error"
    return notification


def test_a_config_error_still_writes_the_sarif_file(misconfigured: Path) -> None:
    code, printed, errors = _check(".", "--format", "github", "--format", "sarif=out/r.sarif")
    assert code == 2
    assert errors.startswith(f"amlarc-lint: error: {UNKNOWN_KEY}")
    assert printed.startswith(
        f"::error file=amlarc-lint.toml,title=amlarc-lint did not run::{UNKNOWN_KEY}"
    )
    assert printed.count("\n") == 1
    log = json.loads((misconfigured / "out" / "r.sarif").read_text(encoding="utf-8"))
    assert github_ingestion_problems(log) == []
    notification = _notification(log)
    assert notification["message"]["text"].startswith(UNKNOWN_KEY)
    assert notification["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "amlarc-lint.toml", "uriBaseId": "%SRCROOT%"}
            }
        }
    ]


@needs_sarif_schema
def test_the_failed_run_log_is_valid_sarif(misconfigured: Path) -> None:
    code, printed, _ = _check(".", "--format", "sarif")
    assert code == 2
    assert schema_errors(json.loads(printed)) == []


def test_invalid_toml_is_located_at_its_line(misconfigured: Path) -> None:
    (misconfigured / "amlarc-lint.toml").write_text("select = [\"AML\"]\nignore = = 1\nx = 2\n")
    code, printed, _ = _check(".", "--format", "sarif")
    assert code == 2
    [location] = _notification(json.loads(printed))["locations"]
    assert location["physicalLocation"]["region"]["startLine"] == 2
    code, printed, _ = _check(".", "--format", "github")
    assert printed.startswith("::error file=amlarc-lint.toml,line=2,col=10,title=")


def test_a_config_outside_the_folder_is_a_file_uri(misconfigured: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path.parent / f"{tmp_path.name}-config.toml"
    elsewhere.write_text("nope = 1\n", encoding="utf-8")
    code, printed, _ = _check(".", "--config", str(elsewhere), "--format", "sarif")
    assert code == 2
    [location] = _notification(json.loads(printed))["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": elsewhere.as_uri()}


def test_a_bad_option_or_baseline_is_reported_too(misconfigured: Path) -> None:
    (misconfigured / "amlarc-lint.toml").write_text("")
    code, printed, _ = _check(".", "--select", "XYZ", "--format", "github")
    assert code == 2
    assert printed.startswith("::error title=amlarc-lint did not run::--select: 'XYZ'")
    (misconfigured / "old.json").write_text("[]")
    code, printed, _ = _check(".", "--baseline", "old.json", "--format", "azure")
    assert code == 2
    assert printed.startswith("##vso[task.logissue type=error;sourcepath=old.json]old.json: ")


def test_a_config_error_is_one_junit_test_in_error(misconfigured: Path) -> None:
    code, _, _ = _check(".", "--format", "junit=r.xml", "--format", "json=r.json")
    assert code == 2
    suite = ET.fromstring((misconfigured / "r.xml").read_bytes())
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")
    error = suite.find("testcase/error")
    assert error is not None and error.get("message", "").startswith(UNKNOWN_KEY)
    assert not (misconfigured / "r.json").exists()  # nothing to say in the findings' shape
