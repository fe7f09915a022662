"""A file's content digest: 128-bit BLAKE2b, hex."""

from __future__ import annotations

from linter.core.digest import RACY_NS, content_digest


def test_the_digest_is_blake2b_of_16_bytes_in_hex() -> None:
    assert content_digest(b"") == "cae66941d9efbd404e4d88758ea67670"
    assert content_digest(b"kind: InstanceType\n") == "3213a04e78e99361e593a3148a6a09e7"


def test_one_changed_byte_changes_the_digest() -> None:
    assert content_digest(b"cpu: 1\n") != content_digest(b"cpu: 2\n")
    assert content_digest(b"cpu: 1\n") != content_digest(b"cpu: 1\r\n")


def test_a_stamp_younger_than_two_seconds_is_not_trusted() -> None:
    assert RACY_NS == 2 * 10**9
