"""The pinned driver's private attributes the Neo4j store relies on
(`graphsvc.store.neo4j.driver_internals`). The store falls back silently when one is
gone (no socket to cut, BEGIN sent on its own), so a driver upgrade that drops or
renames one would lose the deadline's cut or a round trip a read without a sound: these
tests fail loudly instead, naming what broke."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import neo4j
import pytest
from neo4j import GraphDatabase

from graphsvc.store.neo4j.deadline import Watchdog
from graphsvc.store.neo4j.driver_internals import pipelined_begin, raw_socket
from tests.neo4j_fixture import Neo4jTarget

DRIVER = f"neo4j {neo4j.__version__}"


@pytest.fixture
def driver(neo4j_target: Neo4jTarget) -> Iterator[neo4j.Driver]:
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    opened = GraphDatabase.driver(neo4j_target.uri, auth=auth)
    yield opened
    opened.close()


def test_a_session_holding_a_connection_shows_its_socket(
    driver: neo4j.Driver, neo4j_target: Neo4jTarget
) -> None:
    with driver.session(database=neo4j_target.database) as session:
        assert raw_socket(session) is None  # no connection taken from the pool yet
        tx = session.begin_transaction()
        try:
            raw = raw_socket(session)
            assert raw is not None, (
                f"{DRIVER}: Session._connection.socket._socket is gone, so the deadline "
                "(graphsvc.store.neo4j.deadline) can no longer cut the connection of a "
                "Neo4j that never answers: find the socket in this driver version"
            )
            port = int(neo4j_target.uri.rsplit(":", 1)[1])
            assert raw.getpeername()[1] == port  # the session's own connection
        finally:
            tx.rollback()


def test_the_watchdog_cuts_the_socket_it_found(
    driver: neo4j.Driver, neo4j_target: Neo4jTarget
) -> None:
    """What the deadline does with that socket: shut down, the next read fails at once."""
    with driver.session(database=neo4j_target.database) as session:
        tx = session.begin_transaction()
        watchdog = Watchdog()
        watchdog.watch(session)
        raw = raw_socket(session)
        assert raw is not None
        watchdog.fire()
        with pytest.raises(Exception):  # noqa: B017 - the driver's own error on a dead socket
            tx.run("RETURN 1").consume()
        assert raw.recv(1, socket.MSG_DONTWAIT) == b""  # shut down: end of stream


def test_a_session_has_the_pipelined_begin_flag() -> None:
    # No I/O: a driver connects on first use, and the flag is set up with the session.
    with (
        GraphDatabase.driver("bolt://127.0.0.1:9") as driver,
        driver.session() as session,
    ):
        flag = pipelined_begin(session)
        assert not isinstance(flag, contextlib.nullcontext), (
            f"{DRIVER}: Session._pipelined_begin is gone, so every kept-answer and "
            "timeline read pays a round trip more (BEGIN on its own): find the driver's "
            "way to send BEGIN with the first statement in this version"
        )
        assert not session._pipelined_begin
        with flag:
            assert session._pipelined_begin  # what the session passes to its transaction
        assert not session._pipelined_begin
