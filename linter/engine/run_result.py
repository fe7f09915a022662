"""What one run found: the findings, the rules that ran, and the counts the outputs show."""

from __future__ import annotations

from dataclasses import dataclass

from linter.core.finding import Finding
from linter.rule import Rule


@dataclass(frozen=True, slots=True, kw_only=True)
class RunResult:
    """What one run found, and what it counted."""

    findings: list[Finding]
    rules: tuple[Rule, ...]
    files_checked: int = 0  # target files holding at least one document of ours
    files_skipped: int = 0  # target files that are not ours
    deselected: int = 0  # dropped by select, ignore, per-file-ignores
    suppressed: int = 0  # hidden by inline `# amlarc-lint: ignore` comments
    baselined: int = 0  # hidden by the baseline
    targets: tuple[str, ...] = ()  # the files the run lints (`discover.targets`)
    # Files this run read that hold no suppression comment: suppression need not read them.
    without_directives: frozenset[str] = frozenset()
    # The targets holding a document of ours (`files_checked` of them).
    checked: frozenset[str] = frozenset()
    # Paths a walk found but did not lint, each with the reason (for a verbose listing).
    skipped: tuple[tuple[str, str], ...] = ()
