"""The on-disk cache of what each file contributes to the project context, so that a
commit-time run gets the whole repository's facts without parsing every file.

It lives in `.amlarc-lint-cache/facts.json` at the project root; the folder holds its own
`.gitignore` (`*`), as ruff's cache does. Per file: its stamp (size and mtime: a file whose
stamp is unchanged is not read at all), the hash of its content (a touched but unchanged
file is read, not parsed), and its facts (instance type definitions, computes, endpoints,
and the instance type names its workloads use, so a staged InstanceType change re-checks
only the files that use it).

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
from functools import cache
from pathlib import Path
from typing import Any

from linter import __version__
from linter.atomic_file import write_atomically
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

    def lookup(self, path: str) -> FileScan | None:
        entry = self.entries.get(path)
        if entry is None:
            return None
        try:
            return _from_entry(path, entry)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
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


def _to_entry(scan: FileScan) -> list[Any]:
    """[stamp, digest, flags, references, facts]: the facts in full only for a file that
    defines something (most files only use instance types: a list of names is enough)."""
    flags = (
        _RELEVANT * scan.relevant
        | _DEFINES * scan.defines
        | _PENDING * scan.pending
        | _REFERENCES_KNOWN * scan.references_known
    )
    stamp = [scan.stamp.size, scan.stamp.mtime_ns] if scan.stamp else None
    references = sorted(scan.facts.references)
    only_references = FileFacts(references=scan.facts.references) == scan.facts
    facts = None if only_references else scan.facts.to_json()
    return [stamp, scan.digest, flags, references, facts]


def _from_entry(path: str, entry: list[Any]) -> FileScan:
    stamp, digest, flags, references, facts = entry
    if not isinstance(digest, str) or not isinstance(flags, int):
        raise TypeError("malformed cache entry")
    return FileScan(
        path,
        Stamp(int(stamp[0]), int(stamp[1])) if stamp else None,
        digest,
        relevant=bool(flags & _RELEVANT),
        defines=bool(flags & _DEFINES),
        pending=bool(flags & _PENDING),
        facts=FileFacts.from_json(facts) if facts else FileFacts(references=set(references)),
        references_known=bool(flags & _REFERENCES_KNOWN),
    )

