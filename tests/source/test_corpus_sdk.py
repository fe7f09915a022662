"""The real azure-ai-ml code of `../shared/corpus-sdk` (SDK scripts, the SDK's own tests, the
Kubernetes notebooks of azureml-examples): no crash, nothing unreadable, no finding on a VM
size or a dynamic value. What it does report is known and checked by hand: the two notebooks
create Kubernetes deployments without `instance_type` (they run on defaultinstancetype)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.lint_helpers import lint_folder

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus-sdk"
NOTEBOOKS = "Azure__azureml-examples/sdk/python/endpoints/online/kubernetes"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no SDK corpus at {CORPUS}")


def test_the_sdk_corpus_gives_only_the_known_findings() -> None:
    found = [
        (f.path, f.rule_id, f.cell.cell if f.cell else None) for f in lint_folder(CORPUS)
    ]
    assert found == [
        (f"{NOTEBOOKS}/kubernetes-online-endpoints-safe-rollout.ipynb", "AML402", 19),
        (f"{NOTEBOOKS}/kubernetes-online-endpoints-safe-rollout.ipynb", "AML402", 30),
        (f"{NOTEBOOKS}/kubernetes-online-endpoints-simple-deployment.ipynb", "AML402", 15),
        (f"{NOTEBOOKS}/kubernetes-online-endpoints-simple-deployment.ipynb", "AML402", 30),
    ]
