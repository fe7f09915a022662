"""The per-file work of a run: pass 1 (`scan_file`) tells from the bytes what a file holds,
checks its definitions and collects its facts; pass 2 (`check_workloads`) checks its
workloads against the project context."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config.settings import Settings
from linter.core.span import Span
from linter.engine.file_scan import (
    KEEP_BYTES_MAX,
    FileScan,
    Holds,
    Origin,
    ScanRequest,
    WorkloadRequest,
    check_workloads,
    scan_file,
)
from linter.engine.registry import load_rules
from linter.project.context import ProjectContext
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE, write_project

RULES = load_rules()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path, {
        "types.yaml": SMALL_INSTANCE_TYPE,
        "deploy.yaml": DEPLOYMENT.replace('cpu: "1"', 'cpu: "2"'),  # AML403 at 9:17
        "other.yaml": "a: 1\n",
        "main.go": "// apiVersion: amlarc.azureml.com/v1alpha1\n",
    })


def _scan(
    root: Path, path: str, is_target: bool = True, cached_digest: str | None = None,
    keep_bytes: bool = True,
) -> FileScan:
    context = ProjectContext.build(Settings(root=root), (), ())
    request = ScanRequest(path=path, is_target=is_target, cached_digest=cached_digest,
                          keep_bytes=keep_bytes)
    return scan_file(root, RULES, context, request)


def test_a_definition_file_is_parsed_in_pass_1(project: Path) -> None:
    scan = _scan(project, "types.yaml")
    assert scan.holds == Holds.OURS | Holds.DEFINITIONS
    assert (scan.relevant, scan.defines, scan.pending) == (True, True, False)
    assert [d.name for d in scan.facts.definitions] == ["small"]
    assert (scan.counted, scan.references_known, scan.data) == (True, True, None)
    assert not _scan(project, "types.yaml", is_target=False).counted


def test_a_workload_file_waits_for_pass_2_with_its_bytes(project: Path) -> None:
    scan = _scan(project, "deploy.yaml")
    assert scan.holds == Holds.OURS | Holds.WORKLOADS
    assert (scan.references_known, scan.findings) == (False, ())
    assert scan.data == (project / "deploy.yaml").read_bytes()
    assert _scan(project, "deploy.yaml", keep_bytes=False).data is None
    assert KEEP_BYTES_MAX == 64 * 1024


def test_files_that_are_not_ours_are_not_parsed(project: Path) -> None:
    for path in ("other.yaml", "main.go"):
        scan = _scan(project, path)
        assert (scan.holds, scan.counted, scan.no_directives) == (Holds.NOTHING, False, True)


def test_content_the_cache_already_has_is_not_parsed_again(project: Path) -> None:
    digest = _scan(project, "types.yaml").digest
    again = _scan(project, "types.yaml", cached_digest=digest)
    assert (again.origin, again.holds, again.digest) == (Origin.SAME_CONTENT, Holds.NOTHING, digest)


def test_an_unreadable_target_is_aml005_and_any_other_file_is_nothing(project: Path) -> None:
    scan = _scan(project, "gone.yaml")
    assert [(f.rule_id, f.span, f.message) for f in scan.findings] == [
        ("AML005", Span(1, 1, 1, 2), "file vanished before it could be read")
    ]
    assert scan.counted
    assert _scan(project, "gone.yaml", is_target=False).findings == ()


def test_pass_2_checks_workloads_against_the_context(project: Path) -> None:
    definitions = _scan(project, "types.yaml").facts.definitions
    context = ProjectContext.build(Settings(root=project), definitions, ())
    request = WorkloadRequest(path="deploy.yaml", is_target=True, file_problems=True, data=None)
    found = check_workloads(project, RULES, context, request)
    assert [(f.rule_id, f.span) for f in found.findings] == [("AML403", Span(9, 17, 9, 20))]
    assert (found.references, found.counted, found.readable) == ({"small"}, True, True)
    request = WorkloadRequest(path="gone.yaml", is_target=False, file_problems=True, data=None)
    missing = check_workloads(project, RULES, context, request)
    assert (missing.findings, missing.readable) == ((), False)
