"""Kubernetes name syntax (apimachinery `validation.IsDNS1123Subdomain`, `IsQualifiedName`,
`IsValidLabelValue`), with every broken constraint said in words for messages.

Each `*_problems` function returns () for a valid text, else clauses such as
`it contains uppercase letters` that a message joins with "; ".
"""

from __future__ import annotations

import re
import string

SUBDOMAIN_MAX = 253
LABEL_MAX = 63
_DNS_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_SUBDOMAIN = re.compile(rf"{_DNS_LABEL}(\.{_DNS_LABEL})*")
LABEL_TEXT = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")

_LABEL_PUNCTUATION = frozenset("-_.")
_SUBDOMAIN_CHARS = frozenset(string.ascii_lowercase + string.digits + "-.")
_LABEL_CHARS = frozenset(string.ascii_letters + string.digits + "-_.")


def subdomain_problems(name: str, subject: str = "it") -> tuple[str, ...]:
    """Why `name` is not a DNS-1123 subdomain: lowercase a-z, 0-9, '-' and '.', each
    dot-separated part starting and ending with a letter or digit, at most 253 characters."""
    if DNS1123_SUBDOMAIN.fullmatch(name) and len(name) <= SUBDOMAIN_MAX:
        return ()
    if not name:
        return (f"{subject} is empty",)
    problems = []
    if len(name) > SUBDOMAIN_MAX:
        problems.append(f"{subject} is {len(name)} characters long (at most {SUBDOMAIN_MAX})")
    if any(char in string.ascii_uppercase for char in name):
        problems.append(f"{subject} contains uppercase letters")
    other = _other_characters(name, _SUBDOMAIN_CHARS | set(string.ascii_uppercase))
    if other:
        problems.append(f"{subject} contains {other}")
    parts = name.split(".")
    if any(not part for part in parts):
        problems.append(f'{subject} has an empty part between dots (or starts or ends with ".")')
    elif any(part.startswith("-") or part.endswith("-") for part in parts):
        ends = "both ends of each part between dots" if len(parts) > 1 else "both ends"
        problems.append(f"{subject} must have a letter or digit at {ends}, not \"-\"")
    return tuple(problems)


def suggest_subdomain(name: str) -> str | None:
    """A valid DNS-1123 subdomain close to `name` ("GPU_Large" -> "gpu-large"), or None."""
    lowered = "".join(c if c in _SUBDOMAIN_CHARS else "-" for c in name.lower())
    parts = [part.strip("-") for part in lowered.split(".")]
    candidate = ".".join(part for part in parts if part)[:SUBDOMAIN_MAX].rstrip("-.")
    return candidate if candidate and not subdomain_problems(candidate) else None


def label_key_problems(key: str) -> tuple[str, ...]:
    """Why `key` is not a label key: an optional DNS-1123 subdomain prefix and "/", then a
    name of at most 63 letters, digits, '-', '_' and '.', starting and ending alphanumeric."""
    parts = key.split("/")
    if len(parts) > 2:
        return ('it has more than one "/"',)
    problems: list[str] = []
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            problems.append('the prefix before "/" is empty')
        else:
            problems += subdomain_problems(prefix, "the prefix")
    problems += _label_text_problems(parts[-1], "the name", allow_empty=False)
    return tuple(problems)


def label_value_problems(value: str) -> tuple[str, ...]:
    """Why `value` is not a label value: empty, or at most 63 letters, digits, '-', '_' and
    '.', starting and ending with a letter or digit."""
    return tuple(_label_text_problems(value, "it", allow_empty=True))


def _label_text_problems(text: str, subject: str, *, allow_empty: bool) -> list[str]:
    if not text:
        return [] if allow_empty else [f"{subject} is empty"]
    if LABEL_TEXT.fullmatch(text) and len(text) <= LABEL_MAX:
        return []
    problems = []
    if len(text) > LABEL_MAX:
        problems.append(f"{subject} is {len(text)} characters long (at most {LABEL_MAX})")
    other = _other_characters(text, _LABEL_CHARS)
    if other:
        problems.append(f"{subject} contains {other}")
    if text[0] in _LABEL_PUNCTUATION or text[-1] in _LABEL_PUNCTUATION:
        problems.append(f"{subject} must start and end with a letter or digit")
    return problems


def _other_characters(text: str, allowed: frozenset[str]) -> str:
    """The characters of `text` outside `allowed`, for messages: `"_" and " "`."""
    found = sorted({char for char in text if char not in allowed})
    shown = [f'"{char}"' if char.isprintable() else f"U+{ord(char):04X}" for char in found]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else "".join(shown)
