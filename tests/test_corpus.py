"""The shared corpus of real public Azure ML files (`../shared/corpus`, see its README and
MANIFEST.tsv): no traceback, no crash, a located AML001 for every file PyYAML cannot load,
no unknown-instance-type on a managed deployment, and nothing at all on unrelated YAML."""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

from linter import api
from linter.core.finding import Finding
from linter.discovery.configs import load_settings
from tests.support.cli_project import check

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not (CORPUS / "MANIFEST.tsv").is_file(), reason=f"the shared corpus is not at {CORPUS}"
)


@cache
def manifest() -> dict[str, str]:
    """Path (relative to the corpus) -> the kind the corpus assigns it."""
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["path"]: row["kind"] for row in csv.DictReader(handle, delimiter="\t")}


@cache
def findings_by_file() -> dict[str, list[Finding]]:
    """Every corpus file named explicitly (some end in `.YAML`), as one isolated project."""
    settings = load_settings(CORPUS, isolated=True)
    assert settings.root == CORPUS
    paths = tuple(str(CORPUS / path) for path in manifest())
    found: dict[str, list[Finding]] = defaultdict(list)
    for finding in api.run(api.LintRequest(settings=settings, paths=paths)).findings:
        found[finding.path].append(finding)
    return found


def pyyaml_cannot_load(path: str) -> bool:
    try:
        list(yaml.safe_load_all((CORPUS / path).read_text(encoding="utf-8-sig")))
    except yaml.YAMLError:
        return True
    return False


def test_the_cli_runs_on_the_whole_corpus_without_a_traceback() -> None:
    run = check("--isolated", "--format", "json", str(CORPUS))
    assert run.exit_code in (0, 1), run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_no_rule_crashes() -> None:
    crashes = [f for found in findings_by_file().values() for f in found if f.rule_id == "AML003"]
    assert crashes == []


def test_every_file_pyyaml_cannot_load_gets_a_located_aml001() -> None:
    broken = [path for path in manifest() if pyyaml_cannot_load(path)]
    assert len(broken) == 8  # the corpus README's "files that do not parse"
    for path in broken:
        syntax = [f for f in findings_by_file()[path] if f.rule_id == "AML001"]
        assert syntax, path
        assert all(f.span.start_line > 1 for f in syntax), path


def test_no_unknown_instance_type_on_a_managed_deployment() -> None:
    for path, kind in manifest().items():
        if kind == "deployment-managed":
            assert [f for f in findings_by_file()[path] if f.rule_id == "AML401"] == [], path


def test_no_finding_on_unrelated_yaml() -> None:
    for path, kind in manifest().items():
        if kind == "other":
            assert findings_by_file()[path] == [], path


def test_the_real_mistakes_are_found() -> None:
    """The one Kubernetes deployment in the corpus that asks for a GPU in requests."""
    sdk = "Azure__azure-sdk-for-python/sdk/ml/azure-ai-ml/tests/test_configs/deployments/online/"
    found = findings_by_file()[sdk + "online_deployment_blue_k8s.yaml"]
    assert ("AML303", 38, 7) in [(f.rule_id, f.span.start_line, f.span.start_col) for f in found]
