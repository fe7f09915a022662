"""`amlarc-lint server` with two bugs planted, for the tests of how it survives them: a rule
that crashes on every InstanceType (AML003, as in the CLI), and a lint that fails outright
when a buffer holds `plant-a-bug` (one line in the client's log, never a traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from linter import api
from linter.core.finding import Report, Severity
from linter.engine import passes as engine
from linter.engine.registry import load_rules
from linter.rule import rule
from linter.server.app import serve
from linter.source.kinds import Kind


@rule("AML999", "always-crashes", Severity.ERROR, [Kind.INSTANCE_TYPE])
def _broken_rule(document: object, context: object) -> Iterator[Report]:
    """A rule with a bug."""
    raise ZeroDivisionError("division by zero")
    yield  # a generator, like every rule


_real_run = api.run


def _run_with_a_bug(*args: Any, overlay: Any = None, **kwargs: Any) -> Any:
    if overlay and any("plant-a-bug" in text for text in overlay.values()):
        raise RuntimeError("a planted bug")
    return _real_run(*args, overlay=overlay, **kwargs)


if __name__ == "__main__":
    engine.load_rules = lambda: (*load_rules(), _broken_rule)  # type: ignore[assignment]
    api.run = _run_with_a_bug  # type: ignore[assignment]
    serve()
