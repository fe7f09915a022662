"""Find and load `[tool.amlarc-lint]` (pyproject.toml) or `amlarc-lint.toml` into Settings."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from linter.finding import Severity
from linter.settings import DEFAULT_INCLUDE, ClusterScope, Settings

CONFIG_FILES = ("amlarc-lint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A bad config file or value; the message is one line naming the file and the key."""


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a pyproject.toml without our table is skipped)."""
    for directory in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
    return None


def find_root(start: Path) -> Path:
    """The project root: the nearest folder holding `.git`, else the current folder when
    `start` lies inside it, else `start`."""
    for directory in [start, *start.parents]:
        if (directory / ".git").exists():
            return directory
    cwd = Path.cwd()
    return cwd if start == cwd or cwd in start.parents else start


def load_settings(start: Path, config_path: Path | None = None, isolated: bool = False) -> Settings:
    start = start.absolute()
    if isolated:
        return Settings(root=find_root(start))
    path = config_path.absolute() if config_path else find_config(start)
    if path is None:
        return Settings(root=find_root(start))
    table = _table(path)
    if table is None:
        if config_path is not None and path.name == "pyproject.toml":
            table = {}
        else:
            raise ConfigError(f"{path}: cannot read configuration")
    return settings_from_table(table, path)


def _table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("amlarc-lint")
        return table if isinstance(table, dict) else None
    return data


def settings_from_table(table: dict[str, Any], path: Path) -> Settings:
    from linter.config_schema import validate_config

    validate_config(table, path)
    clusters = tuple(
        ClusterScope(
            name=entry["name"],
            instance_types=tuple(entry.get("instance-types", ())),
            computes=tuple(entry.get("computes", ())),
        )
        for entry in table.get("clusters", ())
    )
    return Settings(
        root=path.parent,
        config_path=path,
        include=tuple(table.get("include", DEFAULT_INCLUDE)),
        exclude=tuple(table.get("exclude", ())),
        select=tuple(table.get("select", ("AML",))),
        ignore=tuple(table.get("ignore", ())),
        per_file_ignores={k: tuple(v) for k, v in table.get("per-file-ignores", {}).items()},
        severity={k: Severity.parse(v) for k, v in table.get("severity", {}).items()},
        known_instance_types=tuple(table.get("known-instance-types", ())),
        kubernetes_computes=tuple(table.get("kubernetes-computes", ())),
        extension_node_selector=dict(table.get("extension-node-selector", {})),
        clusters=clusters,
    )
