"""`amlarc-lint check`: settings -> run -> output -> exit status (0, 1, or 2)."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from linter.core.finding import Severity
from linter.source.text import UnreadableFile

if TYPE_CHECKING:
    from linter.api import LintRequest
    from linter.engine.run_result import RunResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CheckOptions(NamedTuple):
    paths: tuple[str, ...]
    output_format: str = "text"
    output_file: Path | None = None
    report_files: tuple[tuple[str, Path], ...] = ()  # more formats, each written to its file
    fail_on: str = "error"
    exit_zero: bool = False
    config_path: Path | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    baseline: Path | None = None  # hide the findings recorded in this file
    write_baseline: Path | None = None  # record the findings in this file instead of printing
    fix: bool = False
    diff: bool = False  # print what --fix would change, write nothing
    cache: bool = True  # keep and reuse the project's facts in .amlarc-lint-cache/
    staged: bool = False  # the pre-commit hook: also what the index removes (HEAD vs index)
    color: bool = False
    # Lint standard input as if it were this file (`check -`, `--stdin-filename`): the file's
    # project, config and per-file ignores apply; the file itself is not read or written.
    stdin_filename: str | None = None
    quiet: bool = False  # the findings only: no summary line, no notices
    verbose: bool = False  # say which files were linted and which skipped, and why
    statistics: bool = False  # print the count of findings per rule instead of the findings
    show: str | None = None  # "files" or "settings": print them and lint nothing


def run_check(options: CheckOptions) -> int:
    from linter import api
    from linter.config.errors import ConfigError
    from linter.engine.config_warnings import config_warnings
    from linter.formats import RenderOptions, render
    from linter.suppress.baseline import BaselineError

    try:
        os.getcwd()
    except FileNotFoundError:
        print("amlarc-lint: error: the current folder no longer exists", file=sys.stderr)
        return EXIT_ERROR
    overlay = None
    if options.stdin_filename is not None:
        if options.fix or options.diff:
            print("amlarc-lint: error: --fix and --diff cannot change standard input; "
                  "lint a file to fix it", file=sys.stderr)
            return EXIT_ERROR
        try:
            overlay = {os.path.abspath(options.stdin_filename): _read_stdin()}
        except UnreadableFile as exc:
            print(f"amlarc-lint: error: standard input: {exc}", file=sys.stderr)
            return EXIT_ERROR
    # A baseline being rewritten records every finding, including those it held before.
    wanted = options.baseline if options.write_baseline is None else None
    lint_options = api.LintOptions(
        config=options.config_path,
        isolated=options.isolated,
        select=options.select,
        ignore=options.ignore,
        baseline=wanted,
        no_baseline=options.write_baseline is not None,
        cache=options.cache,
        staged=options.staged,
    )
    try:
        request = api.prepare(options.paths, lint_options)
    except ConfigError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return _report_failure(options, exc.path, exc.line, exc.column, str(exc))
    except BaselineError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return _report_failure(options, options.baseline, None, None, str(exc))
    in_azure_log = bool(os.environ.get("TF_BUILD"))
    if not options.quiet:
        for warning in config_warnings(request.settings):
            print(f"amlarc-lint: warning: {warning}", file=sys.stderr)
    if options.show is not None:
        from linter.cli.show import show_files, show_settings

        shown = show_files if options.show == "files" else show_settings
        sys.stdout.write(_for_log(shown(request), in_azure_log))
        return EXIT_CLEAN
    try:  # a cluster file the config names is read with the project (ConfigError if bad)
        if options.diff:
            return _print_diff(request)
        result = _fix(request) if options.fix else api.run(request, overlay=overlay)
    except ConfigError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return _report_failure(options, exc.path, exc.line, exc.column, str(exc))
    if options.write_baseline is not None:
        return _write_baseline(options.write_baseline, result)
    if options.verbose:
        from linter.engine.reasons import file_report

        for line in file_report(request.settings, request.paths, result):
            print(_for_log(f"amlarc-lint: {line}", in_azure_log), file=sys.stderr)
    root = str(request.settings.root)
    render_options = RenderOptions(
        color=options.color, azure_log=in_azure_log, root=root, quiet=options.quiet
    )
    if options.statistics:
        from linter.formats.statistics import render_statistics

        as_json = options.output_format == "json"
        printed = _for_log(render_statistics(result, as_json, options.quiet), in_azure_log)
    else:
        printed = render(options.output_format, result, render_options)
    outputs = [(options.output_file, printed)]
    outputs += [
        (path, render(name, result, RenderOptions(root=root)))
        for name, path in options.report_files
    ]
    if not _write_outputs(outputs):
        return EXIT_ERROR
    threshold = Severity.parse(options.fail_on)
    failing = any(f.severity >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing and not options.exit_zero else EXIT_CLEAN


def _for_log(text: str, in_azure_log: bool) -> str:
    from linter.formats import inert_azure_commands

    return inert_azure_commands(text) if in_azure_log else text


def _write_outputs(outputs: list[tuple[Path | None, str]]) -> bool:
    """Each output to its file (None: standard output); False after saying what failed."""
    from linter.source.atomic_file import write_output

    for path, output in outputs:
        try:
            if path is None:
                sys.stdout.write(output)
            else:
                write_output(path, output.encode("utf-8"))
        except OSError as exc:
            where = "standard output" if path is None else str(path)
            reason = exc.strerror or str(exc)
            print(f"amlarc-lint: error: cannot write {where}: {reason}", file=sys.stderr)
            return False
    return True


def _report_failure(
    options: CheckOptions, path: Path | None, line: int | None, column: int | None, message: str
) -> int:
    """A bad config or baseline: the formats CI reads still get the error (SARIF with
    `executionSuccessful: false`, an annotation at the file), so an upload step finds its file
    and the user sees the real problem. Always exit 2."""
    from linter.config.errors import shown
    from linter.formats import ToolFailure, render_failure

    failure = ToolFailure(
        message=message,
        path=shown(path.absolute()) if path else None,
        line=line,
        column=column,
    )
    targets = [(options.output_format, options.output_file), *options.report_files]
    outputs = [
        (target, output)
        for name, target in targets
        if (output := render_failure(name, failure)) is not None
    ]
    _write_outputs(outputs)
    return EXIT_ERROR


def _read_stdin() -> str:
    """Standard input as text, decoded as a YAML file is (BOM, UTF-8/16/32), within the
    size limit of a file (`check - < /dev/zero` ends, with an error)."""
    from linter.source.text import MAX_FILE_BYTES, UnreadableFile, decode

    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"over the {MAX_FILE_BYTES:,}-byte limit; not linted")
    return decode(data).text


def _print_diff(request: LintRequest) -> int:
    """`--diff`: the unified diff of one round of fixes; exit 1 when there is one."""
    from linter import api
    from linter.fix.apply import plan_fixes, unified_diff
    from linter.formats.details import visible

    lint = replace(request, cache=False)
    changes = plan_fixes(request.settings, api.run(lint), request.paths)
    for change in changes:
        if change.after is None:
            print(f"amlarc-lint: {visible(f'{change.path}: {change.problem}')}", file=sys.stderr)
        else:
            sys.stdout.write(unified_diff(change))
    return EXIT_FINDINGS if any(change.after is not None for change in changes) else EXIT_CLEAN


def _fix(request: LintRequest) -> RunResult:
    from linter.fix.apply import fix_in_place
    from linter.formats.details import visible

    run = fix_in_place(replace(request, cache=False))
    for problem in run.problems:
        print(f"amlarc-lint: {visible(problem)}", file=sys.stderr)
    if run.fixed:
        findings = "finding" if run.fixed == 1 else "findings"
        files = "file" if len(run.files) == 1 else "files"
        summary = f"fixed {run.fixed} {findings} in {len(run.files)} {files}"
        print(f"amlarc-lint: {summary}", file=sys.stderr)
    return run.result


def _write_baseline(path: Path, result: RunResult) -> int:
    from linter.suppress.baseline import BaselineError, write_baseline

    try:
        write_baseline(path, result)
    except BaselineError as exc:
        print(f"amlarc-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    count = len(result.findings)
    findings = "finding" if count == 1 else "findings"
    print(f"amlarc-lint: wrote {count} {findings} to {path}", file=sys.stderr)
    return EXIT_CLEAN
