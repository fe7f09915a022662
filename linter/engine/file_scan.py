"""The per-file work of a run, as the engine hands it out (here, or to forked processes).

Pass 1 (`scan_file`) reads a file, tells from its bytes whether it is ours, checks its
definition documents and collects its facts. Pass 2 (`check_workloads`) checks its workload
documents against the project context. Both take and return small picklable values.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from linter.core.digest import RACY_NS, content_digest
from linter.core.finding import Finding
from linter.engine.check_file import FileOutcome, check_yaml_file, engine_finding
from linter.project.context import ProjectContext
from linter.project.facts import NO_FACTS, FileFacts
from linter.rule import Rule
from linter.source.kinds import (
    is_other_language,
    is_python_path,
    looks_relevant,
    may_define,
    python_prefilter,
)
from linter.source.overlay import NO_BUFFERS, Buffers, buffered
from linter.source.text import Stamp, UnreadableFile, mentions_marker, read_file, searchable_bytes

# Pass 1 hands the bytes of a file with workloads to pass 2 (which then need not read it
# again) up to this size; a larger file is read again rather than held in memory meanwhile,
# and so is every file of a large run (`ScanRequest.keep_bytes`): its memory stays flat.
KEEP_BYTES_MAX = 64 * 1024


class Holds(enum.Flag):
    """What a file holds, as far as the run has looked; it drives the passes: pass 1 parses
    a file that may hold DEFINITIONS (and collects its facts), pass 2 checks a file that
    holds WORKLOADS. The values are the facts cache's flag bits."""

    NOTHING = 0  # not ours (the byte prefilter said so), or unreadable
    OURS = 1  # passed the byte prefilter
    DEFINITIONS = 2  # may hold definitions: pass 1 parsed it
    WORKLOADS = 4  # holds (or may hold) workload documents: pass 2 checks them


class Origin(enum.Enum):
    """Where a scan's facts come from."""

    READ = "read"  # this run read the file
    SAME_CONTENT = "same content"  # read, and its content is the cached entry's: reuse that
    CACHE = "cache"  # the facts cache's entry, as stored there


@dataclass(slots=True)
class FileScan:
    """What pass 1 learned of one file. The facts cache keeps the fields up to
    `references_known`; the others are this run's. A run holds one per project file: slots,
    and shared empty defaults, keep it small."""

    path: str
    stamp: Stamp | None = None  # None: unreadable, or changed too recently to trust
    digest: str = ""  # content hash; "" when the file could not be read
    holds: Holds = Holds.NOTHING
    facts: FileFacts = NO_FACTS
    references_known: bool = True  # facts.references is complete (its workloads were read)
    findings: Sequence[Finding] = ()  # pass 1's, for a target
    counted: bool = False  # a target holding a document of ours ("checked" in the summary)
    origin: Origin = Origin.READ
    data: bytes | None = field(default=None, repr=False, compare=False)  # for pass 2
    no_directives: bool = False  # read by this run, and holds no `amlarc-lint:` comment
    identity: tuple[int, int] | None = None  # the file read (`Stamp.identity`)

    @property
    def relevant(self) -> bool:
        return Holds.OURS in self.holds

    @property
    def defines(self) -> bool:
        return Holds.DEFINITIONS in self.holds

    @property
    def pending(self) -> bool:
        """Pass 2 has work here."""
        return Holds.WORKLOADS in self.holds


class ScanRequest(NamedTuple):
    path: str
    is_target: bool
    cached_digest: str | None = None
    keep_bytes: bool = True


class WorkloadRequest(NamedTuple):
    path: str
    is_target: bool
    # Parse problems are reported by the first pass that parses the file: here only for a
    # target that pass 1 did not parse.
    file_problems: bool
    data: bytes | None  # what pass 1 read, or None: read it here


class WorkloadResult(NamedTuple):
    path: str
    findings: Sequence[Finding] = ()
    references: frozenset[str] = frozenset()
    counted: bool = False
    readable: bool = True


