"""What the language server lints, and with which settings: every open document, each in its
project, through `api.run` with every open buffer as the overlay (so an unsaved
InstanceType edit changes the findings of the open deployments that use it). `api.run` is the
second half of `linter.lint`: the session keeps the first half's result (the settings) between
keystrokes instead of looking for the config again on each.

A document's project is what `amlarc-lint check` run from its workspace folder would use: the
settings are loaded from that folder (the nearest config above it, nested configs below), and
kept until a config file or the set of files changes (`forget_settings`). A config that
cannot be loaded is a `ConfigProblem` on that config file; its documents are not linted until
it is fixed. Nothing here talks LSP: `app` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from linter import api
from linter.config.errors import ConfigError
from linter.config.settings import Settings
from linter.core.finding import Finding
from linter.core.paths import relative
from linter.discovery.configs import load_settings
from linter.source.text import UnreadableFile, decode, read_bytes
from linter.suppress.baseline import Baseline, BaselineError, load_baseline


class OpenDocument(NamedTuple):
    uri: str
    path: str  # absolute
    text: str
    version: int | None


class DocumentLint(NamedTuple):
    """The findings of one open document at one version, and where its project is."""

    document: OpenDocument
    findings: tuple[Finding, ...]
    root: Path
    path: str = ""  # in its project (POSIX, relative to `root`)


class ConfigProblem(NamedTuple):
    path: Path  # the config file at fault
    message: str
    line: int | None = None  # where in it, when known (1-based)
    column: int | None = None


class LintOutcome(NamedTuple):
    documents: tuple[DocumentLint, ...]
    config_problems: tuple[ConfigProblem, ...] = ()
    messages: tuple[str, ...] = ()  # for the client's log: a baseline that cannot be read


class Session:
    def __init__(self, folders: Iterable[Path] = (), baseline: str | None = None) -> None:
        """`folders`: the workspace folders; `baseline`: a baseline file (relative to each
        project root, or absolute) whose findings are hidden, as `check --baseline` does."""
        # The deepest first: a file belongs to the innermost workspace folder holding it.
        self.folders = sorted((f.absolute() for f in folders), key=lambda f: -len(f.parts))
        self.baseline = baseline
        self._settings: dict[Path, Settings | ConfigError] = {}

    def forget_settings(self) -> None:
        """A config file changed, or files came or went: load the settings again."""
        self._settings.clear()

    def settings_for(self, path: str) -> Settings | ConfigError:
        start = self._start(Path(path))
        if start not in self._settings:
            try:
                self._settings[start] = load_settings(start)
            except ConfigError as exc:
                self._settings[start] = exc
        return self._settings[start]

    def is_new(self, path: str) -> bool:
        """A file the project's listing (taken with its settings) does not hold: saved for
        the first time, so the settings (and their listing) are loaded again."""
        settings = self.settings_for(path)
        if isinstance(settings, ConfigError) or settings.listing is None:
            return False
        return relative(settings.root, Path(path)) not in settings.listing

    def lint(
        self, documents: Sequence[OpenDocument], cancelled: Callable[[], bool] | None = None
    ) -> LintOutcome:
        """Every open document, project by project (raises `engine.Cancelled`)."""
        overlay = {document.path: document.text for document in documents}
        projects: dict[Path, tuple[Settings, list[OpenDocument]]] = {}
        problems: dict[Path, ConfigProblem] = {}
        messages: list[str] = []
        linted: list[DocumentLint] = []
        for document in documents:
            settings = self.settings_for(document.path)
            if isinstance(settings, ConfigError):
                if settings.path is not None:
                    problems[settings.path] = ConfigProblem(
                        path=settings.path,
                        message=str(settings),
                        line=settings.line,
                        column=settings.column,
                    )
                linted.append(
                    DocumentLint(document=document, findings=(), root=Path(document.path).parent)
                )
                continue
            projects.setdefault(settings.root, (settings, []))[1].append(document)
        for root, (settings, members) in projects.items():
            try:
                baseline = self._baseline(root)
            except BaselineError as exc:
                messages.append(str(exc))
                baseline = None
            paths = tuple(document.path for document in members)
            request = api.LintRequest(settings=settings, paths=paths, baseline=baseline, cache=True)
            result = api.run(request, overlay=overlay, cancelled=cancelled)
            by_path: dict[str, list[Finding]] = {}
            for finding in result.findings:
                by_path.setdefault(finding.path, []).append(finding)
            for document in members:
                path = relative(root, Path(document.path))
                linted.append(
                    DocumentLint(
                        document=document,
                        findings=tuple(by_path.get(path, ())),
                        root=root,
                        path=path,
                    )
                )
        return LintOutcome(
            documents=tuple(linted),
            config_problems=tuple(problems.values()),
            messages=tuple(messages),
        )

    def _start(self, path: Path) -> Path:
        """Where `check` would run: the workspace folder holding the file, else its folder."""
        for folder in self.folders:
            if folder in path.parents:
                return folder
        return path.parent

    def _baseline(self, root: Path) -> Baseline | None:
        if not self.baseline:
            return None
        return load_baseline(root / self.baseline)


def text_of(root: Path, path: str, open_texts: dict[str, str]) -> str:
    """A project file's text: its open buffer, else the file on disk ("" if unreadable)."""
    absolute = str(root / path)
    if absolute in open_texts:
        return open_texts[absolute]
    try:
        return decode(read_bytes(root / path)).text
    except UnreadableFile:
        return ""
