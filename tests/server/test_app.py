"""`amlarc-lint server` end to end: the real server over stdio, driven by pytest-lsp's client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from linter.core.docs_links import rule_doc_url
from tests.support.broken_server import ENDLESS_LINT_STARTED
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE
from tests.support.cli_project import INSTANCE_TYPE as FLAWED_INSTANCE_TYPE
from tests.support.lsp_session import (
    BROKEN_SERVER,
    SERVER,
    apply_edit,
    change_document,
    codes,
    open_document,
    published,
    start,
    write,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(tmp_path, {
        "amlarc-lint.toml": "",
        "types/small.yaml": SMALL_INSTANCE_TYPE,
        "deploy/red.yaml": DEPLOYMENT,
    })


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, project: Path) -> AsyncIterator[None]:
    await start(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def bare(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A server the test initializes (with its own options) and shuts down itself."""
    yield


@pytest_lsp.fixture(config=BROKEN_SERVER)
async def broken(lsp_client: LanguageClient, project: Path) -> AsyncIterator[None]:
    await start(lsp_client, project)
    yield
    await lsp_client.shutdown_session()


async def actions_on(
    client: LanguageClient, uri: str, rule_id: str
) -> tuple[types.Diagnostic, list[types.CodeAction]]:
    """The document's first diagnostic of the rule, and the code actions offered on it."""
    found = await published(client, uri, lambda found: rule_id in codes(found))
    diagnostic = next(d for d in found if d.code == rule_id)
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), diagnostic.range,
            types.CodeActionContext([diagnostic]),
        )
    )
    return diagnostic, [action for action in offered or [] if isinstance(action, types.CodeAction)]


async def test_open_publishes_diagnostics_in_lsp_terms(client: LanguageClient,
                                                       project: Path) -> None:
    path = write(project, {"types/flawed.yaml": FLAWED_INSTANCE_TYPE.format(name="flawed")})
    uri = open_document(client, path / "types/flawed.yaml")
    found = await published(client, uri, lambda found: len(found) == 2)
    aml201, aml204 = sorted(found, key=lambda d: str(d.code))
    # `memory: 2GB` on line 10, columns 32-35 (1-based): LSP line 9, characters 31-34.
    assert aml201.range == types.Range(types.Position(9, 31), types.Position(9, 34))
    assert aml201.code == "AML201"
    assert aml201.code_description == types.CodeDescription(href=rule_doc_url("AML201"))
    assert (aml201.source, aml201.severity) == ("amlarc-lint", types.DiagnosticSeverity.Error)
    assert aml201.message.startswith('memory "2GB" is not a Kubernetes quantity')
    assert (aml204.code, aml204.severity) == ("AML204", types.DiagnosticSeverity.Warning)


async def test_columns_count_utf16_code_units(client: LanguageClient, project: Path) -> None:
    line = '  nodeSelector: {team: "🚀", pool: "a b"}'
    text = SMALL_INSTANCE_TYPE.replace("spec:\n", f"spec:\n{line}\n")
    uri = open_document(client, project / "types/small.yaml", text)
    found = await published(client, uri, lambda found: len(found) == 2)
    rocket, spaced = sorted(found, key=lambda d: d.range.start.character)
    before_rocket = line.index('"🚀"')
    assert (rocket.range.start.line, rocket.range.start.character) == (4, before_rocket)
    # The rocket is one character and two UTF-16 code units: `"🚀"` is 4 units long.
    assert rocket.range.end.character == before_rocket + 4
    # After the rocket, every column is one more than the count of characters.
    assert spaced.range.start.character == line.index('"a b"') + 1
    assert spaced.range.end.character == line.index('"a b"') + 1 + len('"a b"')


async def test_a_change_lints_the_unsaved_buffer(client: LanguageClient, project: Path) -> None:
    uri = open_document(client, project / "deploy/red.yaml")
    assert await published(client, uri) == []
    change_document(client, uri, 2, DEPLOYMENT.replace('cpu: "1", memory: 1Gi}', 'cpu: "2"}'))
    found = await published(client, uri, lambda found: codes(found) == ["AML403"])
    assert found[0].range.start == types.Position(8, 16)


async def test_an_unsaved_instance_type_relints_the_open_deployments_using_it(
    client: LanguageClient, project: Path
) -> None:
    deployment = open_document(client, project / "deploy/red.yaml")
    instance_type = open_document(client, project / "types/small.yaml")
    assert await published(client, deployment) == []
    lowered = SMALL_INSTANCE_TYPE.replace('cpu: "1"', 'cpu: "500m"')
    change_document(client, instance_type, 2, lowered)
    found = await published(client, deployment, lambda found: codes(found) == ["AML403"])
    assert "limits.cpu 500m" in found[0].message
    (related,) = found[0].related_information or []
    assert related.location.uri == instance_type
    # The unsaved text's position of `"500m"`: line 7, 1-based columns 19-25.
    assert related.location.range == types.Range(types.Position(6, 18), types.Position(6, 24))
    assert related.message == 'instance type "small": its limits.cpu'
    # Nothing unsaved reached the disk or the cache: a check of the saved files is clean.
    assert (project / "types/small.yaml").read_text(encoding="utf-8") == SMALL_INSTANCE_TYPE


