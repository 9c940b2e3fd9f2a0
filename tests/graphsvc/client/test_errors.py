"""Error answers as exceptions carrying the problem's fields, each from a real answer of
the real server where one can be had; transport failures name the URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from graphsvc.client import (
    BadRequest,
    Client,
    ConnectionFailed,
    Forbidden,
    GraphsvcError,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    ServerError,
    Unauthorized,
    Unavailable,
    ValidationFailed,
)
from graphsvc.client.errors import retry_after
from tests.conftest import EXAMPLES
from tests.graphsvc.client.conftest import StartServer, serving
from tests.ports import free_port

WRITE_KEY = "write-key-s3cret"
READ_KEY = "read-key-s3cret"


@pytest.mark.e2e
def test_unknown_actor_is_not_found(graph: Client) -> None:
    with pytest.raises(NotFound) as caught:
        graph.actor("person:nobody")
    error = caught.value
    assert error.status == 404 and error.title == "Not found"
    assert "person:nobody" in error.detail and error.instance == "/actors/person:nobody"
    assert error.type == "about:blank"
    assert error.request_id and len(error.request_id) >= 16
    assert error.retry_after is None
    assert "404 Not found" in str(error) and error.request_id in str(error)
    with pytest.raises(NotFound):
        list(graph.export_stream("person:nobody", "ics"))  # before any chunk
    with pytest.raises(NotFound):
        graph.event("event:nothing-like-it")


@pytest.mark.e2e
def test_a_bad_date_is_a_validation_error_naming_the_field(graph: Client) -> None:
    with pytest.raises(ValidationFailed) as caught:
        graph.timeline(actor="person:vladimir-putin", since="the day after never")
    error = caught.value
    assert error.status == 422 and isinstance(error, BadRequest)
    assert error.errors[0]["field"] == "query parameter since"
    with pytest.raises(ValidationFailed, match=r"since .* is after until"):
        graph.timeline(since="2016", until="2015")
    with pytest.raises(ValidationFailed):
        graph.timeline(type="not-a-type")


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store with small limits, that refuses every write of these tests."""
    limits = {"GRAPHSVC_MAX_RECORDS_PER_REQUEST": "5", "GRAPHSVC_MAX_BODY_BYTES": "20000"}
    with serving(tmp_path_factory.mktemp("client-empty"), load=False, **limits) as base:
        yield base


@pytest.mark.e2e
def test_bad_records_name_their_line(empty_server: str) -> None:
    good = {"record": "actor", "id": "person:jane-roe", "name": "Jane Roe", "kind": "person"}
    with Client(empty_server) as graph:
        with pytest.raises(ValidationFailed) as caught:
            graph.post_records([good, {"record": "actor", "kind": "person"}])
        assert caught.value.errors[0]["line"] == 2
        assert graph.stats().actors == 0  # all or nothing


@pytest.mark.e2e
def test_a_write_query_is_a_bad_request(graph: Client) -> None:
    with pytest.raises(BadRequest) as caught:
        graph.cypher("MATCH (n) DETACH DELETE n")
    assert caught.value.status == 400 and not isinstance(caught.value, ValidationFailed)
    assert graph.stats().actors == 14


