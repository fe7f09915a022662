"""The closing summary line shared by the human formats."""

from __future__ import annotations

from collections import Counter

from linter.core.finding import Severity
from linter.engine.run_result import RunResult


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: RunResult) -> str:
    by_severity = Counter(f.severity for f in result.findings)
    parts = [  # "info" is a mass noun: 2 errors, 2 warnings, 2 info
        f"{by_severity[s]} {s.label}" if s is Severity.INFO else _plural(by_severity[s], s.label)
        for s in sorted(Severity, reverse=True)
        if by_severity[s]
    ]
    found = f"Found {_plural(len(result.findings), 'finding')}"
    if parts:
        found += f" ({', '.join(parts)})"
    tail = [
        _plural(result.files_checked, "file") + " checked",
        _plural(result.files_skipped, "file") + " skipped",
    ]
    counts = (result.deselected, result.suppressed, result.baselined)
    tail += [
        f"{count} {what}"
        for count, what in zip(counts, ("deselected", "suppressed", "baselined"), strict=True)
        if count
    ]
    return f"{found}; {', '.join(tail)}."