async def test_a_quick_fix_applied_clears_its_finding(client: LanguageClient,
                                                      project: Path) -> None:
    write(project, {"types/flawed.yaml": FLAWED_INSTANCE_TYPE.format(name="flawed")})
    text = (project / "types/flawed.yaml").read_text(encoding="utf-8")
    uri = open_document(client, project / "types/flawed.yaml")
    aml204, offered = await actions_on(client, uri, "AML204")
    titles = [action.title for action in offered]
    assert titles == [
        'Fix AML204: add the quotes: "1"',
        "Ignore AML204 on this line",
        "Ignore AML204 in this file",
    ]
    fix = offered[0]
    assert fix.edit and fix.edit.changes
    assert (fix.kind, fix.is_preferred, list(fix.diagnostics or [])) == ("quickfix", True, [aml204])
    (edit,) = fix.edit.changes[uri]
    fixed = apply_edit(text, edit)
    assert "requests: {cpu: \"1\", memory: 2Gi}" in fixed
    change_document(client, uri, 2, fixed)
    assert codes(await published(client, uri, lambda f: "AML204" not in codes(f))) == ["AML201"]


@pytest.mark.parametrize(
    ("title", "comment"),
    [
        ("Ignore AML204 on this line", "{cpu: 1, memory: 2Gi}  # amlarc-lint: ignore[AML204]\n"),
        ("Ignore AML204 in this file", "# amlarc-lint: ignore-file[AML204]\napiVersion"),
    ],
)
async def test_an_ignore_action_adds_the_comment(
    client: LanguageClient, project: Path, title: str, comment: str
) -> None:
    write(project, {"types/flawed.yaml": FLAWED_INSTANCE_TYPE.format(name="flawed")})
    text = (project / "types/flawed.yaml").read_text(encoding="utf-8")
    uri = open_document(client, project / "types/flawed.yaml")
    _, offered = await actions_on(client, uri, "AML204")
    action = next(action for action in offered if action.title == title)
    assert action.edit and action.edit.changes
    (edit,) = action.edit.changes[uri]
    ignored = apply_edit(text, edit)
    assert comment in ignored
    change_document(client, uri, 2, ignored)
    assert codes(await published(client, uri, lambda f: "AML204" not in codes(f))) == ["AML201"]


async def test_hover_shows_the_rule_documentation(client: LanguageClient, project: Path) -> None:
    text = FLAWED_INSTANCE_TYPE.format(name="flawed").replace(
        "pool: cpu", 'pool: "a b"  # amlarc-lint: ignore[AML602]'
    )
    write(project, {"types/flawed.yaml": text})
    uri = open_document(client, project / "types/flawed.yaml")
    found = await published(client, uri, lambda found: "AML201" in codes(found))
    aml201 = next(d for d in found if d.code == "AML201")
    on_finding = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), aml201.range.start)
    )
    assert on_finding is not None and isinstance(on_finding.contents, types.MarkupContent)
    assert on_finding.contents.value.startswith("# AML201 ")
    assert "## Why" in on_finding.contents.value
    line = text.splitlines()[6]
    on_comment = await client.text_document_hover_async(
        types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(6, line.index("AML602"))
        )
    )
    assert on_comment is not None and isinstance(on_comment.contents, types.MarkupContent)
    assert on_comment.contents.value.startswith("# AML602 ")


async def test_a_config_change_is_reloaded_and_a_bad_config_is_one_diagnostic(
    client: LanguageClient, project: Path
) -> None:
    write(project, {"types/flawed.yaml": FLAWED_INSTANCE_TYPE.format(name="flawed")})
    uri = open_document(client, project / "types/flawed.yaml")
    await published(client, uri, lambda found: codes(found) == ["AML201", "AML204"])
    config = project / "amlarc-lint.toml"

    def changed() -> None:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]
            )
        )

    config.write_text('ignore = ["AML204"]\n', encoding="utf-8")
    changed()
    await published(client, uri, lambda found: codes(found) == ["AML201"])
    config.write_text('ignore = ["AML204"]\nsevere = 1\n', encoding="utf-8")
    changed()
    (problem,) = await published(client, config.as_uri(), lambda found: len(found) == 1)
    assert "unknown key 'severe'" in problem.message
    assert problem.severity == types.DiagnosticSeverity.Error
    assert await published(client, uri, lambda found: not found) == []
    config.write_text("", encoding="utf-8")
    changed()
    await published(client, config.as_uri(), lambda found: not found)
    await published(client, uri, lambda found: codes(found) == ["AML201", "AML204"])


