"""The command line: parses options into plain values and hands them to the run."""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from linter import __version__
from linter.cli.format_option import FormatTarget, FormatTargetType, split_targets
from linter.discovery import git_listing

_Options = TypeVar("_Options")
FORMAT_CHOICES = ["text", "concise", "json", "sarif", "github", "azure", "gitlab", "junit"]
SEVERITY_CHOICES = ["error", "warning", "info"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="amlarc-lint")
def main() -> None:
    """Static policy linter for Azure Machine Learning on Kubernetes."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=FormatTargetType(FORMAT_CHOICES),
    multiple=True,
    help="Output format (default: text). Repeatable: FMT=PATH writes that format to a "
    "file, e.g. --format github --format sarif=results.sarif.",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the printed format to this file instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITY_CHOICES),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this severity remains.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--select", help="Comma-separated rule id prefixes to run (overrides the config).")
@click.option("--ignore", help="Comma-separated rule id prefixes to skip (added to the config's).")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Hide the findings recorded in this baseline file; show only new ones.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record the current findings in this baseline file (and exit 0).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option(
    "--diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff; write nothing (exit 1 if any).",
)
@click.option(
    "--no-cache", is_flag=True, help="Neither read nor write the facts cache (.amlarc-lint-cache/)."
)
@click.option(
    "--staged",
    is_flag=True,
    help="Run as the pre-commit hook: PATHS are the staged files (none: check only what the "
    "commit removes); instance types that the index removes compared with HEAD are reported "
    "at every file that still uses them.",
)
@click.option(
    "--stdin-filename",
    help="Lint standard input as if it were this file (its config and ignores apply). "
    "`check -` alone reads standard input as a file named '-'.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: on a terminal, unless NO_COLOR).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the findings, nothing else.")
@click.option(
    "-v", "--verbose", is_flag=True,
    help="Also say which files were linted, and which were skipped and why (standard error).",
)
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has.")
@click.option(
    "--show-files", is_flag=True, help="Print the files that would be linted; lint nothing."
)
@click.option(
    "--show-settings", is_flag=True,
    help="Print the effective settings and where each comes from; lint nothing.",
)
def check(
    paths: tuple[str, ...],
    output_format: tuple[FormatTarget, ...],
    output_file: Path | None,
    fail_on: str,
    exit_zero: bool,
    config_path: Path | None,
    isolated: bool,
    select: str | None,
    ignore: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    fix: bool,
    diff: bool,
    no_cache: bool,
    staged: bool,
    stdin_filename: str | None,
    color: str,
    quiet: bool,
    verbose: bool,
    statistics: bool,
    show_files: bool,
    show_settings: bool,
) -> None:
    """Lint PATHS (default: the current folder; `-`: standard input)."""
    if "-" in paths or stdin_filename is not None:
        if paths not in ((), ("-",)):
            raise click.UsageError("standard input (`-` or --stdin-filename) is linted alone; "
                                   "give no other paths")
        stdin_filename = stdin_filename or "-"
        paths = (stdin_filename,)
    if staged and not paths:
        from linter.engine.staged import may_remove

        if not may_remove(os.curdir):  # a commit that deletes and modifies no YAML file
            sys.exit(0)
    git_listing.start(os.curdir)
    from linter.cli.check import CheckOptions, run_check

    printed_format, report_files = split_targets(output_format)
    options = CheckOptions(
        paths=paths or (() if staged else (".",)),
        output_format=printed_format,
        report_files=report_files,
        output_file=output_file,
        fail_on=fail_on,
        exit_zero=exit_zero,
        config_path=config_path,
        isolated=isolated,
        select=_split(select),
        ignore=_split(ignore),
        baseline=baseline,
        write_baseline=write_baseline,
        fix=fix,
        diff=diff,
        cache=not no_cache,
        staged=staged,
        color=_use_color(color, output_file),
        stdin_filename=stdin_filename,
        quiet=quiet,
        verbose=verbose and not quiet,
        statistics=statistics,
        show=("files" if show_files else "settings" if show_settings else None),
    )
    sys.exit(_guarded(run_check, options))


@main.command("server", short_help="Run the language server (LSP, stdio) for editors.")
def server_command() -> None:
    """Run the language server (LSP) on standard input and output, for editors."""
    try:
        from linter.server.app import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        click.echo(
            "amlarc-lint: error: the language server needs the `server` extra: "
            "pip install 'amlarc-lint[server]'",
            err=True,
        )
        sys.exit(2)
    gc.enable()  # the program turned it off for a run (`linter.cli.console`): a server lives on
    serve()


@main.command("context", short_help="Show what the linter knows of each cluster scope.")
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="Text for people, JSON for tools.",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def context_command(
    path: Path, output_format: str, config_path: Path | None, isolated: bool
) -> None:
    """Show, per cluster scope, its instance-type files and names, its Kubernetes computes,
    its nodes and node pools with their allocatable, the extension settings, and which
    instance types fit where (why a name is unknown, or a type does not fit)."""
    from linter.cli.context import run_context

    start = path if path.is_dir() else path.parent
    sys.exit(_guarded(lambda fmt: run_context(start, config_path, isolated, fmt), output_format))


@main.command("rule", short_help="Print a rule's documentation (by id or name).")
@click.argument("rule_id")
def rule_command(rule_id: str) -> None:
    """Print the documentation of RULE_ID (e.g. AML302) or of a rule name."""
    from linter.engine.registry import load_rules
    from linter.rule import rule_documentation

    wanted = rule_id.strip()
    for rule in load_rules():
        if wanted.upper() == rule.id or wanted == rule.name:
            click.echo(rule_documentation(rule), nl=False)
            return
    click.echo(f"amlarc-lint: error: unknown rule '{rule_id}' (see `amlarc-lint rules`)", err=True)
    sys.exit(2)


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the README's rule table (Markdown).")
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line a rule; json: a list of rules with every field; markdown: the table.",
)
def rules_command(markdown: bool, output_format: str) -> None:
    """List every rule: id, name, default severity, summary."""
    from linter.engine.registry import load_rules

    if output_format == "json":
        from linter.cli.rule_table import rules_json

        click.echo(rules_json(load_rules()), nl=False)
        return
    if markdown or output_format == "markdown":
        from linter.cli.rule_table import markdown_table

        click.echo(markdown_table(load_rules()), nl=False)
        return
    for rule in load_rules():
        click.echo(f"{rule.id}  {rule.name:<36} {rule.severity.label:<8} {rule.summary}")


@main.command("schema", short_help="Print where the installed JSON Schemas are.")
@click.option("--path", "folder_only", is_flag=True, help="Print only the folder of the schemas.")
def schema_command(folder_only: bool) -> None:
    """Print where the installed JSON Schemas are (for editors: the YAML language server)."""
    from importlib.resources import files

    folder = Path(str(files("linter.schemas")))
    if folder_only:
        click.echo(folder)
        return
    for schema in sorted(folder.glob("*.schema.json")):
        click.echo(schema)


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part.strip().upper() for part in value.split(",") if part.strip())


def _use_color(choice: str, output_file: Path | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if output_file is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM


class _Terminated(BaseException):
    """SIGTERM, raised where the run is, so that it unwinds as for Ctrl-C: worker processes
    stopped, temporary files removed."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def _guarded(run: Callable[[_Options], int], options: _Options) -> int:
    """A bug of ours is one line and exit 2, never a traceback (AMLARC_LINT_DEBUG=1 shows it).
    Ctrl-C is one line and exit 130; SIGTERM one line and exit 143."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (an embedding caller): its signals, its business
        previous = None
    try:
        return run(options)
    except KeyboardInterrupt:
        print("amlarc-lint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        print("amlarc-lint: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except Exception as exc:
        if os.environ.get("AMLARC_LINT_DEBUG"):
            raise
        import traceback

        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        print(
            f"amlarc-lint: internal error: {type(exc).__name__}: {exc} (at {where}); please "
            "report it (AMLARC_LINT_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
