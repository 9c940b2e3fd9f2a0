"""The attack suite of issue 12: every payload in every disguise, sent to POST /cypher on
a real Neo4j (and on the embedded store). None may answer with rows, reach a file or a
URL, or change anything: the graph, the schema, the users, another client's transaction.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase

from graphsvc.api import create_app
from graphsvc.errors import CypherRefused, InvalidCypher
from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from tests.contract.backends import open_backend
from tests.security.payloads import PAYLOADS, attempts

API_KEY = "attack-suite-key"


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that counts the requests Neo4j was made to send it."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n1,2\n")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()


def _attack(client: TestClient, attempts_: list[tuple[str, str]]) -> dict[str, int]:
    """Send every attempt; return those that got anything but a 4xx without rows."""
    let_through: dict[str, int] = {}
    headers = {"Authorization": f"Bearer {API_KEY}"}
    for name, query in attempts_:
        response = client.post("/cypher", json={"query": query, "timeout": 2}, headers=headers)
        if not (400 <= response.status_code < 500) or "rows" in response.json():
            let_through[name] = response.status_code
    return let_through


def test_the_suite_is_large_enough(listener: tuple[str, list[str]]) -> None:
    assert len(PAYLOADS) >= 20
    assert len(attempts(listener[0])) >= 20 * 30


def test_no_attempt_gets_through_on_neo4j(
    neo4j_target, example_batch: GraphBatch, tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    from tests.neo4j_fixture import wipe

    wipe(neo4j_target)
    store = open_backend("neo4j", tmp_path, neo4j_target)
    store.write_batch(example_batch)
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    admin = GraphDatabase.driver(neo4j_target.uri, auth=auth)

    def outside_state() -> dict[str, object]:
        with admin.session(database=neo4j_target.database) as session:
            labels = sorted(r["label"] for r in session.run("CALL db.labels()"))
            keys = sorted(r["propertyKey"] for r in session.run("CALL db.propertyKeys()"))
            constraints = sorted(r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name"))
        with admin.session(database="system") as session:
            users = sorted(r["user"] for r in session.run("SHOW USERS YIELD user"))
        return {"labels": labels, "keys": keys, "constraints": constraints, "users": users}

    before = (store.stats(), outside_state())
    # Another client's open transaction, which TERMINATE TRANSACTIONS must not end.
    victim_session = admin.session(database=neo4j_target.database)
    victim = victim_session.begin_transaction()
    victim.run("MATCH (a:Actor) RETURN count(a)").consume()
    settings = Settings(data_dir=tmp_path, api_key=API_KEY, cypher_timeout_seconds=5.0)
    tried = attempts(listener[0])
    try:
        with TestClient(create_app(settings, store=store)) as client:
            let_through = _attack(client, tried)
        assert victim.run("RETURN 1 AS alive").single()["alive"] == 1
        victim.commit()
        assert let_through == {}, f"{len(let_through)} of {len(tried)} got through"
        assert listener[1] == [], "Neo4j fetched a URL for a query"
        assert (store.stats(), outside_state()) == before
    finally:
        victim_session.close()
        admin.close()
        store.close()


def test_no_attempt_gets_through_on_embedded(
    example_batch: GraphBatch, tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    store: GraphStore = open_backend("embedded", tmp_path)
    store.write_batch(example_batch)
    before = store.stats()
    settings = Settings(data_dir=tmp_path, api_key=API_KEY, cypher_timeout_seconds=5.0)
    tried = attempts(listener[0])
    with TestClient(create_app(settings, store=store)) as client:
        let_through = _attack(client, tried)
    assert let_through == {}, f"{len(let_through)} of {len(tried)} got through"
    assert store.stats() == before
    store.close()


def test_neo4j_plan_alone_refuses_every_attempt(
    neo4j_target, example_batch: GraphBatch, tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    """The planner decides, not the token guard: with the guard skipped (the store called
    directly), every attempt is still refused before it runs."""
    from tests.neo4j_fixture import wipe

    wipe(neo4j_target)
    store = open_backend("neo4j", tmp_path, neo4j_target)
    store.write_batch(example_batch)
    before = store.stats()
    ran: list[str] = []
    try:
        for name, query in attempts(listener[0]):
            try:
                store.run_cypher(query, {}, timeout=2.0, row_limit=10)
            except (CypherRefused, InvalidCypher):
                continue
            ran.append(name)
        assert ran == [], f"{len(ran)} attempts ran: {ran[:10]}"
        assert listener[1] == []
        assert store.stats() == before
    finally:
        store.close()
