"""The on-disk cache of what each file contributes to the project context, so that a
commit-time run gets the whole repository's facts without parsing every file.

It lives in `.amlarc-lint-cache/facts.json` at the project root; the folder holds its own
`.gitignore` (`*`), as ruff's cache does. Per file: its stamp (size and mtime: a file whose
stamp is unchanged is not read at all), the hash of its content (a touched but unchanged
file is read, not parsed), and its facts (instance type definitions, computes, endpoints,
and the instance type names its workloads use, so a staged InstanceType change re-checks
only the files that use it).

The layout is made to load fast: one small list per file, the facts of a file that defines
nothing are just the names it uses, and each instance type keeps its resources and spans as
JSON text, decoded only when a rule looks at that definition (`InstanceTypeDef.stored`).
It stays JSON (data, never code: the folder may be writable by others), and every entry is
checked for shape before use: a damaged one is a miss. Details are checked when decoded; damaged
ones read as a definition that states nothing (never a crash).

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
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from linter import __version__
from linter.atomic_file import write_atomically
from linter.context import InstanceTypeDef
from linter.facts import FileFacts
from linter.file_scan import FileScan, content_digest
from linter.source import Stamp

CACHE_DIR = ".amlarc-lint-cache"
CACHE_FILE = "facts.json"
DELTA_PREFIX = "facts-delta-"
MAX_DELTAS = 16  # then the next run that changes something rewrites facts.json whole
MAX_DELTA_ENTRIES = 256
_GITIGNORE = "# Created by amlarc-lint: a cache, not for version control.\n*\n"
_RELEVANT, _DEFINES, _PENDING, _REFERENCES_KNOWN = 1, 2, 4, 8


class FactsCache:
    """`facts.json` holds every file's entry; a run that changed a few entries (a commit)
    writes them to a small `facts-delta-<time>-<pid>.json` instead, read over it by later
    runs until a run rewrites `facts.json` and removes the deltas it folded in."""

    def __init__(self, root: Path, entries: dict[str, Any], deltas: int = 0) -> None:
        self.root = root
        self.folder = root / CACHE_DIR
        self.entries = entries  # path -> the stored (JSON) entry
        self.deltas = deltas  # delta files read over facts.json
        self.changed: dict[str, Any] = {}
        self.started = time.time_ns()

    @classmethod
    def load(cls, root: Path) -> FactsCache:
        folder = root / CACHE_DIR
        entries = _read_entries(folder / CACHE_FILE)
        if entries is None:
            return cls(root, {})
        deltas = sorted(folder.glob(DELTA_PREFIX + "*.json"))
        for delta in deltas:
            entries.update(_read_entries(delta) or {})
        return cls(root, entries, len(deltas))

    def unchanged(self, paths: Iterable[str]) -> UnchangedFiles:
        """The files among `paths` whose stamp is the cached one, with what the cache keeps
        of them. This loop sees every file of a monorepo: it builds objects only for the
        definitions (in path order), not per file."""
        found = UnchangedFiles(entries=self.entries)
        root = str(self.root)
        for path in paths:
            entry = self.entries.get(path)
            if entry is None:
                continue
            try:
                info = os.stat(f"{root}/{path}")
                size, mtime_ns, digest, flags, references, facts = entry
                if size != info.st_size or mtime_ns != info.st_mtime_ns:
                    continue
                _check_head(digest, flags)
                if facts is not None:
                    found.add_facts(path, facts)
                if flags & _PENDING:
                    known = flags & _REFERENCES_KNOWN
                    found.uses[path] = _texts(references) if known else None
            except (*_DAMAGE, OSError):
                continue  # a damaged entry is a miss; so is a file that is gone
            found.paths.add(path)
        return found

    def lookup(self, path: str) -> FileScan | None:
        entry = self.entries.get(path)
        if entry is None:
            return None
        try:
            return _from_entry(path, entry)
        except _DAMAGE:
            return None  # a damaged entry is a miss

    def record(self, scan: FileScan) -> None:
        """Keep what a file's scan (and, for its workloads, pass 2) found."""
        if scan.digest:
            entry = _to_entry(scan)
            if entry != self.entries.get(scan.path):
                self.changed[scan.path] = entry

    def save(self, paths: Iterable[str]) -> None:
        """Write what changed: a delta, or the whole cache for the project's files."""
        if not self.changed:
            return
        try:
            self._prepare_folder()
            whole = (
                not self.entries
                or self.deltas >= MAX_DELTAS
                or len(self.changed) > MAX_DELTA_ENTRIES
            )
            if whole:
                keep = set(paths)
                files = {p: e for p, e in self.entries.items() if p in keep}
                files.update(self.changed)
                _write_entries(self.folder / CACHE_FILE, files)
                self._remove_deltas_before(self.started)
            else:
                name = f"{DELTA_PREFIX}{self.started}-{os.getpid()}.json"
                _write_entries(self.folder / name, self.changed)
        except OSError:
            return  # a read-only checkout: run without a cache

    def _remove_deltas_before(self, started: int) -> None:
        """Deltas written before this run began are folded into the new facts.json; a
        concurrent run's newer delta stays."""
        for delta in self.folder.glob(DELTA_PREFIX + "*.json"):
            written = delta.name.removeprefix(DELTA_PREFIX).split("-", 1)[0]
            if written.isdigit() and int(written) < started:
                delta.unlink(missing_ok=True)

    def _prepare_folder(self) -> None:
        self.folder.mkdir(exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_atomically(ignore, _GITIGNORE.encode("utf-8"))


def _read_entries(path: Path) -> dict[str, Any] | None:
    """A cache file's entries; None when it is missing, damaged or from another version."""
    try:
        stored = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    valid = (
        isinstance(stored, dict)
        and stored.get("key") == code_key()
        and isinstance(stored.get("files"), dict)
    )
    return stored["files"] if valid else None


def _write_entries(path: Path, files: dict[str, Any]) -> None:
    text = json.dumps({"key": code_key(), "files": files}, separators=(",", ":"))
    write_atomically(path, text.encode("utf-8"))


@cache
def code_key() -> str:
    """Which amlarc-lint wrote a cache: its version and the stamps of its own modules (an
    edited checkout of the linter must not reuse facts an older reader produced)."""
    package = Path(__file__).parent
    stamps = []
    for module in sorted(package.glob("*.py")):
        info = module.stat()
        stamps.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return f"{__version__}|{content_digest(';'.join(stamps).encode('utf-8'))}"


@dataclass
class UnchangedFiles:
    """Files whose stamp the cache knows: the run does not read them, and takes what they
    contribute to the project context from the cache."""

    entries: dict[str, Any] = field(default_factory=dict)  # the cache's, by path
    paths: set[str] = field(default_factory=set)
    # What they contribute to the project context, in path order:
    definitions: list[InstanceTypeDef] = field(default_factory=list)
    computes: list[str] = field(default_factory=list)
    endpoints: list[tuple[str, str, str]] = field(default_factory=list)  # path, name, compute
    # Those with workloads: the instance type names they use (None: not known yet).
    uses: dict[str, list[str] | None] = field(default_factory=dict)

    def add_facts(self, path: str, facts: Any) -> None:
        definitions, computes, endpoints = _stored_facts(path, facts)
        self.definitions += definitions
        self.computes += computes
        self.endpoints += [(path, name, compute) for name, compute in endpoints.items()]

    def users(self, names: set[str]) -> list[FileScan]:
        """Those whose workloads may use one of `names`, as cached scans, to check again."""
        if not names:
            return []
        found = []
        for path, used in self.uses.items():
            if used is None or not names.isdisjoint(used):
                scan = _from_entry(path, self.entries[path])
                scan.cached = True
                found.append(scan)
        return found


# What a damaged entry raises while it is read (the entry is then a miss).
_DAMAGE = (TypeError, ValueError, KeyError, IndexError, AttributeError)
_MALFORMED = "malformed cache entry"


def _to_entry(scan: FileScan) -> list[Any]:
    """[size, mtime_ns, digest, flags, references, facts]: facts only for a file that defines
    something (most files only use instance types: their list of names is enough), as
    [definitions, computes, endpoints], a definition as [name, document, base, details]."""
    flags = (
        _RELEVANT * scan.relevant
        | _DEFINES * scan.defines
        | _PENDING * scan.pending
        | _REFERENCES_KNOWN * scan.references_known
    )
    facts = scan.facts
    stored = None
    if facts.definitions or facts.computes or facts.endpoints:
        definitions = [[d.name, d.document, d.base, d.details_json()] for d in facts.definitions]
        stored = [definitions, facts.computes, facts.endpoints]
    stamp = scan.stamp
    return [
        stamp.size if stamp else None,
        stamp.mtime_ns if stamp else None,
        scan.digest,
        flags,
        sorted(facts.references),
        stored,
    ]


def _from_entry(path: str, entry: list[Any]) -> FileScan:
    size, mtime_ns, digest, flags, references, facts = entry
    _check_head(digest, flags)
    return FileScan(
        path,
        Stamp(int(size), int(mtime_ns)) if size is not None else None,
        digest,
        relevant=bool(flags & _RELEVANT),
        defines=bool(flags & _DEFINES),
        pending=bool(flags & _PENDING),
        facts=_facts(path, references, facts),
        references_known=bool(flags & _REFERENCES_KNOWN),
    )


def _check_head(digest: Any, flags: Any) -> None:
    if type(digest) is not str or type(flags) is not int:
        raise TypeError(_MALFORMED)


def _facts(path: str, references: Any, facts: Any) -> FileFacts:
    if facts is None:
        return FileFacts(references=set(_texts(references)))
    definitions, computes, endpoints = _stored_facts(path, facts)
    return FileFacts(definitions, list(computes), set(_texts(references)), dict(endpoints))


def _stored_facts(
    path: str, facts: Any
) -> tuple[list[InstanceTypeDef], list[str], dict[str, str]]:
    """A stored [definitions, computes, endpoints], checked (a damaged one raises)."""
    definitions, computes, endpoints = facts
    if type(endpoints) is not dict or not all(type(c) is str for c in endpoints.values()):
        raise TypeError(_MALFORMED)
    return [_definition(path, stored) for stored in _list(definitions)], _texts(computes), endpoints


def _definition(path: str, stored: Any) -> InstanceTypeDef:
    name, document, base, details = stored
    if type(name) is not str or type(document) is not int:
        raise TypeError(_MALFORMED)
    if type(base) is not str or type(details) is not str:
        raise TypeError(_MALFORMED)
    return InstanceTypeDef.stored(name, path, document, base, details)


def _texts(values: Any) -> list[str]:
    """`values` if it is a list of strings. Plain loops: this runs for every cached file."""
    items = _list(values)
    for value in items:
        if type(value) is not str:
            raise TypeError(_MALFORMED)
    return items


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError(_MALFORMED)
    return value
