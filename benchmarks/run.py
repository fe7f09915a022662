"""The speed benchmark: `python benchmarks/run.py` (from the project's venv, with the
`bench` extra installed: `pip install -e '.[bench]'`).

Generates git repositories of 1,000 and 10,000 YAML files (benchmarks/repo_generator.py),
then times, in one session and alternating the commands round by round, whole-process
runs of:
- `amlarc-lint check .` on the whole repository,
- `check-jsonschema` on the InstanceType files only, against the project's own
  InstanceType schema (it cannot read multi-document files; it is timed all the same),
- `yamllint -d relaxed .` on all files,
- commit-time runs (one staged file in the 10,000-file repository, with the cache that an
  earlier run left, as pre-commit runs it) against `python -c "import ruamel.yaml,
  jsonschema, click"`,
- the language server's re-lint of one open deployment in the 1,000-file repository
  (benchmarks/server_latency.py) against a commit-time `check` of the same file,
- the Python front end on a 10,000-file repository with 3,000 Python files
  (benchmarks/python_repo.py) against the YAML-only run and `ruff check`.
Prints a markdown table of medians, ratios and peak memory (the largest resident set of
any process of the command, from getrusage's children maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_snapshot import snapshot_rows
from repo_generator import GeneratedRepo, generate

BIN = Path(sys.executable).parent
SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "instancetype.schema.json"
BARE_IMPORTS = "import ruamel.yaml, jsonschema, click"
# As installed for real: Python may write bytecode (some sandboxes turn that off).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# Runs one command in a child and reports its wall time and the peak RSS of its process tree.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL,
                      stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_kib": peak, "rc": done.returncode,
                  "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Command:
    label: str
    argv: list[str]
    files: int
    runs: int
    ok_codes: tuple[int, ...] = (0, 1)
    walls: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks) / 1024


def measure(command: Command, cwd: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(cwd), *command.argv],
        capture_output=True, text=True, check=True, env=ENVIRONMENT,
    )
    result = json.loads(out.stdout)
    if result["rc"] not in command.ok_codes or "Traceback" in result["stderr"]:
        raise SystemExit(f"{command.label}: exit {result['rc']}\n{result['stderr']}")
    command.walls.append(result["wall"])
    command.peaks.append(result["peak_kib"])


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args],
        cwd=repo, check=True, capture_output=True,
    )


def make_repo(workdir: Path, files: int) -> GeneratedRepo:
    repo = generate(workdir / f"repo-{files}", files)
    git(repo.root, "init", "-q")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "generated")
    return repo


def stage_edit(repo: GeneratedRepo, relative: str, old: str, new: str) -> None:
    path = repo.root / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo.root, "add", relative)


def whole_repo_commands(
    repo: GeneratedRepo, files: int, runs: int, slow_runs: int
) -> list[Command]:
    return [
        Command(f"amlarc-lint check . ({files:,} files)",
                [str(BIN / "amlarc-lint"), "check", "--format", "concise", "."], files, runs),
        Command(f"check-jsonschema, InstanceType files only ({len(repo.instance_type_files):,})",
                [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA),
                 *repo.instance_type_files], len(repo.instance_type_files), runs),
        Command(f"yamllint -d relaxed . ({files:,} files)",
                [str(BIN / "yamllint"), "-d", "relaxed", "-f", "parsable", "."], files,
                slow_runs),
    ]


def commit_time_commands(repo: GeneratedRepo, runs: int) -> list[Command]:
    # The most used instance type: staging its file makes the linter re-check its users.
    name = max(repo.users, key=lambda n: len(repo.users[n]) if n in repo.defined_in else -1)
    instance_type_file = repo.defined_in[name]
    stage_edit(repo, instance_type_file, 'cpu: "', 'cpu:  "')
    workload_file = repo.users[name][0]
    stage_edit(repo, workload_file, "instance_type:", "instance_type: ")
    lint = [str(BIN / "amlarc-lint"), "check", "--format", "concise"]
    hook = [*lint, "--staged"]  # as `.pre-commit-hooks.yaml` runs it
    users = len(repo.users[name])
    return [
        Command(f"commit-time: staged InstanceType ({users} files use it)",
                [*lint, instance_type_file], 1, runs),
        Command("commit-time: staged job or deployment", [*lint, workload_file], 1, runs),
        Command("commit-time, the hook (`--staged`): staged InstanceType",
                [*hook, instance_type_file], 1, runs),
        Command("commit-time, the hook (`--staged`): staged job or deployment",
                [*hook, workload_file], 1, runs),
        Command("commit-time: staged InstanceType, `--no-cache`",
                [*lint, "--no-cache", instance_type_file], 1, runs),
        Command(f'`python -c "{BARE_IMPORTS}"`', [sys.executable, "-c", BARE_IMPORTS], 0, runs,
                (0,)),
    ]


def hook_only_commands(repo: GeneratedRepo, runs: int) -> list[Command]:
    """The hook on commits that pass it no file: one touching no YAML (it used to be skipped
    by pre-commit) and one deleting an instance type file that workloads still use."""
    git(repo.root, "commit", "-q", "-m", "the staged edits")
    notes = repo.root / "NOTES.txt"
    notes.write_text("a change that is not YAML\n", encoding="utf-8")
    git(repo.root, "add", "NOTES.txt")
    hook = [str(BIN / "amlarc-lint"), "check", "--format", "concise", "--staged"]
    no_yaml = Command("commit-time, the hook: a commit touching no YAML", hook, 0, runs, (0,))
    alternate([no_yaml], repo.root)
    git(repo.root, "commit", "-q", "-m", "notes")
    name = max(repo.users, key=lambda n: len(repo.users[n]) if n in repo.defined_in else -1)
    git(repo.root, "rm", "-q", repo.defined_in[name])
    deleted = Command(f"commit-time, the hook: `git rm` of an InstanceType file "
                      f"({len(repo.users[name])} files use it)", hook, 0, runs)
    alternate([deleted], repo.root)
    return [no_yaml, deleted]


def alternate(commands: list[Command], cwd: Path) -> None:
    for round_number in range(max(c.runs for c in commands)):
        for command in commands:
            if round_number < command.runs:
                measure(command, cwd)


def table(rows: list[tuple[Command, str]]) -> str:
    lines = [
        "| command | files | median wall (s) | runs | ratio | peak RSS (MiB) |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for command, ratio in rows:
        lines.append(
            f"| {command.label} | {command.files:,} | {command.median:.2f} | {len(command.walls)} "
            f"| {ratio} | {command.peak_mib:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (medians)")
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of yamllint")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    parser.add_argument("--commit-time", action="store_true",
                        help="only the commit-time rows, on the largest size")
    args = parser.parse_args()
    if args.commit_time:
        print(commit_time_only(args))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="amlarc-bench-"))
    rows: list[tuple[Command, str]] = []
    summary: list[str] = []
    whole_by_size: dict[int, Command] = {}
    server_rows: list[str] = []
    try:
        for files in args.sizes:
            repo = make_repo(workdir, files)
            # Warm the OS file cache, write bytecode and the facts cache, as a CI run would.
            subprocess.run([str(BIN / "amlarc-lint"), "check", "."], cwd=repo.root,
                           stdout=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
            ours, jsonschema, yamllint = whole_repo_commands(repo, files, args.runs, args.slow_runs)
            alternate([ours, jsonschema, yamllint], repo.root)
            rows += [
                (ours, ""),
                (jsonschema, f"amlarc-lint takes {ours.median / jsonschema.median:.2f}x this"),
                (yamllint, f"amlarc-lint takes {ours.median / yamllint.median:.2f}x this"),
            ]
            summary.append(
                f"- {files:,} files: amlarc-lint on the whole repo / check-jsonschema on the "
                f"InstanceType files = {ours.median / jsonschema.median:.2f} (target < 1); "
                f"/ yamllint = {ours.median / yamllint.median:.2f}"
            )
            whole_by_size[files] = ours
            if files == min(args.sizes):  # the language server's re-lint, on the warm cache
                from server_latency import relint_rows

                server_rows += relint_rows(repo, max(args.runs, 11))
            if files == max(args.sizes):
                *commit, baseline = commit_time_commands(repo, max(args.runs, 11))
                alternate([*commit, baseline], repo.root)
                for command in commit:
                    ratio = command.median / baseline.median
                    rows.append((command, f"{ratio:.2f}x bare imports"))
                    summary.append(f"- {command.label}: {ratio:.2f}x the bare-imports baseline "
                                   "(target ≤ 2 for a run with the cache)")
                # Before the hook's rows, which commit the staged edits and `git rm` the file.
                snapshot, line = snapshot_rows(repo, max(args.runs, 11), commit[0].argv[-1])
                summary.append(line)
                for command in hook_only_commands(repo, max(args.runs, 11)):
                    rows.append((command, f"{command.median / baseline.median:.2f}x bare imports"))
                rows.append((baseline, ""))
                rows += snapshot
            shutil.rmtree(repo.root)
        if max(args.sizes) >= 10_000:  # the Python front end: 3,000 of 10,000 files
            from python_repo import python_rows

            more_rows, more_summary = python_rows(workdir, args.runs)
            rows += more_rows
            summary += more_summary
        if len(whole_by_size) > 1:
            small, large = min(whole_by_size), max(whole_by_size)
            growth = whole_by_size[large].peak_mib / whole_by_size[small].peak_mib
            summary.append(f"- peak memory of the whole-repo run, {large:,} vs {small:,} files: "
                           f"{growth:.2f}x (target: flat)")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print()
    print("\n".join(summary))
    print()
    print("\n".join(server_rows))


def commit_time_only(args: argparse.Namespace) -> str:
    """`--commit-time`: the commit-time rows alone (a few minutes instead of the session)."""
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="amlarc-bench-"))
    try:
        repo = make_repo(workdir, max(args.sizes))
        subprocess.run([str(BIN / "amlarc-lint"), "check", "."], cwd=repo.root,
                       stdout=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
        *commit, baseline = commit_time_commands(repo, max(args.runs, 11))
        alternate([*commit, baseline], repo.root)
        snapshot, line = snapshot_rows(repo, max(args.runs, 11), commit[0].argv[-1])
        commit += hook_only_commands(repo, max(args.runs, 11))
        rows = [(c, f"{c.median / baseline.median:.2f}x bare imports") for c in commit]
        return f"{table([*rows, (baseline, ''), *snapshot])}\n\n{line}"
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
