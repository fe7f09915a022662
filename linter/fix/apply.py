"""`check --fix` and `check --diff`: apply the findings' safe fixes as exact text edits.

Per file: re-read and re-parse it, turn each fix into edits (`linter.fix.edits`), skip a fix
whose edits overlap one already taken (it is applied in the next round), apply the edits,
then check the result: it must parse to exactly the data the fixes intend (every document,
every other value unchanged) or the file is left untouched and reported. The bytes are
written back in the file's own encoding and BOM, atomically, keeping its mode.

`--fix` repeats lint-and-fix until a round changes nothing (at most `MAX_ROUNDS`), so a second
`--fix` has nothing left to do; the findings it returns are the ones that remain. `--diff`
shows one round, without writing.
"""

from __future__ import annotations

import copy
import difflib
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter import api
from linter.api import LintRequest
from linter.config.settings import Settings
from linter.core.finding import Finding
from linter.discovery import files as discover
from linter.engine.run_result import RunResult
from linter.fix.edits import DocumentText, Edit, PlannedFix, Unfixable, apply_edits, plan
from linter.fix.python_apply import plan_python_file
from linter.source.atomic_file import remove_stale_temporaries, rewrite_file
from linter.source.kinds import is_python_path
from linter.source.line_index import LineIndex
from linter.source.text import UnreadableFile, decode, read_bytes
from linter.source.yaml_reader import BuiltDocument, ParsedYaml, parse

MAX_ROUNDS = 10
_LINES = re.compile(r"[^\n]*\n|[^\n]+$")  # only the last line may lack its "\n"
_NO_NEWLINE = "\\ No newline at end of file"


@dataclass(frozen=True)
class FileFix:
    path: str
    before: bytes
    after: bytes | None  # None: left untouched
    fixed: tuple[Finding, ...]
    problem: str = ""


@dataclass
class FixRun:
    result: RunResult
    fixed: int = 0
    files: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def fix_in_place(request: LintRequest) -> FixRun:
    settings, paths = request.settings, request.paths
    run = FixRun(api.run(request))
    cleaned: set[Path] = set()
    for _ in range(MAX_ROUNDS):
        changed = False
        for file_fix in plan_fixes(settings, run.result, paths):
            if file_fix.after is None:
                _note(run.problems, f"{file_fix.path}: {file_fix.problem}")
                continue
            location = settings.root / file_fix.path
            refusal = _refusal(settings.root, location)
            if refusal:
                _note(run.problems, f"warning: {file_fix.path}: {refusal}; not fixed")
                continue
            if location.resolve().parent not in cleaned:  # what a killed --fix left there
                cleaned.add(location.resolve().parent)
                remove_stale_temporaries(location.resolve().parent)
            try:
                note = rewrite_file(location, file_fix.after)
            except OSError as exc:
                _note(run.problems, f"{file_fix.path}: cannot write: {exc.strerror or exc}")
                continue
            if note:
                _note(run.problems, f"{file_fix.path}: {note}")
            run.fixed += len(file_fix.fixed)
            run.files.add(file_fix.path)
            changed = True
        if not changed:
            break
        run.result = api.run(request)
    return run


def _refusal(root: Path, location: Path) -> str:
    """Why `--fix` must not write this file: outside the project (through a symlink), or
    read-only (no write permission bit, or none for this user: root can write anyway)."""
    real = location.resolve()
    if not real.is_relative_to(root.resolve()):
        return f"it is a symlink to {real}, outside the project"
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return ""  # the write reports it
    if not mode & 0o222 or not os.access(real, os.W_OK):
        return "the file is read-only"
    return ""


def _note(problems: list[str], problem: str) -> None:
    if problem not in problems:
        problems.append(problem)


def plan_fixes(settings: Settings, result: RunResult, paths: Sequence[str]) -> list[FileFix]:
    """What fixing the reported findings would do to each file of the run (none written)."""
    targets = set(discover.targets(settings, paths).files)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        if finding.fix is not None and finding.path in targets:
            by_path[finding.path].append(finding)
    planned = (plan_file(settings.root / path, path, by_path[path]) for path in sorted(by_path))
    return [file_fix for file_fix in planned if file_fix is not None]


def plan_file(location: Path, path: str, findings: list[Finding]) -> FileFix | None:
    if is_python_path(path):
        planned = plan_python_file(location, path, findings)
        return FileFix(path, *planned) if planned is not None else None
    try:
        return plan_bytes(path, read_bytes(location), findings)
    except UnreadableFile:
        return None


def plan_bytes(path: str, data: bytes, findings: list[Finding]) -> FileFix | None:
    """What fixing these findings of the file would do to its bytes `data` (the language
    server plans a quick fix on the unsaved buffer this way)."""
    try:
        source = decode(data)
    except UnreadableFile:
        return None
    text = source.text
    parsed = parse(text)
    built = [document.build() for document in parsed.documents]
    lines = LineIndex(text)
    taken: list[Edit] = []
    accepted: list[tuple[Finding, PlannedFix]] = []
    for finding in findings:
        if finding.document >= len(built) or built[finding.document].over_limit:
            continue
        document = built[finding.document]
        try:
            planned = plan(finding.fix, DocumentText(lines, document.spans, document.data))
        except Unfixable:
            continue
        if any(edit.overlaps(other) for edit in planned.edits for other in taken):
            continue
        taken += planned.edits
        accepted.append((finding, planned))
    if not accepted:
        return None
    new_text = apply_edits(text, taken)
    if new_text == text:
        return None
    fixed = tuple(finding for finding, _ in accepted)
    expected = [copy.deepcopy(document.data) for document in built]
    for finding, planned in accepted:
        expected[finding.document] = planned.intent(expected[finding.document])
    problem = _mismatch(new_text, expected, parsed, built)
    if problem:
        rules = ", ".join(sorted({finding.rule_id for finding in fixed}))
        why = f"not fixed ({rules}): {problem}; file left untouched"
        return FileFix(path, data, None, fixed, why)
    return FileFix(path, data, source.bom + new_text.encode(source.encoding), fixed)


def _mismatch(
    new_text: str, expected: list[Any], before: ParsedYaml, built: list[BuiltDocument]
) -> str:
    """Why `new_text` is not exactly the intended data ("" when it is)."""
    after = parse(new_text)
    if len(after.documents) != len(before.documents) or len(after.problems) != len(before.problems):
        return "the fixed text would not parse as the same documents"
    pairs = zip(after.documents, expected, built, strict=True)
    for number, (document, wanted, old) in enumerate(pairs):
        rebuilt = document.build()
        if _kinds(rebuilt.problems) != _kinds(old.problems):
            return f"the fixed text would change document {number + 1}'s YAML problems"
        if _canonical(rebuilt.data) != _canonical(wanted):
            return f"the fixed text would not re-parse to the intended data (document {number + 1})"
    return ""


def _kinds(problems: list[Any]) -> list[str]:
    return sorted(problem.kind for problem in problems)


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, default=repr)


def unified_diff(file_fix: FileFix) -> str:
    """A `diff -u` of the file's text before and after (what `--diff` prints)."""
    assert file_fix.after is not None
    before = _LINES.findall(decode(file_fix.before).text)
    after = _LINES.findall(decode(file_fix.after).text)
    lines = difflib.unified_diff(before, after, f"a/{file_fix.path}", f"b/{file_fix.path}")
    return "".join(line if line.endswith("\n") else f"{line}\n{_NO_NEWLINE}\n" for line in lines)
