"""The cluster from files kept in git, end to end: each cluster scope checked against its own
nodes, and a staged snapshot re-checking the instance types of its cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_project import check, write_project
from tests.support.cluster_documents import NODE, TYPE


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"types.yaml": TYPE})


def test_each_cluster_reads_its_own_nodes(project: Path) -> None:
    write_project(project, {
        "amlarc-lint.toml": (
            '[[clusters]]\nname = "prod"\ninstance-types = ["prod/**"]\n'
            'nodes = ["prod/nodes.yaml"]\n'
            '[[clusters]]\nname = "dev"\ninstance-types = ["dev/**"]\n'
            'nodes = ["dev/nodes.yaml"]\n'
        ),
        "prod/nodes.yaml": NODE.format(name="prod-0").replace("cpupool", "gpupool"),
        "prod/types.yaml": TYPE,
        "dev/nodes.yaml": NODE.format(name="dev-0"),
        "dev/types.yaml": TYPE,
    })
    found = [f for f in check("--format", "concise").found if f[3] == "AML701"]
    assert [f[0] for f in found] == ["dev/types.yaml"]


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
