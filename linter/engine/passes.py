"""One run: discover -> read -> (definitions pass) -> project context -> (workloads pass)
-> project rules -> selection -> sorted findings.

Definitions (InstanceTypes, compute attach files) are checked in a first pass that also
collects the project context; workloads (jobs, deployments, endpoints) are checked in a
second pass against the complete context. Each file is parsed once, except the rare file
that mixes both. Larger runs spread each pass over forked processes (`linter.engine.parallel`);
commit-time runs take the other files' facts from the cache (`linter.engine.facts_cache`), and a
changed instance type file has only the cross-file rules run again on the files using it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from linter.config.settings import ClusterScope, Settings
from linter.core.finding import Finding
from linter.core.span import Location, Span
from linter.discovery import files as discover
from linter.engine import parallel, selection
from linter.engine.check_file import engine_finding, new_finding
from linter.engine.file_scan import (
    FileScan,
    Origin,
    ScanRequest,
    WorkloadRequest,
    check_workloads,
    scan_file,
)
from linter.engine.parallel import Item, Result
from linter.engine.registry import load_rules
from linter.engine.run_result import RunResult
from linter.project.context import InstanceTypeDef, ProjectContext
from linter.rule import Rule
from linter.source.line_index import yaml_lines
from linter.source.overlay import NO_BUFFERS, Buffers, buffered
from linter.source.text import UnreadableFile, decode, read_bytes

if TYPE_CHECKING:
    from linter.domain.cluster import ClusterModel
    from linter.engine.facts_cache import FactsCache, UnchangedFiles


class Cancelled(Exception):
    """The run was cancelled (`run(..., cancelled=...)`) before it finished."""


def run(
    settings: Settings,
    paths: Sequence[str],
    rules: Iterable[Rule] | None = None,
    *,
    facts_cache: FactsCache | None = None,
    buffers: Buffers = NO_BUFFERS,
    cancelled: Callable[[], bool] | None = None,
    committed: Sequence[InstanceTypeDef] = (),
) -> RunResult:
    """Lint `paths` in the context of the whole project. With a `facts_cache` (opened and
    saved by the caller, `linter.api`), the other files' facts come from it: same findings,
    without reading the files that did not change; what the run learns goes into it.
    `buffers` (`linter.source.overlay`) are read instead of the files on disk, and never
    cached. `cancelled` is asked before each file this process checks: when it says yes, the
    run stops with `Cancelled` (the language server's lint of a buffer that has changed
    again). `committed`: HEAD's definitions in the files a staged commit deletes or modifies
    (`linter.engine.staged`); the names among them that are gone are checked in every
    file that uses them, like the names a named file defines."""
    all_rules = tuple(rules) if rules is not None else load_rules()
    active = selection.selected_rules(settings, all_rules)
    clusters = _clusters(settings, facts_cache is not None)
    chosen = discover.targets(settings, paths, buffers)
    snapshots = _snapshot_paths(settings) if clusters else frozenset()
    target_set = set(chosen.files) - snapshots
    every = (
        chosen.files
        if chosen.whole_project or not settings.project_found
        else _union(
            discover.project_files(settings, verify=False),
            (*chosen.files, *discover.wanted_buffers(settings, buffers)),
        )
    )
    files = tuple(path for path in every if path not in snapshots) if snapshots else every

    findings: list[Finding] = [
        engine_finding("AML005", discover.printable(path), Span.point(1, 1), "path does not exist")
        for path in chosen.missing
    ]
    findings += [
        engine_finding("AML005", discover.printable(path), Span.point(1, 1),
                       "the file name is not valid UTF-8; rename the file to lint it")
        for path in chosen.unnamed
    ]
    # Files the cache knows unchanged are not read: the cache says what they contribute.
    unchanged = _unchanged(
        facts_cache, (path for path in files if path not in target_set and path not in buffers)
    )
    # Definition rules see the settings (e.g. extension-node-selector), no definitions yet.
    settings_only = ProjectContext.build(settings, (), (), (), clusters)
    scans = _definitions_pass(
        settings,
        [path for path in files if path not in unchanged.paths],
        target_set,
        active,
        settings_only,
        facts_cache,
        buffers,
        cancelled,
    )
    aliases = _aliases(settings.root, scans, unchanged, target_set)
    if aliases:  # each file is linted once, under one of its paths
        for alias in aliases:
            scans.pop(alias, None)
        if not unchanged.paths.isdisjoint(aliases):
            unchanged = _unchanged(facts_cache, sorted(unchanged.paths.difference(aliases)))
    counted = {path for path, scan in scans.items() if scan.counted}
    for scan in scans.values():
        findings += scan.findings

    context = _project_context(settings, scans, unchanged, clusters).with_removed(committed)
    # Files named one by one (pre-commit passes the staged files) also show the findings
    # they cause elsewhere, those whose related location lies in them (or in what the
    # commit removes); a directory given on the command line is only checked itself.
    named = set(chosen.named)
    changed_names = {d.name for p in named if p in scans for d in scans[p].facts.definitions}
    changed_names |= set(context.removed)
    blamed = named | {definition.path for definition in context.removed.values()}
    scans.update((scan.path, scan) for scan in unchanged.users(changed_names))
    workload_findings, counted_in_pass_2 = _workloads_pass(
        settings, scans, target_set, blamed, active, context, changed_names, buffers, cancelled
    )
    findings += workload_findings
    if named & (snapshots | _settings_paths(settings)):
        findings += _snapshot_users(settings, context, named, target_set, active)
    counted |= counted_in_pass_2
    if facts_cache is not None:
        for scan in scans.values():
            if scan.origin is not Origin.CACHE and scan.path not in buffers:
                facts_cache.record(scan)
        facts_cache.keep_only(files)

    reported_in = target_set | (_settings_paths(settings) if chosen.whole_project else set())
    findings += _project_findings(settings, active, context, reported_in, named, buffers)
    kept, deselected = selection.apply(settings, findings)
    kept = sorted(set(kept), key=Finding.sort_key)
    return RunResult(
        findings=kept,
        rules=all_rules,
        files_checked=len(counted & target_set),
        checked=frozenset(counted & target_set),
        files_skipped=len(target_set - counted),
        deselected=deselected,
        targets=chosen.files,
        without_directives=frozenset(path for path, scan in scans.items() if scan.no_directives),
        skipped=tuple(sorted([
            *chosen.skipped,
            *((alias, f"the same file as {kept}") for alias, kept in aliases.items()),
        ])),
    )


def _aliases(
    root: Path, scans: dict[str, FileScan], unchanged: UnchangedFiles, targets: set[str]
) -> dict[str, str]:
    """Paths that name a file another path names too (a symlink to it, a folder reached
    through a symlink, a hard link) -> the path it is linted under: a target before
    another file, then one reached without a symlink, then the first in path order."""
    identities = [scan.identity for scan in scans.values() if scan.identity is not None]
    identities += unchanged.identities.values()
    if len(set(identities)) == len(identities):  # the common case, at C speed: ~15 ms saved
        return {}  # on a commit-time run over 10,000 files
    paths_of: dict[tuple[int, int], list[str]] = {}
    for path, scan in scans.items():
        if scan.identity is not None:
            paths_of.setdefault(scan.identity, []).append(path)
    for path, identity in unchanged.identities.items():
        paths_of.setdefault(identity, []).append(path)
    aliases: dict[str, str] = {}
    for paths in paths_of.values():
        if len(paths) > 1:
            kept = min(paths, key=lambda p: (p not in targets, _through_symlink(root, p), p))
            aliases.update((path, kept) for path in paths if path != kept)
    return aliases


def _through_symlink(root: Path, path: str) -> bool:
    full = os.path.join(root, path)
    return os.path.realpath(full) != os.path.abspath(full)


def _cancellable(
    task: Callable[[Item], Result], cancelled: Callable[[], bool] | None
) -> Callable[[Item], Result]:
    if cancelled is None:
        return task

    def checked(item: Item) -> Result:
        if cancelled():
            raise Cancelled
        return task(item)

    return checked


def _union(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    """Sorted and unique; kept in order, sorted input sorts in one pass."""
    return tuple(sorted(dict.fromkeys((*first, *second))))


def _clusters(settings: Settings, cache: bool) -> Mapping[str, ClusterModel]:
    """The cluster scopes' nodes, pools and settings; ConfigError for a bad file."""
    if not settings.snapshot_scopes:
        return {}
    from linter.engine.cluster_files import load_clusters

    return load_clusters(settings, cache=cache)