def _checker(path: str) -> Callable[..., FileOutcome]:
    """The Python front end's checker for `.py` files and notebooks; YAML's for the rest."""
    if is_python_path(path):
        from linter.engine.check_python import check_python_file

        return check_python_file
    return check_yaml_file


def scan_file(
    root: Path,
    rules: tuple[Rule, ...],
    context: ProjectContext,
    request: ScanRequest,
    buffers: Buffers = NO_BUFFERS,
) -> FileScan:
    path = request.path
    try:
        text = buffered(buffers, path)  # an unsaved buffer has no stamp the cache could trust
        data, stamp = (text, None) if text is not None else read_file(root / path)
    except UnreadableFile as exc:
        if not request.is_target:
            return FileScan(path)
        return FileScan(path, findings=[engine_finding("AML005", path, exc.span, str(exc))],
                        counted=True)
    trusted = stamp if stamp and stamp.mtime_ns < time.time_ns() - RACY_NS else None
    digest = content_digest(data)
    if digest == request.cached_digest:
        return FileScan(
            path, trusted, digest, origin=Origin.SAME_CONTENT, identity=stamp and stamp.identity
        )
    scan = _scan_read(path, data, trusted, digest, rules, context, request)
    scan.identity = stamp and stamp.identity
    return scan


def _scan_read(
    path: str,
    data: bytes,
    trusted: Stamp | None,
    digest: str,
    rules: tuple[Rule, ...],
    context: ProjectContext,
    request: ScanRequest,
) -> FileScan:
    quiet = not mentions_marker(data)
    if is_python_path(path):
        relevant, defines = python_prefilter(data)
    elif is_other_language(path):
        relevant = defines = False
    else:
        searchable = searchable_bytes(data)
        relevant, defines = looks_relevant(searchable), may_define(searchable)
    if not relevant:
        return FileScan(path, trusted, digest, no_directives=quiet)
    kept = data if request.keep_bytes and len(data) <= KEEP_BYTES_MAX else None
    if not defines:
        return FileScan(path, trusted, digest, Holds.OURS | Holds.WORKLOADS,
                        references_known=False, data=kept, no_directives=quiet)
    outcome = _checker(path)(
        path, data, rules if request.is_target else (), context,
        definitions=True, file_problems=request.is_target,
    )
    workloads = Holds.WORKLOADS if outcome.has_workloads else Holds.NOTHING
    return FileScan(
        path, trusted, digest, Holds.OURS | Holds.DEFINITIONS | workloads,
        facts=outcome.facts, references_known=not outcome.has_workloads,
        findings=outcome.findings if request.is_target else [],
        counted=outcome.relevant and request.is_target,
        data=kept if outcome.has_workloads else None, no_directives=quiet,
    )


def check_workloads(
    root: Path,
    rules: tuple[Rule, ...],
    context: ProjectContext,
    request: WorkloadRequest,
    buffers: Buffers = NO_BUFFERS,
) -> WorkloadResult:
    """Pass 2: the file's workload documents against the project context."""
    path, is_target, file_problems, data = request
    try:
        if data is None:
            data = buffered(buffers, path)
        if data is None:
            data, _ = read_file(root / path)
    except UnreadableFile as exc:
        if not is_target:
            return WorkloadResult(path=path, readable=False)
        finding = engine_finding("AML005", path, exc.span, str(exc))
        return WorkloadResult(path=path, findings=[finding], counted=True)
    # Another file's user is checked only for the findings that point into that file.
    chosen = rules if is_target else tuple(r for r in rules if r.cross_file)
    outcome = _checker(path)(path, data, chosen, context, definitions=False,
                         file_problems=file_problems)
    return WorkloadResult(path=path, findings=outcome.findings, references=outcome.facts.references,
                          counted=outcome.relevant and is_target)
