""""Did you mean ...?": the one notion of a close match that every rule shares."""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 0.6  # difflib's similarity ratio; "resource" ~ "resources", "memroy" ~ "memory"


def closest_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to `word`, if any is close enough."""
    import difflib  # only a run with a misspelling needs it

    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=CUTOFF)
    return found[0] if found else None
