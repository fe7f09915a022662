"""Find and load the configuration: `[tool.amlarc-lint]` in a `pyproject.toml`, or an
`amlarc-lint.toml` with the same keys.

Which config applies:
- The project root (cross-file facts, the cache, baselines, fingerprints and machine-format
  paths are relative to it) is the git checkout holding the linted paths; else the folder
  of the outermost config at or above them; else the current folder when the paths lie in
  it. A config in a subfolder never shrinks the project: `check jobs/x.yml` with a
  `jobs/amlarc-lint.toml` still sees the instance types of the whole checkout.
- The project config is the one at the project root (`--config FILE` replaces it; then the
  file's globs stay relative to its own folder, or to the root when it lies outside).
- A config below the project root (a nested config) applies its per-file keys (select,
  ignore, per-file-ignores, severity) to the files below its folder; a per-file key it does
  not set is inherited from the next config up. Project-level keys (`PROJECT_KEYS`) come
  from the project config only, because a run has one project context; a nested config
  that sets one gets a warning per key. `--config` and `--isolated` turn nested configs off.
- Every glob is stored relative to the project root, whichever config it came from.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from linter.config.errors import ConfigError, shown
from linter.config.settings import DEFAULT_INCLUDE, ClusterScope, RuleSettings, Settings
from linter.core.finding import Severity
from linter.source.bounded_read import NotReadable, read_regular

MAX_CONFIG_BYTES = 4 * 1024 * 1024  # a config is a few hundred bytes; a device never ends

CONFIG_FILES = ("amlarc-lint.toml", "pyproject.toml")
SNAPSHOT_KEYS = ("nodes", "node-pools", "extension-settings")  # the cluster, from git
PROJECT_KEYS = (
    "baseline",
    "include",
    "exclude",
    "known-instance-types",
    "kubernetes-computes",
    "extension-node-selector",
    "clusters",
    *SNAPSHOT_KEYS,
)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")



def find_root(start: Path) -> Path | None:
    """The project root: the nearest folder at or above `start` holding `.git`."""
    for directory in [start, *start.parents]:
        if (directory / ".git").exists():
            return directory
    return None


def load_settings(start: Path, config_path: Path | None = None, isolated: bool = False) -> Settings:
    start = start.absolute()
    git_root = find_root(start)
    if isolated:
        return _without_config(start, git_root)
    if config_path is not None:
        path = config_path.absolute()
        table = _table(path)
        if table is None:  # an explicitly named pyproject.toml without our table: defaults
            table = {}
        return settings_from_table(table, path, git_root or _without_config(start, None).root)
    root = git_root or _outermost_config_folder(start)
    found = _config_in(root) if root is not None else None
    if found is not None:
        settings = settings_from_table(found[1], found[0], root)
    else:
        settings = _without_config(start, root)
    return with_nested_configs(settings) if settings.project_found else settings


def _config_in(directory: Path) -> tuple[Path, dict[str, Any]] | None:
    """The config file in `directory` (amlarc-lint.toml before pyproject.toml), if any."""
    for name in CONFIG_FILES:
        candidate = directory / name
        if candidate.is_file() and (table := _table(candidate)) is not None:
            return candidate, table
    return None


def _outermost_config_folder(start: Path) -> Path | None:
    """Outside a git checkout: the highest folder at or above `start` holding a config."""
    found = None
    for directory in [start, *start.parents]:
        if _config_in(directory) is not None:
            found = directory
    return found


def _without_config(start: Path, root: Path | None) -> Settings:
    """No project config: the git checkout is the project, else the current folder when the
    paths lie in it. Else (`check /tmp/a /srv/b`, whose common folder is `/`) only the named
    paths."""
    if root is not None:
        return Settings(root=root)
    cwd = Path.cwd()
    if start == cwd or cwd in start.parents:
        return Settings(root=cwd)
    return Settings(root=start, project_found=False)


def config_table(path: Path) -> dict[str, Any]:
    """The amlarc-lint table a config file holds (empty when it holds none)."""
    return _table(path) or {}


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data, _ = read_regular(path, MAX_CONFIG_BYTES)
    except NotReadable as exc:
        raise ConfigError(f"{shown(path)}: cannot read: {exc}", path) from exc
    except OSError as exc:
        raise ConfigError(f"{shown(path)}: cannot read: {exc.strerror or exc}", path) from exc
    if path.name == "pyproject.toml" and b"amlarc-lint" not in data:
        return None
    import tomllib  # only a project with a config reads TOML

    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        where = _TOML_POSITION.search(str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (None, None)
        raise ConfigError(f"{shown(path)}: invalid TOML: {exc}", path, line, column) from exc
    if path.name != "pyproject.toml":
        return document
    tool = document.get("tool", {})
    table = tool.get("amlarc-lint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(
            f"{shown(path)}: 'tool.amlarc-lint' must be a table ([tool.amlarc-lint])", path
        )
    return table


def settings_from_table(table: dict[str, Any], path: Path, root: Path | None = None) -> Settings:
    from linter.config.validate import validate_config

    validate_config(table, path)
    _check_cluster_computes(table, path)
    root = root or path.parent
    folder = _folder(root, path.parent)
    rules = _rule_settings(table, path, "", folder, RuleSettings())
    clusters = tuple(
        _cluster_scope(entry, entry["name"], folder) for entry in table.get("clusters", ())
    )
    top_level = [key for key in SNAPSHOT_KEYS if key in table]
    if clusters and top_level:
        raise ConfigError(
            f"{shown(path)}: '{top_level[0]}' at the top level describes the one cluster of a "
            "project without [[clusters]]; with clusters, set it in each cluster's table"
        )
    return Settings(
        root=root,
        config_path=path,
        include=tuple(_rebase(folder, g) for g in table["include"])
        if "include" in table
        else DEFAULT_INCLUDE,
        exclude=tuple(_rebase(folder, g) for g in table.get("exclude", ())),
        select=rules.select,
        ignore=rules.ignore,
        per_file_ignores=rules.per_file_ignores,
        severity=rules.severity,
        known_instance_types=tuple(table.get("known-instance-types", ())),
        kubernetes_computes=tuple(table.get("kubernetes-computes", ())),
        extension_node_selector=dict(table.get("extension-node-selector", {})),
        clusters=clusters,
        one_cluster=_cluster_scope(table, "", folder) if top_level else None,
        baseline=path.parent / table["baseline"] if "baseline" in table else None,
    )


def _cluster_scope(table: dict[str, Any], name: str, folder: str) -> ClusterScope:
    """A `[[clusters]]` entry, or the top-level keys that describe the one cluster."""
    settings_file = table.get("extension-settings")
    return ClusterScope(
        name=name,
        instance_types=tuple(_rebase(folder, g) for g in table.get("instance-types", ())),
        computes=tuple(table.get("computes", ())),
        nodes=tuple(_rebase(folder, g) for g in table.get("nodes", ())),
        node_pools=tuple(table.get("node-pools", ())),
        extension_settings=_rebase(folder, settings_file) if settings_file else None,
    )


def _check_cluster_computes(table: dict[str, Any], path: Path) -> None:
    """With clusters, each Kubernetes compute runs on exactly one of them: a compute in two
    clusters, or in `kubernetes-computes` but in no cluster, would leave the scope its
    workloads resolve instance types in to a silent choice."""
    owner: dict[str, str] = {}
    for cluster in table.get("clusters", ()):
        for compute in cluster.get("computes", ()):
            if compute in owner and owner[compute] != cluster["name"]:
                raise ConfigError(
                    f"{shown(path)}: compute {compute!r} is in clusters {owner[compute]!r} and "
                    f"{cluster['name']!r}; a compute runs on one cluster: keep it in one", path
                )
            owner[compute] = cluster["name"]
    if not table.get("clusters"):
        return
    for compute in table.get("kubernetes-computes", ()):
        if compute not in owner:
            raise ConfigError(
                f"{shown(path)}: 'kubernetes-computes' names {compute!r}, which no cluster "
                "lists; with clusters defined, its instance types would resolve in every "
                "cluster scope at once: add it to its cluster's 'computes'", path
            )


def with_nested_configs(settings: Settings) -> Settings:
    """Add the configs found below the project root (in files a directory walk would see),
    and the walk's listing, which the run reuses."""
    from linter.config.validate import validate_config
    from linter.discovery import files as discover

    settings = settings._replace(listing=discover.listing(settings.root))
    # A nested config is in a folder: a name test at C speed on every file of a monorepo
    # leaves the walk's patterns a handful of paths (10,000 files: 1 ms, the regex 11 ms).
    in_folders = tuple(f"/{name}" for name in CONFIG_FILES)
    walk = settings._replace(
        include=tuple(f"**/{name}" for name in CONFIG_FILES),
        listing=tuple(path for path in settings.listing or () if path.endswith(in_folders)),
    )
    found: list[tuple[str, Path, dict[str, Any]]] = []
    for rel in discover.project_files(walk):
        path = settings.root / rel
        folder = posixpath.dirname(rel)
        if not folder or folder.startswith("..") or path == settings.config_path:
            continue
        table = _table(path)
        if table is None:
            continue
        if any(other == folder for other, _, _ in found):  # sorted: amlarc-lint.toml came first
            continue
        validate_config(table, path)
        found.append((folder, path, table))
    built: dict[str, RuleSettings] = {}
    for folder, path, table in sorted(found, key=lambda item: (item[0].count("/"), item[0])):
        parent = next(
            (built[f] for f in sorted(built, key=len, reverse=True) if folder.startswith(f + "/")),
            settings.project_rules,
        )
        built[folder] = _rule_settings(table, path, folder, folder, parent)
    nested = sorted(built.values(), key=lambda s: (-s.folder.count("/"), s.folder))
    return settings._replace(nested=tuple(nested))


