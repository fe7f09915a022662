"""Shared test setup: the network is off for every test, and `--update-expected`."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite the .expected files of the rule fixtures from the current output",
    )
    parser.addoption(
        "--long-fuzz",
        action="store_true",
        help="run the property-based fuzz tests with many more examples",
    )


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to open an internet socket fails loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkBlocked("network access attempted during a test")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def guarded_connect(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def guarded_sendto(self: socket.socket, *args: object) -> object:  # UDP needs no connect
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse()
        return real_sendto(self, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", guarded_sendto)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield
