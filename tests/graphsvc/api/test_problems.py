"""Every 4xx is RFC 9457 problem+json with a detail that says what is wrong."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["type"] == "about:blank"
    for word in words:
        assert word in body["detail"], body["detail"]
    return body


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/actors/person:nobody", 404, ("person:nobody",)),
        ("/actors/person:nobody/relations", 404, ("person:nobody",)),
        ("/timeline?actor=person:nobody", 404, ("person:nobody",)),
        ("/paths?source=person:nobody&target=person:vladimir-putin", 404, ("person:nobody",)),
        ("/no/such/route", 404, ("/no/such/route",)),
        ("/timeline?since=2016&until=2015", 422, ("since", "after until")),
        ("/timeline?since=2015-9", 422, ("since", "YYYY-MM")),
        ("/timeline?until=2015-02-30", 422, ("until", "day must be")),
        ("/actors/person:bashar-al-assad/relations?since=2016-01&until=2015-12", 422, ("since",)),
        (
            "/paths?source=person:igor-sergun&target=person:bashar-al-assad&max_hops=7",
            422,
            ("max_hops", "6"),
        ),
        ("/paths?source=person:igor-sergun", 422, ("target",)),
        ("/timeline?limit=0", 422, ("limit",)),
        ("/timeline?type=coup", 422, ("type",)),
        ("/timeline?cursor=garbage", 422, ("cursor",)),
        ("/actors/person:bashar-al-assad/relations?kind=planet", 422, ("kind",)),
    ],
)
def test_get_errors(loaded_client: TestClient, path: str, status: int, words: tuple) -> None:
    assert_problem(loaded_client.get(path), status, *words)


def test_wrong_method_is_405(client: TestClient) -> None:
    assert_problem(client.delete("/timeline"), 405)


def test_malformed_record_names_line_and_field_and_writes_nothing(
    loaded_client: TestClient,
) -> None:
    before = loaded_client.get("/stats").json()
    body = (
        b'{"record": "actor", "id": "person:new", "name": "New", "kind": "person"}\n'
        b'{"record": "event", "id": "event:n", "type": "death", "summary": "s",'
        b' "participants": [{"actor": "person:new"}],'
        b' "when": {"start": "2016-01-03", "end": "2016-01-03", "precision": "minute"}}\n'
    )
    problem = assert_problem(loaded_client.post("/records", content=body), 422, "line 2")
    assert problem["errors"] == [
        {"line": 2, "field": "when.precision", "message": problem["errors"][0]["message"]}
    ]
    assert "precision" in problem["detail"]
    assert loaded_client.get("/stats").json() == before
    assert loaded_client.get("/actors/person:new").status_code == 404


def test_invalid_json_line(loaded_client: TestClient) -> None:
    before = loaded_client.get("/stats").json()
    body = b'{"record": "actor", "name": "Fine", "kind": "person"}\n{"record": "actor",\n'
    problem = assert_problem(loaded_client.post("/records", content=body), 422, "line 2")
    assert problem["errors"][0]["line"] == 2
    assert loaded_client.get("/stats").json() == before


def test_unknown_references_write_nothing(loaded_client: TestClient) -> None:
    before = loaded_client.get("/stats").json()
    body = (
        b'{"record": "event", "id": "event:n", "type": "death", "summary": "s",'
        b' "participants": [{"actor": "person:ghost"}]}\n'
    )
    problem = assert_problem(loaded_client.post("/records", content=body), 422, "nothing")
    assert "person:ghost" in problem["errors"][0]["message"]
    assert loaded_client.get("/stats").json() == before


def test_empty_body_and_bad_json_body(client: TestClient) -> None:
    assert_problem(client.post("/records", content=b"\n\n"), 422, "no records")
    json_type = {"content-type": "application/json"}
    assert_problem(client.post("/records", content=b"{", headers=json_type), 422, "JSON")
    assert_problem(client.post("/records", content=b"3", headers=json_type), 422, "array")


def test_body_over_the_default_limit_is_413(client: TestClient) -> None:
    before = client.get("/stats").json()
    big = b" " * 10_000_001
    assert_problem(client.post("/records", content=big), 413, "10000000 bytes")
    assert client.get("/stats").json() == before


def test_body_limit_is_a_setting_and_counts_chunked_bodies(make_client) -> None:
    client = make_client(max_body_bytes=100)

    def chunks():
        for _ in range(10):
            yield b'{"record": "actor", "name": "A", "kind": "person"}\n'

    assert_problem(client.post("/records", content=chunks()), 413, "100 bytes")
    assert client.get("/stats").json()["actors"] == 0
    small = b'{"record": "actor", "name": "A", "kind": "person"}\n'
    assert client.post("/records", content=small).status_code == 200
