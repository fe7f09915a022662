"""The effective settings: which config's per-file keys apply to a path, which clusters have
files of their own."""

from __future__ import annotations

from pathlib import Path

from linter.config.settings import DEFAULT_INCLUDE, ClusterScope, RuleSettings, Settings
from linter.core.finding import Severity


def test_the_defaults_lint_yaml_python_and_notebooks_with_every_rule() -> None:
    settings = Settings(root=Path("/repo"))
    assert settings.include == DEFAULT_INCLUDE == (
        "**/*.yaml", "**/*.yml", "**/*.py", "**/*.ipynb"
    )
    assert (settings.select, settings.ignore, settings.clusters) == (("AML",), (), ())


def test_a_nested_config_covers_only_the_files_below_its_folder() -> None:
    team = RuleSettings(folder="team")
    assert team.covers("team/a.yaml")
    assert team.covers("team/sub/a.yaml")
    assert not team.covers("teamwork/a.yaml")
    assert not team.covers("team")
    assert RuleSettings().covers("anything.yaml")


def test_the_nearest_config_wins_else_the_projects() -> None:
    deep = RuleSettings(folder="team/ml", ignore=("AML2",))
    team = RuleSettings(folder="team", select=("AML3",))
    settings = Settings(
        root=Path("/repo"),
        select=("AML4",),
        severity={"AML401": Severity.INFO},
        nested=(deep, team),
    )
    assert settings.rules_for("team/ml/a.yaml") is deep
    assert settings.rules_for("team/b.yaml") is team
    project = settings.rules_for("other/c.yaml")
    assert project == RuleSettings(folder="", select=("AML4",), severity={"AML401": Severity.INFO})


def test_only_clusters_that_name_their_own_files_have_a_snapshot() -> None:
    bare = ClusterScope("dev", instance_types=("dev/**",))
    nodes = ClusterScope("prod", nodes=("prod/nodes.yaml",))
    pools = ClusterScope("gpu", node_pools=({"name": "gpu"},))
    extension = ClusterScope("ext", extension_settings="ext.json")
    assert [scope.has_snapshot for scope in (bare, nodes, pools, extension)] == [
        False, True, True, True
    ]
    settings = Settings(root=Path("/repo"), clusters=(bare, nodes, pools, extension))
    assert settings.snapshot_scopes == (nodes, pools, extension)


def test_the_one_cluster_replaces_the_cluster_list() -> None:
    one = ClusterScope("", nodes=("nodes.yaml",))
    other = ClusterScope("prod", nodes=("prod/nodes.yaml",))
    assert Settings(root=Path("/repo"), one_cluster=one, clusters=(other,)).snapshot_scopes == (
        one,
    )
    assert Settings(root=Path("/repo"), one_cluster=ClusterScope("")).snapshot_scopes == ()
