"""A commit-time run imports only what it uses: Python `jsonschema` only when a document
fails the fast check, never ruamel.yaml (not used at all), multiprocessing (large runs only),
pickle (runs with a helper process) or tomllib (projects with a config)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

VALID = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: small
spec:
  resources:
    requests: {cpu: "1", memory: "1Gi"}
    limits: {cpu: "1", memory: "1Gi"}
"""
HEAVY = ("jsonschema", "ruamel.yaml", "multiprocessing", "pickle", "tomllib")
# Runs the command line in a fresh interpreter, then lists which of HEAVY it imported.
PROBE = f"""
import sys
from linter.cli.app import main
try:
    main(["check", "--no-cache", *sys.argv[1:]])
except SystemExit:
    pass
print(",".join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)
"""


def imported(folder: Path, *paths: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *paths], cwd=folder, capture_output=True, text=True,
        timeout=60, check=True,
    )
    last_line = done.stderr.rstrip("\n").rpartition("\n")[2]
    return [name for name in last_line.split(",") if name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(VALID, []), (VALID.replace("spec:", "spec:\n  limits: {}"), ["jsonschema"])],
    ids=["valid", "fails-the-schema"],
)
def test_heavy_modules_are_imported_only_when_needed(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    (tmp_path / "types.yaml").write_text(text, encoding="utf-8")
    assert imported(tmp_path, "types.yaml") == expected


def test_a_config_is_read_with_tomllib(tmp_path: Path) -> None:
    (tmp_path / "types.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "amlarc-lint.toml").write_text('ignore = ["AML204"]\n', encoding="utf-8")
    assert imported(tmp_path, "types.yaml") == ["tomllib"]