@pytest.mark.e2e
def test_keys_missing_wrong_and_from_the_environment(
    start_server: StartServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = {"GRAPHSVC_API_KEY": WRITE_KEY, "GRAPHSVC_READ_KEY": READ_KEY}
    with start_server(**keys) as base:
        with Client(base) as anonymous:
            assert anonymous.health().status == "ok"  # open to all
            with pytest.raises(Unauthorized) as caught:
                anonymous.stats()
            assert caught.value.status == 401 and "read key" in caught.value.detail
        with Client(base, api_key="not-the-key") as wrong, pytest.raises(Forbidden) as refused:
            wrong.timeline()
        assert refused.value.status == 403
        assert "not-the-key" not in f"{refused.value} {refused.value!r} {wrong!r}"

        monkeypatch.setenv("GRAPHSVC_URL", base)
        monkeypatch.setenv("GRAPHSVC_READ_KEY", READ_KEY)
        with Client() as reader:  # URL and key from the environment
            assert reader.base_url == base
            assert repr(reader) == f"Client(base_url={base!r}, key=set)"
            assert READ_KEY not in repr(reader)
            assert reader.stats().actors == 14
            with pytest.raises(Forbidden) as caught_write:
                reader.post_records(EXAMPLES)
            assert READ_KEY not in str(caught_write.value)
        monkeypatch.setenv("GRAPHSVC_API_KEY", WRITE_KEY)  # preferred over the read key
        with Client() as writer:
            assert writer.post_records(EXAMPLES).stats.actors == 14
            assert writer.timeline().count > 0  # the API key reads too
        # The argument beats the environment.
        with Client(api_key=READ_KEY) as given, pytest.raises(Forbidden):
            given.merge_actor("person:igor-sergun", into="person:vladimir-putin")


@pytest.mark.e2e
def test_too_many_records_and_too_big_a_body(empty_server: str) -> None:
    with Client(empty_server) as graph:
        with pytest.raises(PayloadTooLarge) as caught:
            graph.post_records(EXAMPLES)  # 32 records, 13 kB
        assert caught.value.status == 413
        assert "GRAPHSVC_MAX_RECORDS_PER_REQUEST" in caught.value.detail
        with pytest.raises(PayloadTooLarge, match="GRAPHSVC_MAX_BODY_BYTES"):
            graph.post_records(EXAMPLES.read_bytes() * 2)
        assert graph.stats().events == 0


@pytest.mark.e2e
def test_a_store_away_is_unavailable_with_retry_after(start_server: StartServer) -> None:
    away = {
        "GRAPHSVC_BACKEND": "neo4j",
        "GRAPHSVC_NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
        "GRAPHSVC_NEO4J_MAX_RETRY_SECONDS": "0",
    }
    with start_server(load=False, **away) as base, Client(base) as graph:
        assert graph.health().status == "ok"
        with pytest.raises(Unavailable) as caught:
            graph.ready()
        error = caught.value
        assert error.status == 503 and isinstance(error, ServerError)
        assert error.retry_after == 5 and "Neo4j" in error.detail


def test_nothing_listening_is_a_connection_failure_naming_the_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with Client(url) as graph, pytest.raises(ConnectionFailed) as caught:
        graph.stats()
    assert caught.value.status is None and isinstance(caught.value, GraphsvcError)
    assert str(caught.value).startswith(f"could not reach {url}/stats: ")
    with Client(url) as graph, pytest.raises(ConnectionFailed):
        graph.export(None, "json", tmp_path / "never-written.json")
    assert not list(tmp_path.iterdir())


def _answer(status: int, body: bytes, headers: dict[str, str]) -> httpx2.MockTransport:
    return httpx2.MockTransport(
        lambda request: httpx2.Response(status, content=body, headers=headers)
    )


def test_too_many_queries_is_rate_limited() -> None:
    """429 comes from POST /cypher's slots all busy: hard to time against the real
    server, so the answer it gives (`TooManyRequests`) is played back."""
    problem = {"type": "about:blank", "title": "Too many requests", "status": 429,
               "detail": "4 Cypher queries are running", "instance": "/cypher"}  # fmt: skip
    headers = {"Content-Type": "application/problem+json", "Retry-After": "1",
               "X-Request-ID": "abc123"}  # fmt: skip
    transport = _answer(429, json.dumps(problem).encode(), headers)
    client = Client("http://graphsvc.test", transport=transport)
    with client as graph, pytest.raises(RateLimited) as caught:
        graph.cypher("MATCH (n) RETURN n")
    assert (caught.value.retry_after, caught.value.request_id) == (1, "abc123")


def test_an_answer_that_is_not_a_problem_still_says_what_it_is() -> None:
    """A proxy in front of the server may answer HTML."""
    transport = _answer(502, b"<html>Bad Gateway</html>", {"Content-Type": "text/html"})
    client = Client("http://graphsvc.test", transport=transport)
    with client as graph, pytest.raises(ServerError) as caught:
        graph.health()
    assert caught.value.status == 502 and "Bad Gateway" in caught.value.detail


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("5") == 5 and retry_after(None) is None and retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past: now
