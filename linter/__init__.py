"""amlarc-lint: a static linter for Azure Machine Learning on Kubernetes.

`linter.lint(paths, linter.LintOptions(...), overlay=...)` lints in this process as
`amlarc-lint check` does (see `linter.api`); it is imported on first use, so that importing
`linter` (as the command line does) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["LintOptions", "__version__", "lint"]

if TYPE_CHECKING:
    from linter.api import LintOptions, lint


def __getattr__(name: str) -> Any:
    if name in ("lint", "LintOptions"):
        from linter import api

        return getattr(api, name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")
