"""The language server: pygls's protocol and text synchronisation, our lint behind it.

Every change asks for a lint of all open documents: after `DEBOUNCE_S` of quiet for a change,
at once for an open or a save. One lint runs at a time, in a worker thread; a change that
arrives while it runs cancels it (the engine stops before its next file) and the next lint
starts from the newest texts. A lint's diagnostics are published only for documents still at
the version it read. No handler lets an exception reach pygls (which would send the
traceback to the client): each says what went wrong in one line of the client's log.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.config.settings import DEFAULT_INCLUDE
from linter.core.finding import Finding
from linter.discovery.configs import CONFIG_FILES
from linter.engine.passes import Cancelled
from linter.server import actions
from linter.server.diagnostics import config_diagnostic, diagnostic, file_uri
from linter.server.positions import DocumentPositions
from linter.server.session import LintOutcome, OpenDocument, Session, text_of
from linter.source.text import UnreadableFile, decode, read_bytes

DEBOUNCE_S = 0.15
# The files a lint reads by default (`DEFAULT_INCLUDE`), and the configs.
WATCHED = (*DEFAULT_INCLUDE, *(f"**/{name}" for name in CONFIG_FILES))
Handler = TypeVar("Handler", bound=Callable[..., Any])


class Published(NamedTuple):
    """What the client was last told about a document, for its code actions and hovers."""

    version: int | None
    path: str  # in its project, as findings name it
    findings: tuple[Finding, ...]
    diagnostics: list[types.Diagnostic]
    positions: DocumentPositions


class AmlarcLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("amlarc-lint", __version__)
        self.session = Session()
        self.published: dict[str, Published] = {}
        self.config_uris: set[str] = set()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="amlarc-lint")
        self._wanted: asyncio.Event | None = None
        self._nudged = asyncio.Event()
        self._linting: asyncio.Task[None] | None = None
        self._due = 0.0
        self._running: threading.Event | None = None

    def report_server_error(self, error: Exception, source: Any) -> None:
        self.log(f"internal error: {type(error).__name__}: {error}")

    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.window_log_message(types.LogMessageParams(kind, f"amlarc-lint: {message}"))

    def request_lint(self, delay: float = 0.0) -> None:
        loop = asyncio.get_running_loop()
        if self._wanted is None:
            self._wanted = asyncio.Event()
            self._linting = loop.create_task(self._lint_forever(self._wanted))
        self._due = loop.time() + delay
        self._wanted.set()
        self._nudged.set()  # a debounce under way ends sooner if this lint is due sooner
        if self._running is not None:
            self._running.set()

    def stop_linting(self) -> None:
        if self._running is not None:
            self._running.set()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _lint_forever(self, wanted: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await wanted.wait()
            if (delay := self._due - loop.time()) > 0:
                self._nudged.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._nudged.wait(), delay)
                continue
            wanted.clear()
            cancel = self._running = threading.Event()
            try:
                documents = self._open_documents()
                outcome = await loop.run_in_executor(
                    self._executor, functools.partial(self.session.lint, documents, cancel.is_set)
                )
                if not cancel.is_set():
                    self._publish(outcome)
            except Cancelled:
                continue
            except Exception as exc:  # a bug of ours: one line in the log, never a traceback
                self.log(f"internal error while linting: {type(exc).__name__}: {exc}")
            finally:
                self._running = None

    def _open_documents(self) -> list[OpenDocument]:
        documents = []
        for document in self.workspace.text_documents.values():
            path = to_fs_path(document.uri)
            if path is not None and document.uri.startswith("file:"):
                documents.append(
                    OpenDocument(
                        uri=document.uri, path=path, text=document.source, version=document.version
                    )
                )
        return documents

    def _publish(self, outcome: LintOutcome) -> None:
        encoding = str(self.workspace.position_encoding or "utf-16")
        open_texts = {linted.document.path: linted.document.text for linted in outcome.documents}
        for message in outcome.messages:
            self.log(message, types.MessageType.Warning)
        for linted in outcome.documents:
            document = linted.document
            current = self.workspace.text_documents.get(document.uri)
            if current is None or current.version != document.version:
                continue  # closed or changed since: its next lint publishes
            positions = DocumentPositions(document.text, encoding)
            related_cache: dict[str, tuple[str, DocumentPositions]] = {}

            def positions_of(
                path: str,
                root: Path = linted.root,
                cache: dict[str, tuple[str, DocumentPositions]] = related_cache,
            ) -> tuple[str, DocumentPositions]:
                if path not in cache:
                    text = text_of(root, path, open_texts)
                    cache[path] = (file_uri(root / path), DocumentPositions(text, encoding))
                return cache[path]

            diagnostics = [
                diagnostic(finding, positions, positions_of) for finding in linted.findings
            ]
            self.published[document.uri] = Published(
                version=document.version,
                path=linted.path,
                findings=linted.findings,
                diagnostics=diagnostics,
                positions=positions,
            )
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(document.uri, diagnostics, document.version)
            )
        failing = {file_uri(problem.path): problem for problem in outcome.config_problems}
        for uri in self.config_uris - set(failing):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        for uri, problem in failing.items():
            found = config_diagnostic(problem, _config_text(problem.path))
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, [found]))
        self.config_uris = set(failing)


def _config_text(path: Path) -> str:
    try:
        return decode(read_bytes(path)).text
    except UnreadableFile:
        return ""


def guarded(handler: Handler) -> Handler:
    """Run a handler; an exception is one line in the client's log and no result."""

    @functools.wraps(handler)
    def run(server: AmlarcLanguageServer, params: Any) -> Any:
        try:
            return handler(server, params)
        except Exception as exc:
            server.log(f"internal error in {handler.__name__}: {type(exc).__name__}: {exc}")
            return None

    return run  # type: ignore[return-value]


