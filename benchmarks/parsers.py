"""Parse speed of the YAML readers we could build on: `python benchmarks/parsers.py`.

Reads every YAML file of a generated 1,000-file repository (benchmarks/repo_generator.py)
into memory, then times, alternating round by round, composing all of them with:
- PyYAML's libyaml composer (what linter/source/yaml_reader.py uses),
- ruamel.yaml's C composer (`YAML(typ="safe")`, needs ruamel.yaml.clib),
- ruamel.yaml's round-trip loader (`YAML(typ="rt")`, pure Python),
and prints files per second (medians) and the ratio to PyYAML. Trees are dropped as soon as
they are built, as the linter does. Needs the `bench` extra (ruamel.yaml, ruamel.yaml.clib).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repo_generator import generate


def _pyyaml(text: str) -> None:
    for _ in yaml.compose_all(text, Loader=yaml.CSafeLoader):
        pass


def _ruamel(kind: str) -> Callable[[str], None]:
    reader = YAML(typ=kind)

    def compose(text: str) -> None:
        for _ in reader.compose_all(text) if kind == "safe" else reader.load_all(text):
            pass

    return compose


def _seconds(parse: Callable[[str], None], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        with contextlib.suppress(Exception):  # the generated repo holds broken files on purpose
            parse(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        generate(root, args.files)
        texts = [p.read_text("utf-8") for p in sorted(root.rglob("*.y*ml"))]
    readers = {
        "PyYAML libyaml compose (used)": _pyyaml,
        "ruamel.yaml C compose (typ=safe)": _ruamel("safe"),
        "ruamel.yaml round-trip (typ=rt)": _ruamel("rt"),
    }
    times: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(args.runs):
        for name, parse in readers.items():
            times[name].append(_seconds(parse, texts))
    base = statistics.median(times["PyYAML libyaml compose (used)"])
    print(f"| reader ({len(texts)} files) | files/s | time vs PyYAML |")
    print("| --- | ---: | ---: |")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"| {name} | {len(texts) / median:,.0f} | {median / base:.1f}x |")


if __name__ == "__main__":
    main()
