"""Neo4j killed in the middle of a large load, then started again, under a running app.

A separate Neo4j from tests/neo4j/ (its own port and a data folder that survives the
restart) serves an app built by `create_app`. While a 20,000-event POST /records is
inside its write transaction, Neo4j gets SIGKILL: the client gets a 503 with a retry
hint naming the URI, /ready says 503. Neo4j then starts again on the same port and
data, and the same app, never restarted, is ready again by itself, holds the example
records and none (or, had the commit gone through, all) of the big batch, and takes
new writes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fastapi.testclient import TestClient
from neo4j import exceptions as neo4j_errors

from bench.synthetic import batches
from graphsvc.api import create_app
from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from graphsvc.store.neo4j import Neo4jStore, writes
from graphsvc.views import Stats
from tests.conftest import EXAMPLES
from tests.neo4j_fixture import TEST_PASSWORD, _launcher
from tests.ports import free_port

BIG_EVENTS = 20_000
RECOVERY_TIMEOUT = 30.0
NDJSON = {"content-type": "application/x-ndjson"}


def _records(batch: GraphBatch) -> bytes:
    """A batch as JSON Lines records, as POST /records takes them."""
    lines = [
        orjson.dumps({"record": kind, **item.model_dump(mode="json", exclude_none=True)})
        for kind, items in (
            ("document", batch.documents),
            ("actor", batch.actors),
            ("event", batch.events),
        )
        for item in items
    ]
    return b"\n".join(lines)


class Neo4jProcess:
    """The launcher's server, started again on the same port and data folder at will."""

    def __init__(self, data_dir: Path) -> None:
        self.launcher = _launcher()
        self.port = free_port()
        self.data_dir = data_dir
        self.server: Any = None

    def start(self) -> float:
        began = time.monotonic()
        self.server = self.launcher.start(
            bolt_port=self.port, password=TEST_PASSWORD, data_dir=str(self.data_dir)
        )
        return time.monotonic() - began

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, the open transaction is simply gone."""
        self.server.process.kill()
        self.server.process.wait(timeout=30)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


@pytest.fixture
def neo4j_process(tmp_path: Path) -> Iterator[Neo4jProcess]:
    process = Neo4jProcess(tmp_path / "neo4j")
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def big_batch() -> GraphBatch:
    (batch,) = batches(BIG_EVENTS, BIG_EVENTS, actor_count=1000, document_count=100)
    return batch


def _counts(client: TestClient) -> dict[str, int]:
    response = client.get("/stats")
    assert response.status_code == 200, response.text
    return response.json()


def _assert_unavailable(response: httpx.Response, uri: str) -> dict[str, Any]:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["status"] == 503 and uri in body["detail"], body
    return body


def test_neo4j_killed_mid_load_then_restarted(
    neo4j_process: Neo4jProcess,
    big_batch: GraphBatch,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    first_start = neo4j_process.start()
    uri = neo4j_process.uri
    settings = Settings(
        backend="neo4j",
        neo4j_uri=uri,
        neo4j_password=TEST_PASSWORD,
        neo4j_max_retry_seconds=1,
        max_body_bytes=100_000_000,
        data_dir=tmp_path / "unused",
    )

    # Hold the big batch's transaction at its first event rows until Neo4j is dead, so the
    # kill lands inside the transaction (after the lock, the reads and the first writes).
    writing, killed = threading.Event(), threading.Event()
    run_batched = writes.run_batched

    def spy(tx: Any, name: str, rows: Sequence[dict[str, Any]]) -> None:
        # New events go through events/create, stored ones through events/write.
        events = name in ("events/create", "events/write")
        if events and len(rows) >= BIG_EVENTS and not writing.is_set():
            writing.set()
            killed.wait(timeout=60)
        run_batched(tx, name, rows)

    monkeypatch.setattr(writes, "run_batched", spy)

    with TestClient(create_app(settings)) as client:
        assert client.get("/ready").status_code == 200
        loaded = client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON)
        assert loaded.status_code == 200, loaded.text
        before = _counts(client)
        assert before["events"] == 12 and before["actors"] == 14

        body = _records(big_batch)
        answers: list[httpx.Response] = []
        poster = threading.Thread(
            target=lambda: answers.append(client.post("/records", content=body, headers=NDJSON))
        )
        poster.start()
        assert writing.wait(timeout=120), "the big batch never reached its writes"
        neo4j_process.kill()
        killed.set()
        began = time.monotonic()
        poster.join(timeout=60)
        assert not poster.is_alive()
        (answer,) = answers
        failed_after = time.monotonic() - began
        problem = _assert_unavailable(answer, uri)
        assert "nothing of the batch was written" in problem["detail"] or (
            "may or may not be written" in problem["detail"]
        ), problem["detail"]
        _assert_unavailable(client.get("/ready"), uri)
        _assert_unavailable(client.get("/stats"), uri)

        second_start = neo4j_process.start()
        began = time.monotonic()
        while (ready := client.get("/ready")).status_code != 200:
            assert time.monotonic() - began < RECOVERY_TIMEOUT, ready.text
            time.sleep(0.2)
        recovered_after = time.monotonic() - began

        after = _counts(client)
        big = {"documents": 100, "actors": 1000, "events": BIG_EVENTS}
        whole = {key: before[key] + big[key] for key in big}
        seen = {key: after[key] for key in big}
        assert seen in ({key: before[key] for key in big}, whole), (before, after)
        if seen == whole:
            assert after["participations"] == before["participations"] + 2 * BIG_EVENTS

        extra = {"record": "actor", "id": "person:after-restart", "name": "After", "kind": "person"}
        written = client.post("/records", content=orjson.dumps(extra), headers=NDJSON)
        assert written.status_code == 200, written.text
        assert written.json()["stats"]["actors"] == after["actors"] + 1

    print(
        f"\nNeo4j start {first_start:.1f} s, restart {second_start:.1f} s; "
        f"POST /records answered {answer.status_code} {failed_after:.1f} s after the kill "
        f"with Retry-After {answer.headers['retry-after']}: {problem['detail']!r}; "
        f"ready {recovered_after:.1f} s after the restart; "
        f"counts before {before}, after {after}"
    )


# -- every way the driver fails, through the API, without a Neo4j ---------------------------


def _server_error(code: str) -> neo4j_errors.Neo4jError:
    """A server error as the driver builds it from a FAILURE message."""
    return neo4j_errors.Neo4jError._hydrate_neo4j(code=code, message=f"failed: {code}")


UNAVAILABLE = {
    "service_unavailable": neo4j_errors.ServiceUnavailable("Couldn't connect"),
    "session_expired": neo4j_errors.SessionExpired("Failed to read from defunct connection"),
    "pool_timeout": neo4j_errors.ConnectionAcquisitionTimeoutError("no connection in 60 s"),
    "deadlock_after_retries": _server_error("Neo.TransientError.Transaction.DeadlockDetected"),
    "database_unavailable": _server_error("Neo.TransientError.General.DatabaseUnavailable"),
    "database_error": _server_error("Neo.DatabaseError.Transaction.TransactionCommitFailed"),
    "terminated": _server_error("Neo.ClientError.Transaction.Terminated"),
    "database_not_found": _server_error("Neo.ClientError.Database.DatabaseNotFound"),
    "broken_pipe": BrokenPipeError(32, "Broken pipe"),
    "connection_reset": ConnectionResetError(104, "Connection reset by peer"),
}


class _FailingSession:
    """A session whose transactions fail as given (None: writes and reads do nothing and
    find an empty graph's counts)."""

    def __init__(self, write: Exception | None, read: Exception | None) -> None:
        self.write, self.read = write, read

    def __enter__(self) -> _FailingSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def execute_write(self, work: Any) -> Any:
        if self.write is not None:
            raise self.write
        return dict.fromkeys(Stats.model_fields, 0)  # a batch's counts, read in its transaction

    def execute_read(self, work: Any) -> Any:
        if self.read is not None:
            raise self.read
        return [dict.fromkeys(Stats.model_fields, 0)]  # the one read that succeeds: stats


def _client_failing(
    monkeypatch: pytest.MonkeyPatch, write: Exception | None, read: Exception | None
) -> tuple[TestClient, str]:
    uri = f"bolt://127.0.0.1:{free_port()}"
    store = Neo4jStore(uri, "neo4j", TEST_PASSWORD, max_retry_seconds=0)
    store._schema_applied = True
    monkeypatch.setattr(store, "_session", lambda access: _FailingSession(write, read))
    settings = Settings(backend="neo4j", neo4j_uri=uri, neo4j_password=TEST_PASSWORD)
    return TestClient(create_app(settings, store=store), raise_server_exceptions=False), uri


@pytest.mark.parametrize("name", UNAVAILABLE)
def test_driver_failures_are_503_with_a_retry_hint(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    failure = UNAVAILABLE[name]
    client, uri = _client_failing(monkeypatch, write=failure, read=failure)
    with client:
        problem = _assert_unavailable(
            client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON), uri
        )
        assert "nothing of the batch was written" in problem["detail"]
        _assert_unavailable(client.get("/stats"), uri)
        _assert_unavailable(client.get("/timeline"), uri)


def test_an_incomplete_commit_says_the_outcome_is_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failure = neo4j_errors.IncompleteCommit("Connection lost during commit")
    client, uri = _client_failing(monkeypatch, write=failure, read=None)
    with client:
        problem = _assert_unavailable(
            client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON), uri
        )
        assert "may or may not be written" in problem["detail"]
        assert "loading it again is safe" in problem["detail"]


def test_neo4j_gone_right_after_the_commit_still_answers_the_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch's counts are read inside its own write transaction, so once it commits
    nothing more is asked of Neo4j: it may go away then and the batch is still answered."""
    failure = neo4j_errors.ServiceUnavailable("Couldn't connect")
    client, _ = _client_failing(monkeypatch, write=None, read=failure)
    with client:
        response = client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON)
        assert response.status_code == 200, response.text
        assert response.json()["stats"] == dict.fromkeys(Stats.model_fields, 0)


def test_a_bad_query_is_not_hidden_as_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Cypher syntax error is our bug, not Neo4j being away: 500, not 503."""
    failure = _server_error("Neo.ClientError.Statement.SyntaxError")
    client, _ = _client_failing(monkeypatch, write=failure, read=None)
    with client:
        response = client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON)
        assert response.status_code == 500, response.text
        assert "retry-after" not in response.headers
