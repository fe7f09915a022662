"""The cluster scopes' files as the config names them -> a `ClusterModel` per scope.

A node snapshot is read once: what it says (its nodes, with their spans) is kept in the
project's cache folder (`.amlarc-lint-cache/snapshots.cache`), checked as the facts cache
checks a file (same size and mtime: not read; same content hash: not parsed), so a
commit-time run with a 5,000-node snapshot in the config reads a few hundred kilobytes of
JSON instead of parsing the YAML. A cache that cannot be read is ignored and rewritten.

Every problem with the files (missing, a glob that matches nothing, not a snapshot, bad
JSON) is a `ConfigError` naming the config key and the file.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from linter.config.errors import ConfigError, shown
from linter.config.settings import ClusterScope, Settings
from linter.domain.cluster import ClusterModel
from linter.project.context import DEFAULT_SCOPE
from linter.source.node_snapshot import (
    ClusterNode,
    SnapshotError,
    nodes_as_json,
    nodes_from_json,
    pool_nodes,
    read_extension_settings,
    read_nodes,
)
from linter.source.text import MAX_FILE_BYTES

CACHE_FILE = "snapshots.cache"
_WILDCARDS = ("*", "?", "[")


def load_clusters(settings: Settings, cache: bool = False) -> dict[str, ClusterModel]:
    """Every scope that names files of its cluster; `cache`: use and keep the snapshot
    cache in the project's cache folder."""
    scopes = settings.snapshot_scopes
    if not scopes:
        return {}
    store = _SnapshotCache.load(settings.root) if cache and settings.project_found else None
    config_text = _config_text(settings)
    models = {}
    for scope in scopes:
        models[scope.name or DEFAULT_SCOPE] = _model(settings, scope, store, config_text)
    if store is not None:
        store.save()
    return models


def snapshot_paths(settings: Settings, scopes: Iterable[ClusterScope] | None = None) -> set[str]:
    """The node snapshot files the config names (data, never linted as YAML), of every
    cluster scope or of these."""
    found: set[str] = set()
    for scope in settings.snapshot_scopes if scopes is None else scopes:
        for pattern in scope.nodes:
            try:
                found.update(_matches(settings, pattern))
            except ConfigError:
                continue  # load_clusters reports it
    return found


def _model(
    settings: Settings, scope: ClusterScope, store: _SnapshotCache | None, config_text: str
) -> ClusterModel:
    where = _where(settings, scope)
    nodes: list[ClusterNode] = []
    for pattern in scope.nodes:
        for path in _matches(settings, pattern, where):
            nodes += _nodes(settings, path, store, where)
    config = _config_path(settings)
    for table in scope.node_pools:
        try:
            nodes.append(pool_nodes(table, config, config_text))
        except SnapshotError as exc:
            raise ConfigError(f"{where}node-pools: {exc}") from None
    extension = None
    if scope.extension_settings is not None:
        data = _read(settings, scope.extension_settings, f"{where}extension-settings")
        try:
            extension = read_extension_settings(scope.extension_settings, data)
        except SnapshotError as exc:
            raise ConfigError(
                f"{where}extension-settings: {scope.extension_settings}: {exc}"
            ) from None
    return ClusterModel(
        scope=scope.name,
        nodes=tuple(nodes),
        settings=extension,
        has_nodes=bool(scope.nodes or scope.node_pools),
        fallback_selector=settings.extension_node_selector,
        memo={},
    )


def _where(settings: Settings, scope: ClusterScope) -> str:
    config = shown(settings.config_path) if settings.config_path else "config"
    cluster = f'cluster "{scope.name}": ' if scope.name else ""
    return f"{config}: {cluster}"


def _matches(settings: Settings, pattern: str, where: str = "") -> list[str]:
    if not any(c in pattern for c in _WILDCARDS):
        return [pattern]
    found = sorted(
        path.relative_to(settings.root).as_posix()
        for path in settings.root.glob(pattern)
        if path.is_file()
    )
    if not found:
        raise ConfigError(f"{where}nodes: {pattern!r} matches no file")
    return found


