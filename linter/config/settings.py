"""The effective configuration of a run (the README's Configuration section); loaded by
`linter.discovery.configs`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from linter.core.finding import Severity

DEFAULT_INCLUDE = ("**/*.yaml", "**/*.yml", "**/*.py", "**/*.ipynb")
_NONE: Mapping[str, Any] = MappingProxyType({})  # an immutable, shared empty mapping


class ClusterScope(NamedTuple):
    name: str
    instance_types: tuple[str, ...] = ()  # globs of files whose InstanceTypes belong here
    computes: tuple[str, ...] = ()  # Kubernetes computes that run on this cluster
    # The cluster itself, from files kept in git (`linter.node_snapshot`); globs and paths
    # from the root. Node pools as the config's tables (checked by the config schema).
    nodes: tuple[str, ...] = ()
    node_pools: tuple[Mapping[str, Any], ...] = ()
    extension_settings: str | None = None

    @property
    def has_snapshot(self) -> bool:
        return bool(self.nodes or self.node_pools or self.extension_settings)


class RuleSettings(NamedTuple):
    """The per-file keys of one config (select, ignore, per-file-ignores, severity), for the
    files below `folder`; a config nearer to a file than the project's wins for that file."""

    folder: str = ""  # POSIX, relative to the project root; "" is the whole project
    select: tuple[str, ...] = ("AML",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = _NONE  # globs from root
    severity: Mapping[str, Severity] = _NONE
    config_path: Path | None = None
    unused_keys: tuple[str, ...] = ()  # project-level keys a nested config sets (not applied)

    def covers(self, path: str) -> bool:
        return not self.folder or path.startswith(self.folder + "/")


class Settings(NamedTuple):
    root: Path
    config_path: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("AML",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = _NONE
    severity: Mapping[str, Severity] = _NONE
    known_instance_types: tuple[str, ...] = ()
    kubernetes_computes: tuple[str, ...] = ()
    extension_node_selector: Mapping[str, str] = _NONE
    clusters: tuple[ClusterScope, ...] = ()
    # Without `clusters`: the top-level nodes, node-pools and extension-settings (name "").
    one_cluster: ClusterScope | None = None
    baseline: Path | None = None  # the config's `baseline` file (absolute), if it names one
    nested: tuple[RuleSettings, ...] = ()  # configs below the root, deepest folder first
    # A git checkout or a config file marks the project. Without one, the project is only
    # what the command line names: nothing above it is walked, and no cache is written.
    project_found: bool = True
    # The root's files (`discover.listing`), taken once by `load_settings` for the nested
    # configs and reused by the run (one walk of a monorepo, not two). None: walk when needed.
    listing: tuple[str, ...] | None = None
    # `--select` (replacing every config's select) and `--ignore` (added to every ignore).
    command_line_select: tuple[str, ...] | None = None
    command_line_ignore: tuple[str, ...] = ()

    @property
    def project_rules(self) -> RuleSettings:
        return RuleSettings(
            folder="",
            select=self.select,
            ignore=self.ignore,
            per_file_ignores=self.per_file_ignores,
            severity=self.severity,
            config_path=self.config_path,
        )

    @property
    def snapshot_scopes(self) -> tuple[ClusterScope, ...]:
        """The cluster scopes that name files of their cluster (nodes, pools, settings)."""
        scopes = (self.one_cluster,) if self.one_cluster is not None else self.clusters
        return tuple(scope for scope in scopes if scope.has_snapshot)

    def rules_for(self, path: str) -> RuleSettings:
        """The per-file keys that apply to `path`: the nearest config's."""
        return next((scope for scope in self.nested if scope.covers(path)), self.project_rules)
