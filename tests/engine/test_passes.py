"""One run: every file read once, the project context built before the workload rules run,
the findings selected, sorted and counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.core.span import Span
from linter.discovery.configs import load_settings
from linter.engine import passes
from linter.engine.passes import Cancelled
from linter.engine.registry import rule_for
from tests.support.cli_project import INSTANCE_TYPE, check, write_project
from tests.support.cluster_documents import NODE, TYPE
from tests.support.engine_project import write_engine_project

CONFIG = 'exclude = ["vendor/**"]\n[per-file-ignores]\n"legacy/*.yaml" = ["AML204"]\n'


def test_a_whole_project_run_sorts_and_counts(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, CONFIG))
    result = passes.run(settings, (str(tmp_path),))
    assert [(f.path, f.span, f.rule_id) for f in result.findings] == [
        ("legacy/old.yaml", Span(10, 32, 10, 35), "AML201"),
        ("types.yaml", Span(9, 21, 9, 22), "AML204"),
        ("types.yaml", Span(10, 32, 10, 35), "AML201"),
    ]
    assert result.targets == ("charts/t.yaml", "legacy/old.yaml", "notours.yaml", "types.yaml")
    assert result.checked == {"legacy/old.yaml", "types.yaml"}
    assert (result.files_checked, result.files_skipped, result.deselected) == (2, 2, 1)


def test_a_path_that_does_not_exist_is_aml005(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, CONFIG))
    result = passes.run(settings, (str(tmp_path / "types.yaml"), str(tmp_path / "nope.yaml")))
    assert [(f.path, f.rule_id, f.span) for f in result.findings] == [
        ("nope.yaml", "AML005", Span(1, 1, 1, 2)),
        ("types.yaml", "AML204", Span(9, 21, 9, 22)),
        ("types.yaml", "AML201", Span(10, 32, 10, 35)),
    ]
    assert result.findings[0].message == "path does not exist"
    assert (result.targets, result.files_checked, result.files_skipped) == (("types.yaml",), 1, 0)


def test_the_rules_given_are_the_rules_that_run(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, CONFIG))
    result = passes.run(settings, (str(tmp_path),), rules=(rule_for("AML204"),))
    assert [(f.path, f.rule_id) for f in result.findings] == [("types.yaml", "AML204")]
    assert [rule.id for rule in result.rules] == ["AML204"]


def test_a_cancelled_run_stops(tmp_path: Path) -> None:
    settings = load_settings(write_engine_project(tmp_path, CONFIG))
    with pytest.raises(Cancelled):
        passes.run(settings, (str(tmp_path),), cancelled=lambda: True)


def test_the_project_context_holds_every_definition_first_file_first(tmp_path: Path) -> None:
    write_engine_project(tmp_path, CONFIG)
    write_project(tmp_path, {"again/small.yaml": INSTANCE_TYPE.format(name="small")})
    context = passes.project_context(load_settings(tmp_path))
    assert {name: [d.path for d in found] for name, found in context.definitions[""].items()} == {
        "old": ["legacy/old.yaml"],
        "small": ["again/small.yaml", "types.yaml"],
    }
    found = context.lookup("", "small")
    assert found is not None and found.path == "again/small.yaml"


def test_a_staged_snapshot_shows_the_instance_types_it_no_longer_fits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit passes only the staged snapshot: the instance types of its cluster are
    checked again for the findings that point into it."""
    monkeypatch.chdir(tmp_path)
    fitting = TYPE.replace("gpupool", "cpupool")
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        "types.yaml": fitting,
        ".git/HEAD": "",
    })
    assert check("--format", "concise", "nodes.yaml").found == []
    write_project(tmp_path, {"nodes.yaml": NODE.format(name="a").replace("3860m", "500m")})
    assert check("--format", "concise", "nodes.yaml").found == [
        ("types.yaml", 9, 21, "AML703", "error")
    ]
