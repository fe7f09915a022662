"""The on-disk cache of what each file contributes to the project context, so that a
commit-time run gets the whole repository's facts without parsing every file.

It lives in `.amlarc-lint-cache/facts.cache` at the project root; the folder holds its own
`.gitignore` (`*`), as ruff's cache does. Per file: its stamp (size and mtime: a file whose
stamp is unchanged is not read at all), the hash of its content (a touched but unchanged
file is read, not parsed), and its facts (instance type definitions, computes, endpoints,
and the instance type names its workloads use, so a staged InstanceType change re-checks
only the files that use it).

The layout is made to load fast, since a commit-time run reads it whole: a first line with a
checksum of the rest (a hand-edited cache that still parses is a miss), then one line of JSON
holding a column per field (paths, sizes, mtimes, digests, flags, names used) and a row per
definition, compute and endpoint; then, after the newline, the definitions' resources and
spans as one blob of JSON texts that the rows point into by offset, decoded only when a rule
looks at that definition (`InstanceTypeDef.stored`). It is data, never code (the folder may
be writable by others): the columns are checked for shape when read, and a file that fails
is ignored whole; a definition's details are checked when decoded, and damaged ones read as
a definition that states nothing (never a crash). Only regular files are read, never
through a symlink and within a size bound, and the folder must not be a symlink: a
repository that commits a FIFO or a link to `/dev/zero` in its place gets no cache, not a
hang.

Every file is written atomically (a temporary file renamed over the old one), so a
concurrent run reads whole files only; a run that changed a few entries writes them to a
delta file of its own, so concurrent commits do not overwrite each other's entries. Any
entry is only a claim about a stamp and a hash, checked before use: a stale one costs a
re-read, never a wrong finding. A cache that cannot be read (corrupt, truncated, from
another version of amlarc-lint) is ignored and rebuilt; a folder that cannot be written
just means no cache.
"""

from __future__ import annotations

import json
import operator
import os
import stat
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from itertools import chain
from pathlib import Path
from typing import Any

from linter import __version__
from linter.core.digest import content_digest
from linter.discovery import git_listing
from linter.discovery.file_stats import FileStamp, file_stamps
from linter.engine.file_scan import FileScan, Holds, Origin
from linter.project.context import InstanceTypeDef
from linter.project.facts import NO_FACTS, FileFacts
from linter.source.atomic_file import remove_stale_temporaries, write_atomically
from linter.source.bounded_read import NotReadable, read_regular
from linter.source.text import Stamp

CACHE_DIR = ".amlarc-lint-cache"
CACHE_FILE = "facts.cache"
DELTA_PREFIX = "facts-delta-"
SUFFIX = ".cache"
MAX_DELTAS = 16  # then the next run that changes something rewrites facts.cache whole
MAX_DELTA_ENTRIES = 256
MAX_CACHE_BYTES = 512 * 1024 * 1024  # a 10,000-file repository's cache is ~5 MB
_SEAL_PREFIX = "amlarc-lint-cache crc32:"
_GITIGNORE = "# Created by amlarc-lint: a cache, not for version control.\n*\n"
# An entry's flags: what the file holds (`Holds`: 1, 2, 4) and whether its references are known.
_HOLDS = Holds.OURS.value | Holds.DEFINITIONS.value | Holds.WORKLOADS.value
_REFERENCES_KNOWN = 8

# A file's facts as stored: definitions (name, document, base, details JSON), the Kubernetes
# computes it attaches, its endpoints (name -> compute).
StoredFacts = tuple[list[tuple[str, int, str, bytes]], list[str], dict[str, str]]
# One file's entry: size, mtime_ns (None: stamp not trusted), digest, flags, the instance
# type names its workloads use (sorted), and its facts (None: it defines nothing).
Entry = tuple[int | None, int | None, str, int, list[str], StoredFacts | None]


