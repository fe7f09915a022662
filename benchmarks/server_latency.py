"""The language server's re-lint after a keystroke: `python benchmarks/server_latency.py`.

Generates a git repository of 1,000 YAML files (benchmarks/repo_generator.py), warms the
facts cache with `amlarc-lint check .`, opens one deployment, and times, alternating round by
round:
- in process, exactly what the server runs after a keystroke (debounce aside): its
  `Session.lint` of the open buffer (a different edit each round), settings and rules warm;
- the real server over stdio: from `didChange` + `didSave` sent (a save lints at once: no
  debounce) to the `publishDiagnostics` of that version received;
- a plain commit-time `amlarc-lint check <the deployment>` (a whole process, warm cache).
Prints a markdown table of medians and the ratios to the commit-time check.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repo_generator import GeneratedRepo
from run import BIN, ENVIRONMENT, make_repo

TARGET_S = 0.100


def keystroke(text: str, round_number: int) -> str:
    """The deployment as if one more character had been typed (a different one each round)."""
    return text.replace("name: ", f"name: x{round_number}", 1)


def in_process(root: Path, path: Path, runs: int) -> list[float]:
    from linter.server.session import OpenDocument, Session

    session = Session([root])
    text = path.read_text(encoding="utf-8")
    session.lint([OpenDocument(path.as_uri(), str(path), text, 0)])  # the open, before typing
    walls = []
    for number in range(1, runs + 1):
        document = OpenDocument(path.as_uri(), str(path), keystroke(text, number), number)
        start = time.perf_counter()
        session.lint([document])
        walls.append(time.perf_counter() - start)
    return walls


async def over_stdio(root: Path, path: Path, runs: int) -> list[float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("amlarc-lint-benchmark", "1")
    received: dict[int, float] = {}
    uri = path.as_uri()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri and params.version is not None:
            received[params.version] = time.perf_counter()

    await client.start_io(str(BIN / "amlarc-lint"), "server", cwd=str(root))
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
    ))
    client.initialized(types.InitializedParams())
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri, "yaml", 0, text)
    ))
    await _until(received, 0)
    walls = []
    for number in range(1, runs + 1):
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=number),
            [types.TextDocumentContentChangeWholeDocument(text=keystroke(text, number))],
        ))
        client.text_document_did_save(types.DidSaveTextDocumentParams(
            types.TextDocumentIdentifier(uri)
        ))
        await _until(received, number)
        walls.append(received[number] - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return walls


async def _until(received: dict[int, float], version: int) -> None:
    while version not in received:
        await asyncio.sleep(0.001)


def commit_time(root: Path, relative: str, runs: int) -> list[float]:
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(BIN / "amlarc-lint"), "check", "--format", "concise", relative],
                       cwd=root, stdout=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
        walls.append(time.perf_counter() - start)
    return walls


def relint_rows(repo: GeneratedRepo, runs: int) -> list[str]:
    """The table (markdown lines) for a generated repository whose cache is warm."""
    relative = next(p for paths in repo.users.values() for p in paths
                    if p.startswith("deployments/"))
    path = repo.root / relative
    check = statistics.median(commit_time(repo.root, relative, runs))
    inside = statistics.median(in_process(repo.root, path, runs))
    stdio = statistics.median(asyncio.run(over_stdio(repo.root, path, runs)))
    verdict = "within" if max(inside, stdio) <= TARGET_S else "over"
    files = sum(1 for p in repo.root.rglob("*.y*ml") if ".git" not in p.parts)
    return [
        f"| re-lint of one open deployment, {files:,}-file repo, warm cache "
        "| median (ms) | ratio to commit-time `check` |",
        "| --- | ---: | ---: |",
        f"| in process (`Session.lint`, what the server runs) | {inside * 1000:.1f} "
        f"| {inside / check:.2f} |",
        f"| the server over stdio (change + save -> diagnostics) | {stdio * 1000:.1f} "
        f"| {stdio / check:.2f} |",
        f"| commit-time `amlarc-lint check <file>` (whole process) | {check * 1000:.1f} | 1.00 |",
        "",
        f"- language server: a re-lint within {TARGET_S * 1000:.0f} ms after a keystroke "
        f"(debounce aside): {verdict}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=21, help="runs per measure (medians)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="amlarc-server-bench-"))
    try:
        repo = make_repo(workdir, args.files)
        subprocess.run([str(BIN / "amlarc-lint"), "check", "."], cwd=repo.root,
                       stdout=subprocess.DEVNULL, check=False, env=ENVIRONMENT)
        print("\n".join(relint_rows(repo, args.runs)))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