async def test_inline_ignores_and_the_baseline_are_honoured(
    bare: LanguageClient, project: Path
) -> None:
    from click.testing import CliRunner

    from linter.cli.app import main

    write(project, {"types/flawed.yaml": FLAWED_INSTANCE_TYPE.format(name="flawed")})
    baseline = str(project / "base.json")
    outcome = CliRunner().invoke(main, ["check", "--write-baseline", baseline, str(project)])
    assert outcome.exit_code == 0, outcome.output
    await start(bare, project, {"baseline": "base.json"})
    uri = open_document(bare, project / "types/flawed.yaml")
    assert await published(bare, uri) == []  # AML201 and AML204 are in the baseline
    new = FLAWED_INSTANCE_TYPE.format(name="flawed").replace("cpu: 1,", "cpu: 2,")
    change_document(bare, uri, 2, new.replace("2Gi}", "2Gi}  # amlarc-lint: ignore"))
    # The new findings (`cpu: 2`) are on an ignored line: still nothing.
    await published(bare, uri, lambda found: not found)
    change_document(bare, uri, 3, new)
    found = await published(bare, uri, lambda found: bool(found))
    assert codes(found) == ["AML204", "AML302"]  # new; AML201 stays in the baseline
    await bare.shutdown_session()


async def test_shutdown_and_exit_end_the_server(bare: LanguageClient, project: Path) -> None:
    await start(bare, project)
    uri = open_document(bare, project / "deploy/red.yaml")
    await published(bare, uri)
    await bare.shutdown_session()
    assert bare._server is not None and bare._server.returncode == 0


async def test_a_crashing_rule_is_aml003_and_a_bug_is_one_log_line(
    broken: LanguageClient, project: Path
) -> None:
    uri = open_document(broken, project / "types/small.yaml")
    (crash,) = await published(broken, uri, lambda found: len(found) == 1)
    assert crash.code == "AML003"
    assert crash.message.startswith("rule AML999 (always-crashes) crashed on this document")
    change_document(broken, uri, 2, SMALL_INSTANCE_TYPE + "# plant-a-bug\n")
    loop_started = len(broken.log_messages)
    while not any("a planted bug" in m.message for m in broken.log_messages[loop_started:]):
        await published(broken, uri)
        await asyncio.sleep(0.05)
    (logged,) = [m for m in broken.log_messages if "a planted bug" in m.message]
    assert logged.message == (
        "amlarc-lint: internal error while linting: RuntimeError: a planted bug"
    )
    assert logged.type == types.MessageType.Error
    # The server goes on: the next text is linted.
    change_document(broken, uri, 3, SMALL_INSTANCE_TYPE.replace('cpu: "1"', "cpu: 1"))
    await published(broken, uri, lambda found: codes(found) == ["AML003", "AML204"])


async def test_a_python_script_is_linted_and_ignored_like_a_yaml_file(
    client: LanguageClient, project: Path
) -> None:
    script = Path(__file__).parent.parent / "rules" / "AML501" / "bad_docs_nvidia_gpu.py"
    text = script.read_text(encoding="utf-8").replace('"gpu-small"', '"small"')
    write(project, {"train.py": text})
    uri = open_document(client, project / "train.py")
    aml501, offered = await actions_on(client, uri, "AML501")
    # `nvidia_gpu` on line 8, columns 53-63 (1-based).
    assert aml501.range == types.Range(types.Position(7, 52), types.Position(7, 62))
    action = next(action for action in offered if action.title == "Ignore AML501 on this line")
    assert action.edit and action.edit.changes
    (edit,) = action.edit.changes[uri]
    ignored = apply_edit(text, edit)
    assert 'nvidia_gpu="1")  # amlarc-lint: ignore[AML501]\n' in ignored
    change_document(client, uri, 2, ignored)
    await published(client, uri, lambda found: not found)


async def test_a_change_cancels_the_lint_under_way(broken: LanguageClient, project: Path) -> None:
    # The planted lint of this text never ends unless cancelled: the next text can only be
    # linted (and its diagnostics published) if the change cancels it.
    endless = DEPLOYMENT + "# plant-an-endless-lint\n"
    uri = open_document(broken, project / "deploy/red.yaml", endless)
    while not (project / ENDLESS_LINT_STARTED).exists():
        await asyncio.sleep(0.01)
    change_document(broken, uri, 2, DEPLOYMENT.replace('cpu: "1", memory: 1Gi}', 'cpu: "2"}'))
    assert codes(await published(broken, uri)) == ["AML403"]
    assert not any("internal error" in message.message for message in broken.log_messages)


async def test_the_server_asks_the_editor_to_watch_configs_and_linted_files(
    bare: LanguageClient, project: Path
) -> None:
    asked: list[types.RegistrationParams] = []

    @bare.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        asked.append(params)

    await start(bare, project, watch=True)
    while not asked:
        await asyncio.sleep(0.01)
    (registration,) = asked[0].registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    options = bare.protocol._converter.structure(
        registration.register_options, types.DidChangeWatchedFilesRegistrationOptions
    )
    globs = [watcher.glob_pattern for watcher in options.watchers]
    assert globs == ["**/*.yaml", "**/*.yml", "**/*.py", "**/*.ipynb", "**/amlarc-lint.toml",
                     "**/pyproject.toml"]
    await bare.shutdown_session()
    assert not bare.log_messages
