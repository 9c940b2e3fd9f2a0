"""The only place the Neo4j store touches private attributes of the pinned driver.

Two things the driver has no public way to do: cut the socket under a session another
thread is blocked reading (`graphsvc.store.neo4j.deadline`), and send BEGIN with the
first statement of a managed read transaction, as the driver's own `execute_query`
does (one round trip fewer a read). Each falls back to doing without when the attribute
is gone, so a driver upgrade would silently lose the bound or the round trip:
tests/graphsvc/store/neo4j/test_driver_internals.py fails loudly instead.
"""

from __future__ import annotations

import contextlib
import socket
from contextlib import AbstractContextManager
from typing import Any


def raw_socket(holder: Any) -> socket.socket | None:
    """The OS socket under a driver session (or transaction) holding a connection:
    `holder._connection.socket._socket`; None when it has none (or the driver changed)."""
    connection = getattr(holder, "_connection", None)
    raw = getattr(getattr(connection, "socket", None), "_socket", None)
    return raw if isinstance(raw, socket.socket) else None


def pipelined_begin(session: Any) -> AbstractContextManager[Any]:
    """The session's flag (`_pipelined_begin`, neo4j 5 and 6) that sends a managed
    transaction's BEGIN with its first statement; a driver without it, or a test's
    stand-in session, sends BEGIN on its own."""
    pipelined = getattr(session, "_pipelined_begin", None)
    return pipelined if pipelined is not None else contextlib.nullcontext()
