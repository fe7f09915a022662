"""`check --show-files` and `check --show-settings` (ruff's names): what a run would lint, and
the settings it would use with where each value comes from; neither lints anything."""

from __future__ import annotations

import json
from typing import Any

from linter.api import LintRequest
from linter.config.errors import shown
from linter.config.settings import RuleSettings, Settings
from linter.discovery.configs import config_table
from linter.discovery.files import targets
from linter.formats import RenderOptions

DEFAULT = "default"


def show_files(request: LintRequest) -> str:
    """The files the run would lint, one a line, as the text output names them."""
    where = RenderOptions(root=str(request.settings.root))
    files = targets(request.settings, request.paths).files
    return "".join(where.shown_path(path) + "\n" for path in files)


def show_settings(request: LintRequest) -> str:
    """`key = value  # origin` for every setting (TOML values; globs relative to the project
    root), the project's config first, then each nested config's per-file keys."""
    settings = request.settings
    config = settings.config_path
    table = config_table(config) if config is not None else {}
    origin = shown(config) if config is not None else DEFAULT
    lines = [
        f"# project root: {settings.root}",
        f"# config: {origin if config is not None else 'none found'}",
    ]
    values: list[tuple[str, Any, str]] = [
        ("include", list(settings.include), _from(table, "include", origin)),
        ("exclude", list(settings.exclude), _from(table, "exclude", origin)),
        ("select", list(settings.select), _rule_origin(settings, table, "select", origin)),
        ("ignore", list(settings.ignore), _rule_origin(settings, table, "ignore", origin)),
        ("per-file-ignores", _lists(settings.per_file_ignores),
         _from(table, "per-file-ignores", origin)),
        ("severity", {k: v.label for k, v in settings.severity.items()},
         _from(table, "severity", origin)),
        ("baseline", str(settings.baseline) if settings.baseline else None,
         _from(table, "baseline", origin)),
        ("known-instance-types", list(settings.known_instance_types),
         _from(table, "known-instance-types", origin)),
        ("kubernetes-computes", list(settings.kubernetes_computes),
         _from(table, "kubernetes-computes", origin)),
        ("extension-node-selector", dict(settings.extension_node_selector),
         _from(table, "extension-node-selector", origin)),
        ("clusters", [c._asdict() for c in settings.clusters], _from(table, "clusters", origin)),
    ]
    lines += [f"{key} = {_value(value)}  # {where}" for key, value, where in values]
    for scope in sorted(settings.nested, key=lambda s: s.folder):
        lines += _nested(scope, settings)
    return "".join(line + "\n" for line in lines)


def _nested(scope: RuleSettings, settings: Settings) -> list[str]:
    assert scope.config_path is not None
    nested_table = config_table(scope.config_path)
    where = shown(scope.config_path)
    lines = [f"# files below {scope.folder}/: per-file keys of {where}, else inherited"]
    for key, value in (
        ("select", list(scope.select)),
        ("ignore", list(scope.ignore)),
        ("per-file-ignores", _lists(scope.per_file_ignores)),
        ("severity", {k: v.label for k, v in scope.severity.items()}),
    ):
        origin = _rule_origin(settings, nested_table, key, where)
        if origin == DEFAULT:
            origin = "inherited"
        lines.append(f"{scope.folder}: {key} = {_value(value)}  # {origin}")
    return lines


def _from(table: dict[str, Any], key: str, origin: str) -> str:
    return origin if key in table else DEFAULT


def _rule_origin(settings: Settings, table: dict[str, Any], key: str, origin: str) -> str:
    if key == "select" and settings.command_line_select is not None:
        return "--select"
    if key == "ignore" and settings.command_line_ignore:
        return f"{_from(table, key, origin)} + --ignore"
    return _from(table, key, origin)


def _lists(mapping: Any) -> dict[str, list[str]]:
    return {key: list(values) for key, values in mapping.items()}


def _value(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False, default=str)
