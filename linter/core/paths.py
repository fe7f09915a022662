"""Plain path helpers every stage shares."""

from __future__ import annotations

import os
from pathlib import Path


def relative(root: Path, path: Path) -> str:
    return Path(os.path.relpath(path.absolute(), root)).as_posix()
