"""What a commit takes away: the instance types that HEAD's version of the staged files
defines (`check --staged`, the pre-commit hook).

pre-commit passes the staged files that still exist; a deleted file is passed to no hook,
and a file's old content is nowhere in the working tree. So the index is compared with
HEAD (`git diff --cached`), and each deleted or modified file that the config's `include`
takes in is read as committed (`git cat-file --batch`, one process for all of them). Only
files whose committed bytes may hold an amlarc.azureml.com document are parsed. The engine
then keeps the definitions whose name the working tree no longer defines in that scope:
each unstaged workload still using one gets AML401, with a related location at the name
in the committed file ("defined here before this commit"). A commit that deletes or
modifies no YAML file costs one `git diff`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from linter.config.globs import glob_selector

if TYPE_CHECKING:  # the hook's first question (`may_remove`) imports nothing heavy
    from linter.config.settings import Settings
    from linter.project.context import InstanceTypeDef

_TIMEOUT_S = 60
_AMLARC = b"azureml.com"  # in every amlarc.azureml.com document, whatever the case of the rest


def staged_changes(directory: Path) -> list[str] | None:
    """The paths (relative to the checkout) that the index deletes or modifies, compared with
    HEAD; None outside a git checkout or before the first commit."""
    command = ("git", "diff", "--cached", "--name-status", "--no-renames", "-z", "HEAD", "--")
    output = _git(directory, command)
    if output is None:
        return None
    fields = output.decode("utf-8", "surrogateescape").split("\0")
    return [path for status, path in zip(fields[::2], fields[1::2], strict=False)
            if status in ("D", "M", "T")]


def may_remove(directory: str) -> bool:
    """Whether the index deletes or modifies a YAML file (`.yaml`/`.yml` in its name, as the
    hook's `types_or: [yaml]` takes in): else a hook run with no staged file has nothing to
    check, and stops before loading anything."""
    changed = staged_changes(Path(directory))
    return bool(changed) and any(".yaml" in p or ".yml" in p for p in changed)


def removed_definitions(settings: Settings) -> list[InstanceTypeDef]:
    """The instance types that HEAD's version of the deleted or modified files defines (the
    engine keeps those the working tree no longer has)."""
    changed = staged_changes(settings.root)
    if not changed:
        return []
    wanted = glob_selector(settings.include, True)(changed)
    excluded = set(glob_selector(settings.exclude)(wanted))
    paths = [path for path in wanted if path not in excluded]
    if not paths:
        return []
    return [
        definition
        for path, data in _committed(settings.root, paths)
        if _AMLARC in data.lower()
        for definition in _definitions(path, data)
    ]


def _definitions(path: str, data: bytes) -> tuple[InstanceTypeDef, ...]:
    from linter.engine.check_file import check_yaml_file

    outcome = check_yaml_file(path, data, (), None, definitions=True, file_problems=False)
    return outcome.facts.definitions


def _committed(root: Path, paths: list[str]) -> list[tuple[str, bytes]]:
    """Each path's content in HEAD (paths HEAD does not have are left out)."""
    request = "".join(f"HEAD:{path}\n" for path in paths).encode("utf-8", "surrogateescape")
    output = _git(root, ("git", "cat-file", "--batch"), request)
    if output is None:
        return []
    found: list[tuple[str, bytes]] = []
    at = 0
    for path in paths:
        end = output.find(b"\n", at)
        if end == -1:
            break
        header = output[at:end].split(b" ")
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "HEAD:x missing"
            continue
        size = int(header[2])
        found.append((path, output[at : at + size]))
        at += size + 1
    return found


def _git(directory: Path, command: tuple[str, ...], stdin: bytes = b"") -> bytes | None:
    try:
        done = subprocess.run(
            command, cwd=directory, input=stdin, capture_output=True, timeout=_TIMEOUT_S
        )
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
