"""`python -m linter` is the `amlarc-lint` command."""

from __future__ import annotations

import subprocess
import sys

from linter import __version__


def test_python_dash_m_linter_runs_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "linter", "rule", "AML302"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("# AML302 request-exceeds-limit\n")
    version = subprocess.run([sys.executable, "-m", "linter", "--version"],
                             capture_output=True, text=True, timeout=60, check=False)
    assert version.returncode == 0 and __version__ in version.stdout
