"""The effective configuration of a run (SPEC §4); loaded by `linter.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from linter.finding import Severity

DEFAULT_INCLUDE = ("**/*.yaml", "**/*.yml")


@dataclass(frozen=True)
class ClusterScope:
    name: str
    instance_types: tuple[str, ...] = ()  # globs of files whose InstanceTypes belong here
    computes: tuple[str, ...] = ()  # Kubernetes computes that run on this cluster


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
