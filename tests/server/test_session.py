"""The language server's session in process: its lint of open buffers (the overlay,
cancellation, config problems)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from linter.engine.passes import Cancelled
from linter.server.diagnostics import config_diagnostic
from linter.server.session import OpenDocument, Session
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE
from tests.support.lsp_session import write


def test_the_open_buffers_are_the_context(tmp_path: Path) -> None:
    write(tmp_path, {"amlarc-lint.toml": "", "types/small.yaml": SMALL_INSTANCE_TYPE,
                     "deploy/red.yaml": DEPLOYMENT})
    session = Session([tmp_path])
    deployment = OpenDocument("file:///red", str(tmp_path / "deploy/red.yaml"), DEPLOYMENT, 1)
    lowered = SMALL_INSTANCE_TYPE.replace('cpu: "1"', 'cpu: "500m"')
    instance_type = OpenDocument("file:///small", str(tmp_path / "types/small.yaml"), lowered, 1)
    outcome = session.lint([deployment, instance_type])
    by_uri = {linted.document.uri: linted.findings for linted in outcome.documents}
    assert [f.rule_id for f in by_uri["file:///red"]] == ["AML403"]
    assert by_uri["file:///small"] == ()
    assert [f.rule_id for f in session.lint([deployment]).documents[0].findings] == []


def test_a_cancelled_lint_stops(tmp_path: Path) -> None:
    write(tmp_path, {"amlarc-lint.toml": "", "types/small.yaml": SMALL_INSTANCE_TYPE})
    document = OpenDocument("file:///small", str(tmp_path / "types/small.yaml"), "", 1)
    with pytest.raises(Cancelled):
        Session([tmp_path]).lint([document], cancelled=lambda: True)


def test_a_bad_config_is_a_problem_of_the_config_file_at_the_place_toml_names(
    tmp_path: Path,
) -> None:
    config = 'select = ["AML"]\nignore = ]\n'
    write(tmp_path, {"amlarc-lint.toml": config, "a.yaml": ""})
    document = OpenDocument("file:///a", str(tmp_path / "a.yaml"), "", 1)
    outcome = Session([tmp_path]).lint([document])
    assert outcome.documents[0].findings == ()
    (problem,) = outcome.config_problems
    assert problem.path == tmp_path / "amlarc-lint.toml"
    assert "invalid TOML" in problem.message
    found = config_diagnostic(problem, config)
    assert found.range.start == types.Position(1, 9)  # "at line 2, column 10"
    assert found.severity == types.DiagnosticSeverity.Error
