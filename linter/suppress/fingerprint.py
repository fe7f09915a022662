"""Stable fingerprints of findings: the identity of a problem that survives edits moving lines.

One finding's fingerprint is a hash of
  - the rule id,
  - the file's path (POSIX, relative to the project root),
  - the finding's JSON pointer inside its document (empty for parser and file problems),
  - the offending source text (the part of the source line that the span covers, with runs
    of whitespace collapsed, so re-indenting does not count as a change),
  - the message with every run of digits replaced by `#` (messages may quote line numbers,
    as AML002's "already set on line 3" does; numbers never decide identity on their own,
    the offending text already holds the values).
Line and column numbers are deliberately not part of it, nor is the document's index in a
multi-document file (inserting a `---` document above would shift it).

Two findings can share that hash (the same mistake, copied twice into one file):
`fingerprints()` numbers them in file order, `<hash>:1`, `<hash>:2`, ..., the way GitHub's
own line hashes do, so that every finding of a run has a distinct fingerprint. Outputs
(SARIF `partialFingerprints`, GitLab `fingerprint`, JSON `fingerprint`) and the baseline use
these numbered values; `FINGERPRINT_VERSION` changes whenever the recipe does.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from linter.core.finding import Finding

FINGERPRINT_VERSION = "v1"
_DIGITS = re.compile(r"\d+")


def offending_text(finding: Finding) -> str:
    """The source text the finding's span covers on its first line, whitespace-normalised."""
    span = finding.span
    start = span.start_col - 1
    end = span.end_col - 1 if span.end_line == span.start_line else len(finding.snippet)
    return " ".join(finding.snippet[start:end].split())


def fingerprint(finding: Finding) -> str:
    """The finding's content hash: 32 hex digits, independent of line and column numbers."""
    parts = (
        FINGERPRINT_VERSION,
        finding.rule_id,
        finding.path,
        finding.pointer,
        offending_text(finding),
        _DIGITS.sub("#", " ".join(finding.message.split())),
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Each finding's `<hash>:<n>`, n counting findings with the same hash in the given order
    (pass a run's findings, which are sorted by path and position)."""
    seen: Counter[str] = Counter()
    numbered = []
    for finding in findings:
        digest = fingerprint(finding)
        seen[digest] += 1
        numbered.append(f"{digest}:{seen[digest]}")
    return numbered
