"""The CLI's integration surface: several outputs from one run, format usage errors,
`schema --path`, and `server` without its extra."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from tests.support.format_fixture import MIS_INDENTED_LIMITS
from tests.support.sarif_checks import github_ingestion_problems, needs_sarif_schema, schema_errors


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "amlarc-lint.toml").write_text("", encoding="utf-8")
    (tmp_path / "types.yaml").write_text(MIS_INDENTED_LIMITS, encoding="utf-8")
    return tmp_path


def _check(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, ["check", "--select", "AML102", *args])
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_one_run_prints_annotations_and_writes_sarif(project: Path, tmp_path: Path) -> None:
    sarif_file = tmp_path / "reports" / "not-yet-there" / "results.sarif"
    code, printed, _ = _check(str(project), "--format", "github", "--format", f"sarif={sarif_file}")
    assert code == 1
    assert printed == (
        "::error file=types.yaml,line=8,endLine=8,col=3,endColumn=9,title=AML102 unknown-field::"
        'unknown field "limits" in spec; limits belongs under spec.resources (indent it one level '
        "deeper)\n"
    )
    _, sarif_alone, _ = _check(str(project), "--format", "sarif")
    assert sarif_file.read_text(encoding="utf-8") == sarif_alone
    log = json.loads(sarif_alone)
    assert github_ingestion_problems(log) == []
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["AML102"]


def test_a_written_report_comes_with_the_default_text(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "gl.json"
    code, printed, _ = _check(str(project), "--exit-zero", "--format", f"gitlab={target}")
    assert code == 0
    # Run from outside the project: the text names the file by its whole path.
    assert printed.startswith(f"{project.as_posix()}/types.yaml:8:3: AML102 unknown field")
    issues = json.loads(target.read_text(encoding="utf-8"))
    assert [issue["check_name"] for issue in issues] == ["AML102"]


@needs_sarif_schema
def test_the_printed_format_can_go_to_the_output_file(project: Path, tmp_path: Path) -> None:
    sarif_file, junit_file = tmp_path / "r.sarif", tmp_path / "r.xml"
    code, printed, _ = _check(
        str(project), "--format", "sarif", "-o", str(sarif_file), "--format", f"junit={junit_file}"
    )
    assert (code, printed) == (1, "")
    assert schema_errors(json.loads(sarif_file.read_text(encoding="utf-8"))) == []
    assert junit_file.read_text(encoding="utf-8").startswith('<?xml version="1.0"')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "github", "--format", "text"],
            "only one --format can be printed (got github, text)",
        ),
        (["--format", "yaml"], "'yaml' is not one of text, concise, json, sarif, github, azure"),
        (["--format", "sarif="], "'sarif=' names no file after '='"),
    ],
)
def test_format_usage_errors_exit_2(project: Path, args: list[str], message: str) -> None:
    code, printed, errors = _check(str(project), *args)
    assert (code, printed) == (2, "")
    assert message in " ".join(errors.split())


def test_schema_path_prints_the_installed_schema_folder() -> None:
    outcome = CliRunner().invoke(main, ["schema", "--path"])
    assert outcome.exit_code == 0
    folder = Path(outcome.stdout.strip())
    assert (folder / "instancetype.schema.json").is_file()
    import linter.schemas

    assert folder == Path(linter.schemas.__file__).parent
    listed = CliRunner().invoke(main, ["schema"]).stdout.splitlines()
    assert str(folder / "instancetype.schema.json") in listed
    assert all(line.endswith(".schema.json") for line in listed)


def test_without_the_server_extra_the_command_says_what_to_install() -> None:
    probe = (
        "import sys; sys.modules['pygls'] = None\n"
        "from linter.cli.app import main\n"
        "main(['server'])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == (
        "amlarc-lint: error: the language server needs the `server` extra: "
        "pip install 'amlarc-lint[server]'\n"
    )
