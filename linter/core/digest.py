"""A file's content digest, and how recent a change must be for its stamp not to be trusted."""

from __future__ import annotations

import hashlib

# A file changed this recently may change again within the same mtime tick (coarse on some
# file systems): its stamp is not trusted, its content hash is checked instead.
RACY_NS = 2_000_000_000


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
