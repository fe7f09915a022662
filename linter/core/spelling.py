""""Did you mean ...?": the one notion of a close match that every rule shares."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

CUTOFF = 0.6  # difflib's similarity ratio; "resource" ~ "resources", "memroy" ~ "memory"


def closest_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to `word`, if any is close enough (whatever their order:
    difflib breaks ties by the candidate itself). Letter case does not count: `GPU-T4` is
    closest to `gpu-t4`; a candidate spelled exactly as `word` wins over its other casings."""
    return _closest_match(word, frozenset(candidates))


# A misspelling copied into many files is compared with the same (maybe thousands of)
# names again and again: remember the answer.
@lru_cache(maxsize=64)
def _closest_match(word: str, candidates: frozenset[str]) -> str | None:
    import difflib  # only a run with a misspelling needs it

    folded: dict[str, str] = {}
    for candidate in sorted(candidates, key=lambda c: (c != word, c)):
        folded.setdefault(candidate.casefold(), candidate)
    found = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=CUTOFF)
    return folded[found[0]] if found else None
