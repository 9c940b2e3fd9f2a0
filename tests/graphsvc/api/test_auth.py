"""API keys: no key / wrong key / right key on every write route, reads open unless a
read key is set, and keys never reach the logs."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES
from tests.graphsvc.conftest import MakeClient

API_KEY = "write-key-5f1c2a9e"
READ_KEY = "read-key-83b0d4"
ARTICLE = {
    "id": "auth-article",
    "published": "2016-01-22",
    "text": "Russian President Vladimir Putin met Bashar al-Assad in Moscow on October 20, 2015.",
}


def _writes(client: TestClient, headers: dict[str, str]) -> dict[str, int]:
    """Status of each write route with these headers."""
    return {
        "records": client.post(
            "/records", content=EXAMPLES.read_bytes(), headers=headers
        ).status_code,
        "documents": client.post("/documents", json=ARTICLE, headers=headers).status_code,
        "cypher": client.post(
            "/cypher", json={"query": "MATCH (a:Actor) RETURN a.id LIMIT 1"}, headers=headers
        ).status_code,
    }


def test_without_keys_configured_everything_is_open(client: TestClient) -> None:
    assert _writes(client, {}) == {"records": 200, "documents": 200, "cypher": 200}


def test_writes_need_the_api_key(make_client: MakeClient) -> None:
    client = make_client(api_key=API_KEY)
    before = client.get("/stats").json()
    assert _writes(client, {}) == {"records": 401, "documents": 401, "cypher": 401}
    wrong = {"Authorization": "Bearer not-the-key"}
    assert _writes(client, wrong) == {"records": 403, "documents": 403, "cypher": 403}
    assert _writes(client, {"X-API-Key": API_KEY[:-1]}) == {
        "records": 403,
        "documents": 403,
        "cypher": 403,
    }
    assert client.get("/stats").json() == before  # nothing refused was written
    assert _writes(client, {"Authorization": f"Bearer {API_KEY}"}) == {
        "records": 200,
        "documents": 200,
        "cypher": 200,
    }
    assert _writes(client, {"X-API-Key": API_KEY})["records"] == 200


def test_refusals_are_problems_that_say_how(make_client: MakeClient) -> None:
    client = make_client(api_key=API_KEY)
    missing = client.post("/cypher", json={"query": "MATCH (a) RETURN a"})
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in missing.json()["detail"]
    wrong = client.post("/cypher", json={"query": "x"}, headers={"X-API-Key": "nope"})
    assert wrong.json()["title"] == "Forbidden"
    assert "nope" not in wrong.text


def test_reads_stay_open_unless_a_read_key_is_set(make_client: MakeClient) -> None:
    open_reads = make_client(api_key=API_KEY)
    assert open_reads.get("/timeline").status_code == 200
    guarded = make_client(api_key=API_KEY, read_key=READ_KEY)
    for path in ("/timeline", "/actors", "/stats", "/metrics", "/timeline/export"):
        assert guarded.get(path).status_code == 401, path
        assert guarded.get(path, headers={"X-API-Key": "wrong"}).status_code == 403, path
        assert guarded.get(path, headers={"X-API-Key": READ_KEY}).status_code == 200, path
        assert guarded.get(path, headers={"X-API-Key": API_KEY}).status_code == 200, path
    assert guarded.get("/health").status_code == 200
    assert guarded.get("/ready").status_code == 200
    # The read key does not write.
    reader = {"Authorization": f"Bearer {READ_KEY}"}
    assert (
        guarded.post("/records", content=EXAMPLES.read_bytes(), headers=reader).status_code == 403
    )


def test_keys_never_reach_the_logs(make_client: MakeClient, caplog: pytest.LogCaptureFixture):
    client = make_client(api_key=API_KEY, read_key=READ_KEY)
    with caplog.at_level(logging.DEBUG):
        _writes(client, {"Authorization": f"Bearer {API_KEY}"})
        _writes(client, {"X-API-Key": "a-wrong-key-that-should-not-be-logged"})
        client.get("/timeline", headers={"X-API-Key": READ_KEY})
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "graphsvc.access" in {r.name for r in caplog.records}
    for secret in (API_KEY, READ_KEY, "a-wrong-key-that-should-not-be-logged"):
        assert secret not in text
