"""What a config says that has no effect: rule ids that match no rule of the registry, keys a
nested config may not set, path patterns that match no file of the project."""

from __future__ import annotations

from linter.config.errors import shown
from linter.config.settings import DEFAULT_INCLUDE, Settings


def config_warnings(settings: Settings) -> list[str]:
    """Things a config says that have no effect: project-level keys in a nested config, and
    rule ids that match no rule (accepted, so that a config written for a newer amlarc-lint
    keeps working)."""
    from linter.engine.registry import load_rules

    known = [rule.id for rule in load_rules()]
    warnings = []
    seen: set[tuple[str, str]] = set()  # a nested config inherits values: warn where they start
    on_command_line = [("--select", p) for p in settings.command_line_select or ()]
    on_command_line += [("--ignore", p) for p in settings.command_line_ignore]
    for option, prefix in on_command_line:
        if not any(rule_id.startswith(prefix) for rule_id in known):
            warnings.append(f"{option}: {prefix!r} matches no rule")
    added = len(settings.command_line_ignore)
    nested = sorted(settings.nested, key=lambda s: (s.folder.count("/"), s.folder))
    for scope in (settings.project_rules, *nested):
        if scope.config_path is None:
            continue
        where = shown(scope.config_path)
        for key in scope.unused_keys:
            project = shown(settings.config_path) if settings.config_path else "none there"
            warnings.append(
                f"{where}: '{key}' is a project-level key, read only from the config at the "
                f"project root ({project}); ignored here"
            )
        selected = scope.select if settings.command_line_select is None else ()
        ignored = scope.ignore[: len(scope.ignore) - added]
        named = [("select", p) for p in selected] + [("ignore", p) for p in ignored]
        named += [("per-file-ignores", p) for ids in scope.per_file_ignores.values() for p in ids]
        named += [("severity", rule_id) for rule_id in scope.severity]
        for key, prefix in named:
            if (key, prefix) in seen or any(rule_id.startswith(prefix) for rule_id in known):
                continue
            seen.add((key, prefix))
            warnings.append(f"{where}: '{key}' names {prefix!r}, which matches no rule")
    return warnings + _unmatched_patterns(settings)


def _unmatched_patterns(settings: Settings) -> list[str]:
    """A path pattern that matches no file of the project is almost surely mistyped (a
    cluster's `instance-types` that matches nothing leaves its instance types in the default
    scope): say which."""
    from linter.config.globs import unmatched

    project = shown(settings.config_path) if settings.config_path else ""
    checks: list[tuple[str, str, tuple[str, ...], bool]] = []  # where, key, patterns, files
    if settings.include != DEFAULT_INCLUDE:
        checks.append((project, "include", settings.include, True))
    checks.append((project, "exclude", settings.exclude, False))
    checks += [
        (project, f"clusters '{cluster.name}' instance-types", cluster.instance_types, False)
        for cluster in settings.clusters
    ]
    seen: set[str] = set()  # a nested config inherits its parent's per-file-ignores
    nested = sorted(settings.nested, key=lambda s: (s.folder.count("/"), s.folder))
    for scope in (settings.project_rules, *nested):
        fresh = tuple(glob for glob in scope.per_file_ignores if glob not in seen)
        seen.update(fresh)
        if scope.config_path is not None:
            checks.append((shown(scope.config_path), "per-file-ignores", fresh, False))
    if not settings.project_found or not any(patterns for _, _, patterns, _ in checks):
        return []
    from linter.discovery import files as discover

    paths = settings.listing if settings.listing is not None else discover.listing(settings.root)
    warnings = []
    for where, key, patterns, files in checks:
        for pattern in unmatched(patterns, paths, files):
            warnings.append(f"{where}: '{key}' pattern {pattern!r} matches no file")
    return warnings