class FactsCache:
    """`facts.cache` holds every file's entry; a run that changed a few entries (a commit)
    writes them to a small `facts-delta-<time>-<pid>.cache` instead, read over it by later
    runs until a run rewrites `facts.cache` and removes the deltas it folded in."""

    def __init__(self, root: Path, table: _Table | None = None, deltas: int = 0) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.table = table or _Table()
        self.deltas = deltas  # delta files read over facts.cache
        self.changed: dict[str, Entry] = {}
        self.project_files: set[str] | None = None  # None: every file it holds
        self.started = time.time_ns()

    @classmethod
    def load(cls, root: Path) -> FactsCache:
        folder = root / CACHE_DIR
        table = _read_table(folder / CACHE_FILE) if _own_folder(folder) else None
        if table is None:
            return cls(root)
        deltas = sorted(folder.glob(f"{DELTA_PREFIX}*{SUFFIX}"))
        for delta in deltas:
            newer = _read_table(delta)
            if newer is not None:
                table.update(newer.entries())
        return cls(root, table, len(deltas))

    def unchanged(self, paths: Iterable[str]) -> UnchangedFiles:
        """The files among `paths` whose stamp is the cached one, with what the cache keeps
        of them. This sees every file of a monorepo: comprehensions over the columns, objects
        built only for the definitions."""
        table = self.table
        index, sizes, mtimes, flags, facts, references = (
            table.index, table.sizes, table.mtimes, table.flags, table.facts, table.references
        )
        rows = [(path, row) for path in paths if (row := index.get(path)) is not None]
        stamps = _stamps(str(self.root), [path for path, _ in rows])
        same = [
            (path, row, stamp)
            for (path, row), stamp in zip(rows, stamps, strict=True)
            if stamp is not None and sizes[row] == stamp[0] and mtimes[row] == stamp[1]
        ]
        workloads = Holds.WORKLOADS.value
        found = UnchangedFiles(
            table,
            paths={path for path, _, _ in same},
            uses={
                path: references[row] if flags[row] & _REFERENCES_KNOWN else None
                for path, row, _ in same
                if flags[row] & workloads
            },
            identities={path: (stamp[2], stamp[3]) for path, _, stamp in same},
        )
        for path, row, _ in same:
            stored = facts.get(row)
            if stored is not None:
                found.add_facts(path, stored)
        return found

    def lookup(self, path: str) -> FileScan | None:
        row = self.table.index.get(path)
        return None if row is None else _scan(path, self.table.entry(row))

    def record(self, scan: FileScan) -> None:
        """Keep what a file's scan (and, for its workloads, pass 2) found."""
        if scan.digest:
            entry = _to_entry(scan)
            row = self.table.index.get(scan.path)
            if row is None or entry != self.table.entry(row):
                self.changed[scan.path] = entry

    def keep_only(self, paths: Iterable[str]) -> None:
        """The project's files: when the cache is next written whole, the entries of other
        files (deleted, or excluded since) go."""
        self.project_files = set(paths)

    def save(self) -> None:
        """Write what changed: a delta, or the whole cache for the project's files."""
        if not self.changed:
            return
        try:
            self._prepare_folder()
            whole = (
                not self.table.index
                or self.deltas >= MAX_DELTAS
                or len(self.changed) > MAX_DELTA_ENTRIES
            )
            if whole:
                keep = self.project_files
                table = self.table
                entries = {
                    p: table.entry(r) for p, r in table.index.items() if keep is None or p in keep
                }
                entries.update(self.changed)
                write_atomically(
                    self.folder / CACHE_FILE, sealed(_encode(sorted(entries.items()))),
                    follow_symlinks=False,
                )
                self._remove_deltas_before(self.started)
            else:
                name = f"{DELTA_PREFIX}{self.started}-{os.getpid()}{SUFFIX}"
                body = sealed(_encode(sorted(self.changed.items())))
                write_atomically(self.folder / name, body, follow_symlinks=False)
        except OSError:
            return  # a read-only checkout: run without a cache

    def _remove_deltas_before(self, started: int) -> None:
        """Deltas written before this run began are folded into the new facts.cache; a
        concurrent run's newer delta stays. The files of the earlier JSON layout go."""
        for delta in self.folder.glob(f"{DELTA_PREFIX}*{SUFFIX}"):
            written = delta.name.removeprefix(DELTA_PREFIX).split("-", 1)[0]
            if written.isdigit() and int(written) < started:
                delta.unlink(missing_ok=True)
        for legacy in self.folder.glob("facts*.json"):
            legacy.unlink(missing_ok=True)

    def _prepare_folder(self) -> None:
        """The folder, a real one (a symlink in its place could point anywhere: no cache)."""
        self.folder.mkdir(exist_ok=True)
        if not _own_folder(self.folder):
            raise NotADirectoryError(self.folder)
        remove_stale_temporaries(self.folder)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_atomically(ignore, _GITIGNORE.encode("utf-8"), follow_symlinks=False)


