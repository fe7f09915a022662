"""What a directory walk finds but does not lint is left out without a finding (only a path
named on the command line gets AML005), and the run result says why, for a verbose listing."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from linter import api
from tests.support.cli_project import INSTANCE_TYPE, check, write_project


@pytest.fixture(params=["git", "plain"])
def project(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    write_project(tmp_path, {"good.yaml": INSTANCE_TYPE.format(name="good")})
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "null.yaml").symlink_to("/dev/null")
    if request.param == "git":
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, timeout=60)
        subprocess.run(["git", "add", "good.yaml", "dangling.yaml", "loop.yaml", "null.yaml"],
                       cwd=tmp_path, check=True, timeout=60)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_walk_records_why_it_skipped_each_path(project: Path) -> None:
    result = api.lint(["."], api.LintOptions(cache=False))
    expected = {
        "dangling.yaml": "a dangling symlink",
        "loop.yaml": "a symlink loop",
        "null.yaml": "a symlink to a device",
    }
    if not (project / ".git").exists():  # git lists no FIFO: it is not even seen
        expected["pipe.yaml"] = "a FIFO"
    assert dict(result.skipped) == expected
    assert {f.path for f in result.findings} == {"good.yaml"}


def test_named_they_are_aml005(project: Path) -> None:
    run = check("--format", "concise", "pipe.yaml", "loop.yaml", "null.yaml", "dangling.yaml")
    assert sorted({f[0] for f in run.found if f[3] == "AML005"}) == [
        "dangling.yaml", "loop.yaml", "null.yaml", "pipe.yaml",
    ]
