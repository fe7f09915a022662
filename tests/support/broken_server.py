"""`amlarc-lint server` with faults planted, for the tests of how it survives them: a rule
that crashes on every InstanceType (AML003, as in the CLI); a lint that fails outright when a
buffer holds `plant-a-bug` (one line in the client's log, never a traceback); and a lint that
never ends on its own when a buffer holds `plant-an-endless-lint` (only a cancellation, from
the next change, stops it)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from linter import api
from linter.core.finding import Report, Severity
from linter.engine import passes as engine
from linter.engine.passes import Cancelled
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
ENDLESS_LINT_STARTED = "endless-lint-started"


def _run_with_faults(*args: Any, overlay: Any = None, cancelled: Any = None, **kwargs: Any) -> Any:
    texts = list((overlay or {}).values())
    if any("plant-a-bug" in text for text in texts):
        raise RuntimeError("a planted bug")
    if any("plant-an-endless-lint" in text for text in texts):
        (args[0].settings.root / ENDLESS_LINT_STARTED).touch()  # for the test to see
        while not cancelled():
            time.sleep(0.01)
        raise Cancelled
    return _real_run(*args, overlay=overlay, cancelled=cancelled, **kwargs)


if __name__ == "__main__":
    engine.load_rules = lambda: (*load_rules(), _broken_rule)  # type: ignore[assignment]
    api.run = _run_with_faults  # type: ignore[assignment]
    serve()