def _nodes(
    settings: Settings, path: str, store: _SnapshotCache | None, where: str
) -> list[ClusterNode]:
    full = settings.root / path
    if store is not None:
        cached = store.by_stamp(path, full)
        if cached is not None:
            return cached
    data = _read(settings, path, f"{where}nodes", limit=None)
    digest = _digest(data)
    if store is not None:
        cached = store.by_digest(path, full, digest)
        if cached is not None:
            return cached
    try:
        nodes = read_nodes(path, data)
    except SnapshotError as exc:
        raise ConfigError(f"{where}nodes: {path}: {exc}") from None
    if store is not None:
        store.keep(path, full, digest, nodes)
    return nodes


def _read(settings: Settings, path: str, key: str, limit: int | None = MAX_FILE_BYTES) -> bytes:
    full = settings.root / path
    try:
        if not full.is_file():
            what = "is not a file" if full.exists() else "does not exist"
            raise ConfigError(f"{key}: {path} {what}")
        data = full.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{key}: {path}: cannot read: {exc.strerror}") from None
    if limit is not None and len(data) > limit:
        raise ConfigError(f"{key}: {path}: {len(data):,} bytes, over the {limit:,}-byte limit")
    return data


def _config_path(settings: Settings) -> str:
    config = settings.config_path
    if config is None:
        return ""
    return (
        config.relative_to(settings.root).as_posix()
        if config.is_relative_to(settings.root)
        else str(config)
    )


def _config_text(settings: Settings) -> str:
    if settings.config_path is None:
        return ""
    try:
        return settings.config_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _digest(data: bytes) -> str:
    from linter.core.digest import content_digest

    return content_digest(data)


class _SnapshotCache:
    """path -> [size, mtime_ns (None: not trusted), digest, nodes as JSON]."""

    def __init__(self, folder: Path, entries: dict[str, list[Any]]) -> None:
        self.folder = folder
        self.entries = entries
        self.changed = False

    @classmethod
    def load(cls, root: Path) -> _SnapshotCache:
        from linter.engine.facts_cache import CACHE_DIR, code_key

        folder = root / CACHE_DIR
        entries: dict[str, list[Any]] = {}
        try:
            stored = json.loads((folder / CACHE_FILE).read_bytes())
            if isinstance(stored, dict) and stored.get("key") == code_key():
                files = stored.get("files")
                entries = files if isinstance(files, dict) else {}
        except (OSError, ValueError, RecursionError):
            pass
        return cls(folder, entries)

    def by_stamp(self, path: str, full: Path) -> list[ClusterNode] | None:
        entry = self.entries.get(path)
        try:
            info = full.stat()
        except OSError:
            return None
        if not _valid(entry) or entry[1] is None:  # type: ignore[index]
            return None
        assert entry is not None
        if (entry[0], entry[1]) != (info.st_size, info.st_mtime_ns):
            return None
        return _decoded(path, entry[3])

    def by_digest(self, path: str, full: Path, digest: str) -> list[ClusterNode] | None:
        entry = self.entries.get(path)
        if not _valid(entry) or entry[2] != digest:  # type: ignore[index]
            return None
        assert entry is not None
        nodes = _decoded(path, entry[3])
        if nodes is not None:
            self._stamp(path, full, digest, entry[3])
        return nodes

    def keep(self, path: str, full: Path, digest: str, nodes: list[ClusterNode]) -> None:
        self._stamp(path, full, digest, nodes_as_json(nodes))

    def _stamp(self, path: str, full: Path, digest: str, stored: dict[str, Any]) -> None:
        from linter.core.digest import RACY_NS

        try:
            info = full.stat()
        except OSError:
            return
        trusted = info.st_mtime_ns < time.time_ns() - RACY_NS
        self.entries[path] = [info.st_size, info.st_mtime_ns if trusted else None, digest, stored]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        from linter.engine.facts_cache import code_key
        from linter.source.atomic_file import write_atomically

        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                write_atomically(ignore, b"# Created by amlarc-lint: a cache.\n*\n")
            data = {"key": code_key(), "files": self.entries}
            write_atomically(self.folder / CACHE_FILE, json.dumps(data).encode("utf-8"))
        except OSError:
            return  # a read-only checkout: no cache


def _valid(entry: Any) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 4
        and isinstance(entry[0], int)
        and isinstance(entry[2], str)
        and isinstance(entry[3], dict)
    )


def _decoded(path: str, stored: Any) -> list[ClusterNode] | None:
    """Nodes back from the cache; a damaged entry is a miss (never a crash)."""
    try:
        return nodes_from_json(path, stored)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        return None
