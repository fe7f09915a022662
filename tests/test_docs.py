"""The maintainer docs in `docs/` stay true: every file path they name exists, the README
links them, and nothing cites documents that are not in this repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "docs").glob("*.md"))
# A path in backticks, e.g. `linter/engine/passes.py` or `linter/source/document.py::locate`.
NAMED_PATH = re.compile(r"`((?:linter|rules|schemas|tests|benchmarks)/[\w/.-]*)(?:::\w+)?`")
OUTSIDE = re.compile("SPEC" + r" ?§|PERF" + "-NOTES")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_a_doc_names_exists(doc: Path) -> None:
    named = NAMED_PATH.findall(doc.read_text(encoding="utf-8"))
    assert named
    assert [path for path in named if not (ROOT / path).exists()] == []


def test_the_readme_links_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {f"docs/{doc.name}" for doc in DOCS} <= set(re.findall(r"\((docs/[\w-]+\.md)\)", readme))


def test_nothing_cites_documents_outside_the_repository() -> None:
    places = [ROOT / "README.md", *DOCS]
    for folder in ("linter", "rules", "tests", "benchmarks"):
        places += (ROOT / folder).rglob("*.py")
    assert [str(p.relative_to(ROOT)) for p in places if OUTSIDE.search(p.read_text("utf-8"))] == []
