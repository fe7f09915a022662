"""The effective configuration of a run (SPEC §4); loaded by `linter.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from linter.finding import Severity

DEFAULT_INCLUDE = ("**/*.yaml", "**/*.yml")


class ClusterScope(NamedTuple):
    name: str
    instance_types: tuple[str, ...] = ()  # globs of files whose InstanceTypes belong here
    computes: tuple[str, ...] = ()  # Kubernetes computes that run on this cluster


@dataclass(frozen=True)
class RuleSettings:
    """The per-file keys of one config (select, ignore, per-file-ignores, severity), for the
    files below `folder`; a config nearer to a file than the project's wins for that file."""

    folder: str = ""  # POSIX, relative to the project root; "" is the whole project
    select: tuple[str, ...] = ("AML",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # globs from root
    severity: dict[str, Severity] = field(default_factory=dict)
    config_path: Path | None = None
    unused_keys: tuple[str, ...] = ()  # project-level keys a nested config sets (not applied)

    def covers(self, path: str) -> bool:
        return not self.folder or path.startswith(self.folder + "/")


@dataclass(frozen=True)
class Settings:
    root: Path = field(default_factory=Path.cwd)
    config_path: Path | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("AML",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    known_instance_types: tuple[str, ...] = ()
    kubernetes_computes: tuple[str, ...] = ()
    extension_node_selector: dict[str, str] = field(default_factory=dict)
    clusters: tuple[ClusterScope, ...] = ()
    nested: tuple[RuleSettings, ...] = ()  # configs below the root, deepest folder first
    # A git checkout or a config file marks the project. Without one, the project is only
    # what the command line names: nothing above it is walked, and no cache is written.
    project_found: bool = True
    # The root's files (`discover.listing`), taken once by `load_settings` for the nested
    # configs and reused by the run (one walk of a monorepo, not two). None: walk when needed.
    listing: tuple[str, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def project_rules(self) -> RuleSettings:
        return RuleSettings(
            "", self.select, self.ignore, self.per_file_ignores, self.severity, self.config_path
        )

    def rules_for(self, path: str) -> RuleSettings:
        """The per-file keys that apply to `path`: the nearest config's."""
        return next((scope for scope in self.nested if scope.covers(path)), self.project_rules)
