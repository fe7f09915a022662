"""Git in a temporary repository, with an identity of its own (no user config needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    done = subprocess.run(["git", *identity, *args], cwd=root, check=True,
                          capture_output=True, text=True, timeout=60)
    return done.stdout
