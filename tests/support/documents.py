"""A classified document built from YAML text, as rules receive it."""

from __future__ import annotations

from linter.source.document import Document
from linter.source.kinds import classify
from linter.source.yaml_reader import parse


def document(text: str) -> Document:
    parsed = parse(text)
    kind = classify(parsed.documents[0].root)
    assert kind is not None, text
    built = parsed.documents[0].build()
    return Document("doc.yaml", 0, kind, built.data, built.spans)