def build_server() -> AmlarcLanguageServer:
    server = AmlarcLanguageServer()

    @server.feature(types.INITIALIZE)
    @guarded
    def initialize(server: AmlarcLanguageServer, params: types.InitializeParams) -> None:
        folders = [to_fs_path(folder.uri) for folder in params.workspace_folders or ()]
        if not folders and params.root_uri:
            folders = [to_fs_path(params.root_uri)]
        options = params.initialization_options
        baseline = options.get("baseline") if isinstance(options, dict) else None
        server.session = Session(
            [Path(folder) for folder in folders if folder],
            baseline if isinstance(baseline, str) else None,
        )

    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(server: AmlarcLanguageServer, params: types.InitializedParams) -> None:
        capabilities = server.client_capabilities.workspace
        watching = capabilities and capabilities.did_change_watched_files
        if watching and watching.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
            registration = types.Registration(
                id="amlarc-lint-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers),
            )
            asked = server.client_register_capability(types.RegistrationParams([registration]))
            asked.add_done_callback(functools.partial(_registered, server))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(server: AmlarcLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        server.request_lint()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(server: AmlarcLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        server.request_lint(DEBOUNCE_S)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def did_save(server: AmlarcLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        path = to_fs_path(params.text_document.uri)
        if path is not None and (Path(path).name in CONFIG_FILES or server.session.is_new(path)):
            server.session.forget_settings()
        server.request_lint()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(server: AmlarcLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        server.published.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        server.request_lint()  # the others' context loses its unsaved text

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def did_change_watched_files(
        server: AmlarcLanguageServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        for change in params.changes:
            path = to_fs_path(change.uri)
            created_or_deleted = change.type != types.FileChangeType.Changed
            if created_or_deleted or (path is not None and Path(path).name in CONFIG_FILES):
                server.session.forget_settings()
        server.request_lint()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    @guarded
    def code_action(
        server: AmlarcLanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        published = _current(server, params.text_document.uri)
        if published is None:
            return None
        return actions.code_actions(
            params.text_document.uri,
            published.findings,
            published.diagnostics,
            published.positions,
            params.range,
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(server: AmlarcLanguageServer, params: types.HoverParams) -> types.Hover | None:
        published = _current(server, params.text_document.uri)
        if published is None:
            return None
        return actions.hover(
            published.path,
            published.findings,
            published.diagnostics,
            published.positions,
            params.position,
        )

    @server.feature(types.SHUTDOWN)
    @guarded
    def shutdown(server: AmlarcLanguageServer, params: None) -> None:
        server.stop_linting()

    return server


def _registered(server: AmlarcLanguageServer, asked: Future[None]) -> None:
    """Without the file watcher, a config is read again on its save only."""
    if asked.exception() is not None:
        server.log(
            f"the editor did not watch the config files: {asked.exception()}",
            types.MessageType.Warning,
        )


def _current(server: AmlarcLanguageServer, uri: str) -> Published | None:
    """The last diagnostics of the document, if they are of the text the client has now."""
    published = server.published.get(uri)
    document = server.workspace.text_documents.get(uri)
    if published is None or document is None or document.version != published.version:
        return None
    return published


class _OneLine(logging.Formatter):
    """pygls's own log, on standard error, one line per record and no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        first = record.getMessage().strip().split("\n", 1)[0]
        return f"amlarc-lint server: {record.levelname.lower()}: {first}"


def serve() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    pygls_log = logging.getLogger("pygls")
    pygls_log.addHandler(handler)
    pygls_log.setLevel(logging.WARNING)
    pygls_log.propagate = False
    build_server().start_io()