def _snapshot_paths(settings: Settings) -> frozenset[str]:
    """Node snapshots are data the config names: never linted or scanned as YAML."""
    from linter.engine.cluster_files import snapshot_paths

    return frozenset(snapshot_paths(settings))


def _snapshot_users(
    settings: Settings,
    context: ProjectContext,
    named: set[str],
    targets: set[str],
    rules: tuple[Rule, ...],
) -> list[Finding]:
    """A staged node snapshot or extension settings file: the instance types of its cluster
    are checked again, for the findings whose related location lies in it (a node that no
    longer fits them)."""
    from linter.engine.check_file import check_yaml_file
    from linter.source.text import read_file

    scopes = [
        scope.name for scope in settings.snapshot_scopes
        if scope.extension_settings in named or named & _snapshot_paths_of(settings, scope)
    ]
    paths = sorted({
        definition.path
        for scope in scopes
        for found in context.definitions.get(scope, {}).values()
        for definition in found
    } - targets)
    chosen = tuple(rule for rule in rules if rule.cross_file)
    found: list[Finding] = []
    for path in paths:
        try:
            data, _ = read_file(settings.root / path)
        except UnreadableFile:
            continue
        outcome = check_yaml_file(
            path, data, chosen, context, definitions=True, file_problems=False
        )
        found += [f for f in outcome.findings if _related_in(f.related, named)]
    return found


