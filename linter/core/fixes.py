"""Safe fixes a rule can attach to a finding (`Finding.fix`); `check --fix` applies them.

A rule builds a fix with pointers relative to its document view, like `report` pointers;
`Document.report` rebases them (`rebased`) so that a finding's fix holds absolute pointers
into its YAML document (an InstanceTypeList item's include `/items/N`).
"""

from __future__ import annotations

from typing import NamedTuple

from linter.core.span import Span


class ReplaceScalar(NamedTuple):
    """Replace the scalar at `pointer` with `new_text`, the exact YAML text of the new scalar
    including its quotes (`'"1"'` to quote, `"1"` to unquote, `"500Mi"`)."""

    pointer: str
    new_text: str
    description: str

    def rebased(self, base: str) -> ReplaceScalar:
        return self._replace(pointer=base + self.pointer)


class MoveEntry(NamedTuple):
    """Move the mapping entry at `source_pointer` (key and value) into the mapping at
    `target_mapping_pointer`, which must not hold that key; the mapping is created when absent."""

    source_pointer: str
    target_mapping_pointer: str
    description: str

    def rebased(self, base: str) -> MoveEntry:
        return self._replace(
            source_pointer=base + self.source_pointer,
            target_mapping_pointer=base + self.target_mapping_pointer,
        )


class ReplaceText(NamedTuple):
    """Replace the exact text `old` at `span` (file coordinates) with `new`: a fix in a
    Python file or notebook (a keyword's name, an import's module), where the text is code,
    not a scalar. It is applied only where the file still holds `old` there, and kept only
    when the result still parses."""

    span: Span
    old: str
    new: str
    description: str

    def rebased(self, base: str) -> ReplaceText:
        return self


Fix = ReplaceScalar | MoveEntry | ReplaceText
