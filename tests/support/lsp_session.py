"""Driving `amlarc-lint server` over stdio with pytest-lsp's client: a project on disk, and
helpers that open, change and wait for what the server publishes."""

from __future__ import annotations

import asyncio
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "linter", "server"])
# The server started by a harness that adds a crashing rule and a lint that fails on a word.
BROKEN_SERVER = ClientServerConfig(
    server_command=[sys.executable, str(Path(__file__).with_name("broken_server.py"))]
)
WAIT_S = 30.0


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


async def start(
    client: LanguageClient, root: Path, options: object = None, watch: bool = False
) -> None:
    """`watch`: the client can watch files for the server (dynamic registration)."""
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=watch
            )
        )
    )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
            initialization_options=options,
        )
    )


def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    content = path.read_text(encoding="utf-8") if text is None else text
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=content)
    client.text_document_did_open(types.DidOpenTextDocumentParams(item))
    return uri


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def published(
    client: LanguageClient,
    uri: str,
    until: Callable[[Sequence[types.Diagnostic]], bool] = lambda found: True,
) -> list[types.Diagnostic]:
    """The document's diagnostics once they satisfy `until` (published by then)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while True:
        current = client.diagnostics.get(uri)
        if current is not None and until(current):
            return list(current)
        if loop.time() > deadline:
            raise AssertionError(f"no diagnostics as wanted for {uri}; last: {current}")
        await asyncio.sleep(0.02)


def codes(found: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(diagnostic.code) for diagnostic in found)


def apply_edit(text: str, edit: types.TextEdit) -> str:
    """One LSP text edit applied to `text` (UTF-16 columns, as the server sends them)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        before = sum(len(line) for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