def _snapshot_paths_of(settings: Settings, scope: ClusterScope) -> set[str]:
    from linter.engine.cluster_files import snapshot_paths

    return snapshot_paths(settings, (scope,))


def _settings_paths(settings: Settings) -> set[str]:
    """The extension settings files: a whole-project run shows their own findings (AML612)."""
    return {s.extension_settings for s in settings.snapshot_scopes if s.extension_settings}


def _project_context(
    settings: Settings,
    scans: dict[str, FileScan],
    unchanged: UnchangedFiles,
    clusters: Mapping[str, ClusterModel],
) -> ProjectContext:
    """From the files read and those the cache knows, in path order (where a name is defined
    twice, or an endpoint named twice, the first file in path order wins)."""
    facts = [(path, scan.facts) for path, scan in scans.items()]
    definitions = [d for _, f in facts for d in f.definitions] + unchanged.definitions
    endpoints = [(p, *endpoint) for p, f in facts for endpoint in f.endpoints]
    return ProjectContext.build(
        settings,
        sorted(definitions, key=attrgetter("path")),
        [*(c for _, f in facts for c in f.computes), *unchanged.computes],
        ((e, c) for _, e, c in sorted(endpoints + unchanged.endpoints, key=itemgetter(0))),
        clusters,
    )


def _unchanged(facts_cache: FactsCache | None, paths: Iterable[str]) -> UnchangedFiles:
    from linter.engine.facts_cache import UnchangedFiles

    return facts_cache.unchanged(paths) if facts_cache is not None else UnchangedFiles()


def _definitions_pass(
    settings: Settings,
    files: Sequence[str],
    targets: set[str],
    rules: tuple[Rule, ...],
    context: ProjectContext,
    facts_cache: FactsCache | None,
    buffers: Buffers,
    cancelled: Callable[[], bool] | None,
) -> dict[str, FileScan]:
    """The files: read, prefiltered, their definitions checked (targets) and their facts
    collected; a file whose content the cache knows (touched, not changed) keeps its cached
    facts. In path order."""
    scans: dict[str, FileScan] = {}
    previous: dict[str, FileScan] = {}
    requests: list[ScanRequest] = []
    keep_bytes = len(files) < parallel.POOL_MIN_FILES
    for path in files:
        cached = (
            facts_cache.lookup(path)
            if facts_cache and path not in targets and path not in buffers
            else None
        )
        if cached is not None:
            previous[path] = cached
        digest = cached.digest if cached else None
        requests.append(
            ScanRequest(
                path=path, is_target=path in targets, cached_digest=digest, keep_bytes=keep_bytes
            )
        )
    task = _cancellable(
        partial(scan_file, settings.root, rules, context, buffers=buffers), cancelled
    )
    for request, scan in zip(requests, parallel.map_files(task, requests), strict=True):
        if scan.origin is Origin.SAME_CONTENT:
            scan = replace(previous[request.path], stamp=scan.stamp, identity=scan.identity)
        scans[request.path] = scan
    return scans