def _stamps(root: str, paths: list[str]) -> list[FileStamp | None]:
    """Each path's stamp: as the program's early listing took it, at its start, on another
    core (`git_listing.stamps`), else now."""
    taken = git_listing.stamps(root) if paths else None  # a whole-project run asks nothing
    if taken is None:
        return file_stamps(root, paths)
    missing = [path for path in paths if path not in taken]
    if missing:
        taken = {**taken, **dict(zip(missing, file_stamps(root, missing), strict=True))}
    return [taken[path] for path in paths]


def _own_folder(folder: Path) -> bool:
    """A folder, not a symlink to one (what a repository commits in its place is not ours)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


class _Table:
    """The entries in columns (a row per file), as read from a cache file."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}  # path -> row
        self.sizes: list[int | None] = []
        self.mtimes: list[int | None] = []
        self.digests: list[str] = []
        self.flags: list[int] = []
        self.references: list[list[str]] = []
        self.facts: dict[int, StoredFacts] = {}  # only rows that define something

    def entry(self, row: int) -> Entry:
        return (
            self.sizes[row], self.mtimes[row], self.digests[row], self.flags[row],
            self.references[row], self.facts.get(row),
        )

    def entries(self) -> Iterable[tuple[str, Entry]]:
        return [(path, self.entry(row)) for path, row in self.index.items()]

    def update(self, entries: Iterable[tuple[str, Entry]]) -> None:
        columns = (self.sizes, self.mtimes, self.digests, self.flags, self.references)
        for path, entry in entries:
            row = self.index.setdefault(path, len(self.digests))
            if row == len(self.digests):
                for column in columns:
                    column.append(None)  # type: ignore[arg-type]
            for column, value in zip(columns, entry[:5], strict=True):
                column[row] = value
            if entry[5] is None:
                self.facts.pop(row, None)
            else:
                self.facts[row] = entry[5]


def _read_table(path: Path) -> _Table | None:
    """A cache file's entries; None when it is missing, damaged, edited or from another
    version, or not a regular file of its own (a symlink, a FIFO: never followed or read)."""
    try:
        data, _ = read_regular(path, MAX_CACHE_BYTES, follow_symlinks=False)
        # Checked and decoded through a view: no copy of a body of megabytes (two 3 MB copies,
        # about 4 ms, for 10,000 files).
        seal_end = data.index(b"\n")
        head_end = data.index(b"\n", seal_end + 1)
        view = memoryview(data)
        if data[:seal_end] != _seal(view[seal_end + 1 :]):
            return None
        stored = json.loads(str(view[seal_end + 1 : head_end], "utf-8"))
        return _decode(stored, data[head_end + 1 :]) if isinstance(stored, dict) else None
    except (NotReadable, OSError, ValueError, TypeError, KeyError, IndexError, RecursionError,
            MemoryError):
        return None


def _seal(body: bytes | memoryview | list[bytes]) -> bytes:
    """The cache file's first line: a checksum of the rest, so that a file edited by hand (or
    damaged in a way that still parses) is a miss, never a wrong finding. CRC-32 does that as
    well as an unkeyed cryptographic hash (which stops no forger either) in a fifth of the
    time: 0.8 against 3.9 ms (BLAKE2b) for a 10,000-file cache."""
    checksum = 0
    for part in body if isinstance(body, list) else [body]:
        checksum = zlib.crc32(part, checksum)
    return f"{_SEAL_PREFIX}{checksum:08x}".encode("ascii")


def sealed(body: list[bytes]) -> list[bytes]:
    """A cache file's parts: the checksum line, then the body's parts."""
    return [_seal(body), b"\n", *body]