def _rule_settings(
    table: dict[str, Any], path: Path, folder: str, glob_base: str, parent: RuleSettings
) -> RuleSettings:
    ignores = table.get("per-file-ignores")
    severity = table.get("severity")
    return RuleSettings(
        folder=folder,
        select=tuple(table["select"]) if "select" in table else parent.select,
        ignore=tuple(table["ignore"]) if "ignore" in table else parent.ignore,
        per_file_ignores=parent.per_file_ignores
        if ignores is None
        else {_rebase(glob_base, glob): tuple(ids) for glob, ids in ignores.items()},
        severity=parent.severity
        if severity is None
        else {rule_id: Severity.parse(level) for rule_id, level in severity.items()},
        config_path=path,
        unused_keys=tuple(key for key in PROJECT_KEYS if key in table) if folder else (),
    )


def with_command_line(
    settings: Settings, select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> Settings:
    """`--select` replaces every config's select; `--ignore` adds to every config's ignore."""
    from linter.config.validate import RULE_PREFIX

    for option, values in (("--select", select), ("--ignore", ignore)):
        for value in values or ():
            if not RULE_PREFIX.fullmatch(value):
                raise ConfigError(
                    f"{option}: {value!r} is not a rule id or id prefix; "
                    "allowed: AML (all rules), AML2 (a group), AML302 (one rule)"
                )

    def override(rules: RuleSettings) -> RuleSettings:
        return rules._replace(
            select=rules.select if select is None else select,
            ignore=rules.ignore + (ignore or ()),
        )

    project = override(settings.project_rules)
    return settings._replace(
        select=project.select,
        ignore=project.ignore,
        nested=tuple(override(scope) for scope in settings.nested),
        command_line_select=select,
        command_line_ignore=ignore or (),
    )


def _folder(root: Path, folder: Path) -> str:
    """`folder` relative to `root`, POSIX; "" when it is the root or lies outside it."""
    if folder == root or not folder.is_relative_to(root):
        return ""
    return folder.relative_to(root).as_posix()


def _rebase(folder: str, glob: str) -> str:
    """A glob relative to `folder` (relative to the root) as a glob relative to the root."""
    glob = glob.removeprefix("./")
    return posixpath.normpath(f"{folder}/{glob}") if folder else glob
