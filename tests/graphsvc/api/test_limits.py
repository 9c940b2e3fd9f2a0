"""Every limit is a setting, and going past it gets a problem+json 4xx naming it."""

from __future__ import annotations

import orjson
from fastapi.testclient import TestClient

from graphsvc.api.limits import json_depth
from tests.conftest import EXAMPLES
from tests.graphsvc.conftest import MakeClient


def _problem(response, status: int, setting: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert setting in response.json()["detail"]


def test_json_depth_is_measured_outside_strings() -> None:
    assert json_depth(b'{"a": [1, {"b": "[[[[{{{"}]}') == 3
    assert json_depth(b'{"a": 1}\n{"b": [2]}\n') == 2
    assert json_depth(b'"\\"[["') == 0


def test_body_size(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1000)
    _problem(client.post("/records", content=b" " * 1001), 413, "GRAPHSVC_MAX_BODY_BYTES")


def test_json_nesting_depth(make_client: MakeClient) -> None:
    client = make_client(max_json_depth=8)
    deep = {"query": "MATCH (a) RETURN a", "params": {"x": [[[[[[[[1]]]]]]]]}}
    _problem(client.post("/cypher", json=deep), 422, "GRAPHSVC_MAX_JSON_DEPTH")
    nested_line = b'{"record": "actor", "name": "A", "kind": "person", "x": ' + b"[" * 9
    nested_line += b"]" * 9 + b"}\n"
    _problem(client.post("/records", content=nested_line), 422, "GRAPHSVC_MAX_JSON_DEPTH")
    shallow = {"query": "MATCH (a) RETURN a", "params": {"x": [1]}}
    assert client.post("/cypher", json=shallow).status_code == 200


def test_records_per_request(make_client: MakeClient) -> None:
    client = make_client(max_records_per_request=10)
    before = client.get("/stats").json()
    _problem(
        client.post("/records", content=EXAMPLES.read_bytes()),
        413,
        "GRAPHSVC_MAX_RECORDS_PER_REQUEST",
    )
    assert client.get("/stats").json() == before
    few = b"".join(
        orjson.dumps({"record": "actor", "name": f"Actor {i}", "kind": "person"}) + b"\n"
        for i in range(10)
    )
    assert client.post("/records", content=few).status_code == 200


def test_page_size_and_hops(make_client: MakeClient) -> None:
    client = make_client(max_page_size=50, max_hops=3)
    for path in ("/timeline", "/actors", "/actors/person:x/relations"):
        _problem(client.get(path, params={"limit": 51}), 422, "GRAPHSVC_MAX_PAGE_SIZE")
    assert client.get("/timeline", params={"limit": 50}).status_code == 200
    paths = {"source": "person:a", "target": "person:b", "max_hops": 4}
    _problem(client.get("/paths", params=paths), 422, "GRAPHSVC_MAX_HOPS")
    # The hard ceilings hold whatever the settings say.
    _problem(client.get("/timeline", params={"limit": 1001}), 422, "limit")


def test_cypher_row_limit_and_timeout_ceilings(make_client: MakeClient) -> None:
    # Memory high enough that the 1 s timeout, not the child's memory ceiling, ends the
    # cartesian product below (both stop it; which comes first depended on the machine).
    client: TestClient = make_client(
        cypher_row_limit=2, cypher_timeout_seconds=1.0, cypher_child_memory_mb=8192
    )
    client.post("/records", content=EXAMPLES.read_bytes())
    body = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id", "limit": 500})
    assert body.json()["row_limit"] == 2 and len(body.json()["rows"]) == 2
    slow = "MATCH (a) MATCH (b) MATCH (c) MATCH (d) MATCH (e) RETURN a.id, b.id, c.id"
    timed_out = client.post("/cypher", json={"query": slow, "timeout": 60})
    _problem(timed_out, 408, "1 s timeout (GRAPHSVC_CYPHER_TIMEOUT_SECONDS)")
