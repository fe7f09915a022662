"""JSON Schemas shipped with amlarc-lint (usable on their own by editors)."""

from pathlib import Path


def schema_text(name: str) -> str:
    """A schema file of this package. A plain path, not `importlib.resources`: that import
    (and the `tempfile` it pulls in) would cost every commit-time run a few milliseconds."""
    return (Path(__file__).parent / name).read_text("utf-8")
