"""Finding 2 of issue 12, its general form: a Neo4j that never answers must not hang
the API. Every call has a wall-clock bound; past it the connection is cut and the
client gets 503 (or 408 for POST /cypher), and the server still stops on SIGTERM."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx2
import pytest

from graphsvc.errors import QueryTimeout, StoreUnavailable
from graphsvc.model import GraphBatch
from graphsvc.store.base import TimelineQuery
from graphsvc.store.neo4j import Neo4jStore
from tests.e2e.server import running_server, server_env
from tests.neo4j_fixture import Neo4jTarget, wipe
from tests.security.freezing_proxy import FreezingProxy


@pytest.fixture
def proxy(neo4j_target: Neo4jTarget) -> Iterator[FreezingProxy]:
    address = urlparse(neo4j_target.uri)
    proxy = FreezingProxy(address.hostname or "127.0.0.1", address.port or 7687)
    yield proxy
    proxy.close()


def _store(proxy: FreezingProxy, target: Neo4jTarget) -> Neo4jStore:
    return Neo4jStore(
        proxy.uri, target.user, target.password, target.database, query_timeout_seconds=1.0
    )


def test_a_silent_neo4j_gets_503_and_408_within_the_bound(
    proxy: FreezingProxy, neo4j_target: Neo4jTarget, example_batch: GraphBatch
) -> None:
    wipe(neo4j_target)
    store = _store(proxy, neo4j_target)
    try:
        store.write_batch(example_batch)
        proxy.frozen.set()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="did not answer"):
            store.timeline(TimelineQuery(limit=5))
        assert time.monotonic() - started < 1.0 + 1.0 + 0.5  # timeout + grace + slack
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="did not answer"):
            store.run_cypher("MATCH (a:Actor) RETURN a.id", {}, timeout=1.0, row_limit=5)
        assert time.monotonic() - started < 1.0 + 0.5 + 0.5
        proxy.frozen.clear()
        assert _eventually(lambda: store.timeline(TimelineQuery(limit=5)).count > 0)
    finally:
        proxy.frozen.clear()
        store.close()


def test_the_server_answers_and_stops_on_sigterm_while_neo4j_is_silent(
    proxy: FreezingProxy, neo4j_target: Neo4jTarget, example_batch: GraphBatch, tmp_path: Path
) -> None:
    wipe(neo4j_target)
    env = server_env(
        GRAPHSVC_BACKEND="neo4j",
        NEO4J_URI=proxy.uri,
        NEO4J_USER=neo4j_target.user,
        NEO4J_PASSWORD=neo4j_target.password or "",
        GRAPHSVC_QUERY_TIMEOUT_SECONDS="1",
        GRAPHSVC_SHUTDOWN_SECONDS="2",
        GRAPHSVC_DATA_DIR=str(tmp_path / "data"),
    )
    with running_server(env, tmp_path / "server.log") as (base, process):
        assert httpx2.get(f"{base}/stats", timeout=10).status_code == 200
        proxy.frozen.set()
        statuses: list[int] = []

        def ask() -> None:
            statuses.append(httpx2.get(f"{base}/timeline", timeout=30).status_code)

        started = time.monotonic()
        askers = [threading.Thread(target=ask) for _ in range(8)]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join()
        assert statuses == [503] * 8
        assert time.monotonic() - started < 8  # each within its 2 s bound, 2 at a time
        assert httpx2.get(f"{base}/health", timeout=5).status_code == 200
        hanging = threading.Thread(target=lambda: _ignore(httpx2.get, f"{base}/stats"))
        hanging.start()
        time.sleep(0.2)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        assert time.monotonic() - started < 5
        hanging.join()


def _ignore(call, *args) -> None:
    with contextlib.suppress(httpx2.HTTPError):
        call(*args, timeout=30)


def _eventually(check, seconds: float = 15.0) -> bool:
    """True once `check()` is (Neo4j answers again once the network is back)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return True
        except (StoreUnavailable, QueryTimeout):
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)
