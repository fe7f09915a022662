""""Did you mean ...?": the close match every rule shares."""

from __future__ import annotations

from linter.core.spelling import closest_match


def test_a_misspelling_finds_its_word() -> None:
    assert closest_match("memroy", ["cpu", "memory", "nvidia.com/gpu"]) == "memory"
    assert closest_match("resource", ["requests", "resources"]) == "resources"


def test_nothing_close_enough_is_none() -> None:
    assert closest_match("zzz", ["cpu", "memory"]) is None
    assert closest_match("memory", []) is None


def test_letter_case_does_not_count_and_the_candidate_keeps_its_own() -> None:
    assert closest_match("GPU-T4", ["cpu-small", "gpu-t4"]) == "gpu-t4"


def test_the_exact_spelling_wins_over_its_other_casings() -> None:
    assert closest_match("Gpu-t4", ["gpu-t4", "GPU-T4", "Gpu-t4"]) == "Gpu-t4"
    assert closest_match("GPU-T4", ["gpu-t4", "Gpu-t4", "GPU-T4"]) == "GPU-T4"


def test_the_order_of_the_candidates_does_not_matter() -> None:
    names = ["gpu-a10", "gpu-a100", "gpu-v100"]
    assert closest_match("gpu-a1000", names) == closest_match("gpu-a1000", names[::-1])
    assert closest_match("gpu-a1000", names) == "gpu-a100"
    # Two casings of one name, neither exact: the first in sorted order, whatever the input's.
    assert closest_match("GPU-T4", ["GPU-t4", "gpu-T4"]) == "GPU-t4"
    assert closest_match("GPU-T4", ["gpu-T4", "GPU-t4"]) == "GPU-t4"