def _workloads_pass(
    settings: Settings,
    scans: dict[str, FileScan],
    targets: set[str],
    named: set[str],
    rules: tuple[Rule, ...],
    context: ProjectContext,
    changed_names: set[str],
    buffers: Buffers,
    cancelled: Callable[[], bool] | None,
) -> tuple[list[Finding], set[str]]:
    """Targets' workloads; and, when targets define instance types, the other files whose
    workloads use one of them, for the findings that point back into the targets. With the
    targets this pass counts as checked."""
    requests = [
        WorkloadRequest(
            path=path,
            is_target=path in targets,
            file_problems=path in targets and not scan.defines,
            data=scan.data,
        )
        for path, scan in scans.items()
        if scan.pending and (path in targets or _may_use(scan, changed_names))
    ]
    found: list[Finding] = []
    counted: set[str] = set()
    # Most files use one of a few names: equal sets are shared, not kept once per file.
    reference_sets: dict[frozenset[str], frozenset[str]] = {}
    task = _cancellable(
        partial(check_workloads, settings.root, rules, context, buffers=buffers), cancelled
    )
    for result in parallel.map_files(task, requests):
        scan = scans[result.path]
        known = scan.references_known and scan.facts.references == result.references
        if result.readable and not known:
            references = reference_sets.setdefault(result.references, result.references)
            scan.facts = scan.facts._replace(references=references)
            scan.references_known, scan.origin = True, Origin.READ
        if result.path in targets:
            found += result.findings
            if result.counted:
                counted.add(result.path)
        elif result.references & changed_names:
            found += [f for f in result.findings if _related_in(f.related, named)]
    return found, counted


def _may_use(scan: FileScan, names: set[str]) -> bool:
    return bool(names) and (not scan.references_known or bool(scan.facts.references & names))


def _related_in(related: Iterable[Location], paths: set[str]) -> bool:
    return any(location.path in paths for location in related)


def _project_findings(
    settings: Settings,
    rules: Iterable[Rule],
    context: ProjectContext,
    targets: set[str],
    named: set[str],
    buffers: Buffers,
) -> list[Finding]:
    """Project rules' findings in the targets, or pointing into files named one by one; each
    file they are in is read once, for the snippets."""
    found: list[Finding] = []
    lines_of: dict[str, list[str]] = {}
    for rule in rules:
        if rule.project_check is None:
            continue
        for report in rule.project_check(context):
            assert report.location is not None  # a project rule reads it from the context
            path, span = report.location.path, report.location.span
            if path not in targets and not _related_in(report.related, named):
                continue
            if path not in lines_of:
                lines_of[path] = _file_lines(settings, path, buffers)
            found.append(
                new_finding(
                    rule, path, span, report.message, lines_of[path], related=report.related
                )
            )
    return found


def _file_lines(settings: Settings, path: str, buffers: Buffers) -> list[str]:
    try:
        data = buffered(buffers, path)
        if data is None:
            data = read_bytes(settings.root / path)
        return yaml_lines(decode(data).text)
    except UnreadableFile:
        return []


def project_context(settings: Settings) -> ProjectContext:
    """The project context a run builds, with no rule run (`amlarc-lint context`): every
    project file's facts, and the cluster scopes' files."""
    clusters = _clusters(settings, False)
    snapshots = _snapshot_paths(settings) if clusters else frozenset()
    files = [p for p in discover.project_files(settings, verify=False) if p not in snapshots]
    settings_only = ProjectContext.build(settings, (), (), (), clusters)
    scans = _definitions_pass(settings, files, set(), (), settings_only, None, NO_BUFFERS, None)
    return _project_context(settings, scans, _unchanged(None, ()), clusters)
