"""The `amlarc-lint` program (`python -m linter` too): what only a process of its own may
do, then the command line.

A run is a process that exits when done, so the cyclic garbage collector stays off (what a
run allocates goes by reference counting; a commit-time run on a 10,000-file repository
takes 8% less time: 303 -> 278 ms); the language server, which lives on, turns it back on.
And `check` begins `git ls-files` before the slow imports (click's and ours), so that git
lists the repository on another core meanwhile instead of being waited for; with the facts
cache, a child interpreter of its own runs git and stats every file listed, which a
commit-time run would do itself after its imports (`linter.discovery.file_stats`,
`linter.discovery.git_listing.stamps`)."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    gc.disable()
    if _lists_early(sys.argv[1:]):
        from linter.discovery import git_listing

        git_listing.start(os.curdir, with_stamps="--no-cache" not in sys.argv)
    from linter.cli.app import main as command_line

    command_line()


def _lists_early(arguments: list[str]) -> bool:
    """`check`, except the hook given no file (`check --staged`), which most often stops
    after one `git diff`: a commit that touches no YAML file."""
    if arguments[:1] != ["check"]:
        return False
    return "--staged" not in arguments or any(not arg.startswith("-") for arg in arguments[1:])
