"""Loopback ports for tests, benchmarks and scripts that start servers: one helper, so
every caller picks ports the same way."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick). Another process may take it
    before the caller binds it; on a test machine that is rare enough to live with."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@contextmanager
def taken_port() -> Iterator[int]:
    """A port held by a listening socket for as long as the block runs: a server told to
    use it must say it is taken."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        sock.listen()
        yield int(sock.getsockname()[1])