def _encode(entries: list[tuple[str, Entry]]) -> list[bytes]:
    """Entries (in path order) as the cache file's parts: the header line, then the blob's
    pieces (written one by one, not joined: a whole-project cache is megabytes)."""
    columns: tuple[list[Any], ...] = ([], [], [], [], [], [])
    definitions: list[list[Any]] = []
    computes: list[list[Any]] = []
    endpoints: list[list[Any]] = []
    blob: list[bytes] = []
    size = 0
    for row, (path, entry) in enumerate(entries):
        for column, value in zip(columns, (path, *entry[:5]), strict=True):
            column.append(value)
        facts = entry[5]
        if facts is None:
            continue
        for name, document, base, details in facts[0]:
            definitions.append([row, name, document, base, size, size + len(details)])
            blob.append(details)
            size += len(details)
        computes += [[row, name] for name in facts[1]]
        endpoints += [[row, name, compute] for name, compute in facts[2].items()]
    paths, sizes, mtimes, digests, flags, references = columns
    header = {
        "key": code_key(), "paths": paths, "sizes": sizes, "mtimes": mtimes,
        "digests": digests, "flags": flags, "references": references,
        "definitions": definitions, "computes": computes, "endpoints": endpoints,
    }
    # One JSON object, written a member at a time (the encoder's pieces for a whole
    # repository at once would be tens of thousands of strings). ASCII JSON has no raw
    # newline: the first one ends the header.
    parts = [b"{"]
    for number, (name, value) in enumerate(header.items()):
        member = f"{json.dumps(name)}:{json.dumps(value, separators=(',', ':'))}"
        parts.append((b"," if number else b"") + member.encode("ascii"))
    return [*parts, b"}\n", *blob]


def _decode(stored: dict[str, Any], blob: bytes) -> _Table | None:
    """The columns, checked for shape at C speed (`map(type, ...)`) before anything is used:
    a file that fails any check is a miss whole."""
    if stored.get("key") != code_key():
        return None
    paths, sizes, mtimes, digests, flags, references = (
        stored[name] for name in ("paths", "sizes", "mtimes", "digests", "flags", "references")
    )
    definitions, computes, endpoints = (
        stored[name] for name in ("definitions", "computes", "endpoints")
    )
    columns = (paths, sizes, mtimes, digests, flags, references, definitions, computes, endpoints)
    if not _only(columns, list) or len({len(c) for c in columns[:6]}) != 1:
        return None
    rows = range(len(paths))
    valid = (
        _only(paths, str) and len(set(paths)) == len(paths)
        and _only(sizes, int, type(None)) and _only(mtimes, int, type(None))
        and _only(digests, str) and _only(flags, int)
        and _only(references, list) and _only(chain.from_iterable(references), str)
        and _rows(definitions, (int, str, int, str, int, int), rows)
        and _rows(computes, (int, str), rows)
        and _rows(endpoints, (int, str, str), rows)
        and _offsets(definitions, len(blob))
    )
    if not valid:
        return None
    table = _Table()
    table.index = dict(zip(paths, rows, strict=True))
    table.sizes, table.mtimes, table.digests, table.flags, table.references = (
        sizes, mtimes, digests, flags, references
    )
    facts = table.facts
    for row, name, document, base, start, end in definitions:
        facts.setdefault(row, ([], [], {}))[0].append((name, document, base, blob[start:end]))
    for row, name in computes:
        facts.setdefault(row, ([], [], {}))[1].append(name)
    for row, name, compute in endpoints:
        facts.setdefault(row, ([], [], {}))[2].setdefault(name, compute)
    return table


def _only(values: Iterable[Any], *types: type) -> bool:
    return set(map(type, values)) <= set(types)


def _rows(rows: list[Any], types: tuple[type, ...], files: range) -> bool:
    """Each row a list of these types, its first item a file's row number."""
    if not _only(rows, list) or not set(map(len, rows)) <= {len(types)}:
        return False
    if not rows:
        return True
    columns = list(zip(*rows, strict=True))
    valid = all(_only(c, t) for c, t in zip(columns, types, strict=True))
    return valid and min(columns[0]) >= files.start and max(columns[0]) < files.stop


def _offsets(definitions: list[list[Any]], size: int) -> bool:
    """Every definition's details lie within the blob (the rows' types are checked)."""
    if not definitions:
        return True
    starts, ends = [d[4] for d in definitions], [d[5] for d in definitions]
    return min(starts) >= 0 and max(ends) <= size and all(map(operator.le, starts, ends))


@cache
def code_key() -> str:
    """Which amlarc-lint wrote a cache: its version and the stamps of every module of the
    package, sub-packages and rules included (an edited checkout of the linter must not reuse
    facts an older reader produced)."""
    stamps = []
    for folder in code_folders():
        # os.walk, not Path.rglob: a third of the time, on every commit-time run.
        for where, folders, names in os.walk(folder):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            prefix = os.path.relpath(where, folder).replace(os.sep, "/")
            for name in sorted(name for name in names if name.endswith(".py")):
                info = os.stat(os.path.join(where, name))
                module = name if prefix == "." else f"{prefix}/{name}"
                stamps.append(f"{folder.name}/{module}:{info.st_size}:{info.st_mtime_ns}")
    return f"{__version__}|{content_digest(';'.join(stamps).encode('utf-8'))}"


def code_folders() -> list[Path]:
    """The folders of the installed `linter` package and of `linter.rules` (which a checkout
    keeps beside it, in `rules/`)."""
    package = Path(__file__).resolve().parents[1]
    spec = find_spec("linter.rules")
    rules = [Path(p).resolve() for p in (spec.submodule_search_locations or ())] if spec else []
    return [package, *(folder for folder in rules if not folder.is_relative_to(package))]


@dataclass
class UnchangedFiles:
    """Files whose stamp the cache knows: the run does not read them, and takes what they
    contribute to the project context from the cache."""

    table: _Table = field(default_factory=_Table)
    paths: set[str] = field(default_factory=set)
    # What they contribute to the project context, in path order:
    definitions: list[InstanceTypeDef] = field(default_factory=list)
    computes: list[str] = field(default_factory=list)
    endpoints: list[tuple[str, str, str]] = field(default_factory=list)  # path, name, compute
    # Those with workloads: the instance type names they use (None: not known yet).
    uses: dict[str, list[str] | None] = field(default_factory=dict)
    identities: dict[str, tuple[int, int]] = field(default_factory=dict)  # (st_dev, st_ino)

    def add_facts(self, path: str, facts: StoredFacts) -> None:
        definitions, computes, endpoints = facts
        self.definitions += [
            InstanceTypeDef.stored(name, path, document, base, details)
            for name, document, base, details in definitions
        ]
        self.computes += computes
        self.endpoints += [(path, name, compute) for name, compute in endpoints.items()]

    def users(self, names: set[str]) -> list[FileScan]:
        """Those whose workloads may use one of `names`, as cached scans, to check again."""
        if not names:
            return []
        found = []
        for path, used in self.uses.items():
            if used is None or not names.isdisjoint(used):
                scan = _scan(path, self.table.entry(self.table.index[path]))
                scan.origin = Origin.CACHE
                found.append(scan)
        return found


def _to_entry(scan: FileScan) -> Entry:
    flags = scan.holds.value | _REFERENCES_KNOWN * scan.references_known
    facts = scan.facts
    stored: StoredFacts | None = None
    if facts.definitions or facts.computes or facts.endpoints:
        definitions = [(d.name, d.document, d.base, d.details_json()) for d in facts.definitions]
        stored = (definitions, list(facts.computes), dict(facts.endpoints))
    stamp = scan.stamp
    return (
        stamp.size if stamp else None,
        stamp.mtime_ns if stamp else None,
        scan.digest,
        flags,
        sorted(facts.references),
        stored,
    )


def _scan(path: str, entry: Entry) -> FileScan:
    size, mtime_ns, digest, flags, references, facts = entry
    file_facts = FileFacts(references=frozenset(references)) if references else NO_FACTS
    if facts is not None:
        definitions = tuple(
            InstanceTypeDef.stored(name, path, document, base, details)
            for name, document, base, details in facts[0]
        )
        file_facts = file_facts._replace(
            definitions=definitions, computes=tuple(facts[1]), endpoints=tuple(facts[2].items())
        )
    return FileScan(
        path,
        Stamp(size=size, mtime_ns=mtime_ns) if size is not None and mtime_ns is not None else None,
        digest,
        Holds(flags & _HOLDS),
        facts=file_facts,
        references_known=bool(flags & _REFERENCES_KNOWN),
    )
