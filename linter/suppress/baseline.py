"""Baselines: `--write-baseline FILE` records a run's findings, `--baseline FILE` hides them.

A finding is matched by its fingerprint (`linter.suppress.fingerprint`: rule, path, pointer, the
offending text and the message without digits, numbered among equal ones), never by its
line, so edits that move lines do not resurface it, and a changed finding is new.

The file is versioned JSON, sorted, one entry per finding, written with no line numbers so
that rewriting it after unrelated edits changes nothing:

    {
      "amlarc-lint-baseline": 1,
      "fingerprint-version": "v1",
      "findings": [
        {"fingerprint": "3f2a...:1", "rule": "AML204", "path": "deploy.yaml", "message": "..."}
      ]
    }
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from linter.engine.run_result import RunResult
from linter.source.atomic_file import write_output
from linter.source.bounded_read import NotReadable, read_regular
from linter.suppress.fingerprint import FINGERPRINT_VERSION, fingerprints

BASELINE_VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # ~1 million findings
_FORMAT_KEY = "amlarc-lint-baseline"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message is one line naming the file."""


class Baseline(NamedTuple):
    fingerprints: frozenset[str]


def baseline_json(result: RunResult) -> str:
    entries = [
        {"fingerprint": fp, "rule": f.rule_id, "path": f.path, "message": f.message}
        for f, fp in zip(result.findings, fingerprints(result.findings), strict=True)
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["message"], e["fingerprint"]))
    document = {
        _FORMAT_KEY: BASELINE_VERSION,
        "fingerprint-version": FINGERPRINT_VERSION,
        "findings": entries,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, result: RunResult) -> None:
    try:
        write_output(path, baseline_json(result).encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from exc


def load_baseline(path: Path) -> Baseline:
    try:
        document: Any = json.loads(read_regular(path, MAX_BASELINE_BYTES)[0].decode("utf-8"))
    except NotReadable as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from exc
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from exc
    if not isinstance(document, dict) or document.get(_FORMAT_KEY) != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: not an amlarc-lint baseline of version {BASELINE_VERSION}; "
            "write one with --write-baseline"
        )
    if document.get("fingerprint-version") != FINGERPRINT_VERSION:
        raise BaselineError(
            f"{path}: written with fingerprint recipe {document.get('fingerprint-version')!r}, "
            f"this amlarc-lint uses {FINGERPRINT_VERSION!r}; rewrite it with --write-baseline"
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(f"{path}: 'findings' must be a list of entries with a 'fingerprint'")
    return Baseline(fingerprints=frozenset(entry["fingerprint"] for entry in entries))


def hide_baselined(result: RunResult, baseline: Baseline) -> RunResult:
    """Drop the findings the baseline records; they count as baselined."""
    kept = [
        finding
        for finding, fp in zip(result.findings, fingerprints(result.findings), strict=True)
        if fp not in baseline.fingerprints
    ]
    hidden = len(result.findings) - len(kept)
    return replace(result, findings=kept, baselined=result.baselined + hidden)
