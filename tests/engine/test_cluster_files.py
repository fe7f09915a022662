"""The cluster files the config names: each problem a config error naming the key and the
file, and the snapshot cache (parsed once, a damaged cache a miss)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.core.span import Span
from linter.discovery.configs import load_settings
from linter.engine import cluster_files
from linter.engine.cluster_files import load_clusters
from linter.source import node_snapshot
from linter.source.node_snapshot import ClusterNode, nodes_as_json
from tests.support.cli_project import check, write_project
from tests.support.cluster_documents import NODE, TYPE


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"types.yaml": TYPE})


def _error(project: Path, config: str, files: dict[str, str]) -> str:
    write_project(project, {"amlarc-lint.toml": config, **files})
    run = check("--format", "concise")
    assert (run.exit_code, run.stdout) == (2, ""), run.stdout
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    return run.stderr


@pytest.mark.parametrize(
    ("config", "files", "message"),
    [
        ('nodes = ["nodes.yaml"]\n', {}, "nodes: nodes.yaml does not exist"),
        ('nodes = ["snap/*.yaml"]\n', {}, "nodes: 'snap/*.yaml' matches no file"),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: List\nitems: [\n"},
         "nodes: nodes.yaml: not valid YAML at line 3, column 1"),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: Pod\nmetadata: {name: x}\n"},
         'nodes: nodes.yaml: the document at line 1 has "kind: Pod"'),
        ('nodes = ["nodes.yaml"]\n', {"nodes.yaml": "kind: Node\nmetadata: {}\n"},
         "nodes: nodes.yaml: the node at line 1 has no metadata.name"),
        ('extension-settings = "ext.json"\n', {"ext.json": '{"enableTraining": True}'},
         "extension-settings: ext.json: not valid JSON at line 1, column 20"),
        ('extension-settings = "ext.json"\n', {"ext.json": '{"nodeSelector": {"a": "b"}}'},
         "extension-settings: ext.json: not a flat JSON object of settings"),
        ('[[node-pools]]\nname = "gpu"\nallocatable = { cpu = "2 cores" }\n', {},
         'node-pools: node pool "gpu": allocatable.cpu:'),
        ('[[node-pools]]\nname = "gpu"\nmin-count = 3\nmax-count = 1\n', {},
         'node-pools: node pool "gpu": min-count 3 is more than max-count 1'),
        ('[[node-pools]]\nname = "gpu"\ntaints = ["sku=gpu"]\n', {},
         "bad value for 'node-pools[0].taints[0]': \"sku=gpu\"; allowed: a taint written"),
        ('nodes = ["n.yaml"]\n[[clusters]]\nname = "prod"\n', {},
         "'nodes' at the top level describes the one cluster"),
        ('[[clusters]]\nname = "prod"\nnodes = ["prod/n.yaml"]\n', {},
         'amlarc-lint.toml: cluster "prod": nodes: prod/n.yaml does not exist'),
    ],
)
def test_a_bad_cluster_file_is_a_config_error_naming_it(
    project: Path, config: str, files: dict[str, str], message: str
) -> None:
    assert message in _error(project, config, files)


def test_cluster_keys_in_a_nested_config_are_ignored_with_a_warning(project: Path) -> None:
    write_project(project, {"team/amlarc-lint.toml": 'nodes = ["n.yaml"]\n'})
    run = check("--format", "concise")
    assert "team/amlarc-lint.toml: 'nodes' is a project-level key" in run.stderr
    assert run.exit_code in (0, 1)


def test_a_snapshot_is_parsed_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        ".git/HEAD": "",
    })
    settings = load_settings(tmp_path)
    first = load_clusters(settings, cache=True)
    assert (tmp_path / ".amlarc-lint-cache" / cluster_files.CACHE_FILE).is_file()

    def refuse(path: str, data: bytes) -> list[ClusterNode]:
        raise AssertionError("parsed again")

    monkeypatch.setattr(cluster_files, "read_nodes", refuse)
    again = load_clusters(settings, cache=True)
    assert nodes_as_json(again[""].nodes) == nodes_as_json(first[""].nodes)
    assert again[""].nodes[0].span("name") == first[""].nodes[0].span("name") == Span(4, 9, 4, 10)
    (tmp_path / "nodes.yaml").write_text(NODE.format(name="b"), encoding="utf-8")
    monkeypatch.setattr(cluster_files, "read_nodes", node_snapshot.read_nodes)
    assert [n.name for n in load_clusters(settings, cache=True)[""].nodes] == ["b"]


def test_a_damaged_snapshot_cache_is_a_miss(tmp_path: Path) -> None:
    write_project(tmp_path, {
        "amlarc-lint.toml": 'nodes = ["nodes.yaml"]\n',
        "nodes.yaml": NODE.format(name="a"),
        ".git/HEAD": "",
    })
    settings = load_settings(tmp_path)
    load_clusters(settings, cache=True)
    cache = tmp_path / ".amlarc-lint-cache" / cluster_files.CACHE_FILE
    stored = json.loads(cache.read_text())
    for entry in stored["files"].values():
        entry[3]["nodes"] = [[1, 2, 3]]
    cache.write_text(json.dumps(stored))
    assert [n.name for n in load_clusters(settings, cache=True)[""].nodes] == ["a"]
