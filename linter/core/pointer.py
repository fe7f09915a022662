"""JSON pointers (RFC 6901): how rules name a place in a document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The reader builds a pointer for every node of every document: the common cases (no `~`
# or `/` in a key, one token at a time) take the short way.


def escape(token: str) -> str:
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def join(base: str, *tokens: str | int) -> str:
    if len(tokens) == 1:
        return f"{base}/{escape(str(tokens[0]))}"
    return base + "".join("/" + escape(str(token)) for token in tokens)


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    tokens = pointer[1:].split("/")
    return [unescape(token) for token in tokens] if "~" in pointer else tokens


def from_path(path: Iterable[str | int]) -> str:
    return join("", *path)


def parent(pointer: str) -> str:
    return pointer[: pointer.rfind("/")] if pointer else ""


def last(pointer: str) -> str:
    return unescape(pointer[pointer.rfind("/") + 1 :]) if pointer else ""


def resolve(data: Any, pointer: str, default: Any = None) -> Any:
    """The value at `pointer` in plain data (dicts and lists), or `default` when absent."""
    node = data
    for token in split(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node


def dotted(pointer: str) -> str:
    """`/spec/resources/limits/nvidia.com~1gpu` -> `spec.resources.limits.nvidia.com/gpu`."""
    return ".".join(split(pointer)) or "(document)"
