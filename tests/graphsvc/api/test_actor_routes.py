"""The actor routes over HTTP: one actor with its candidates and kind evidence, where it
appears, merging by hand (key, errors as problem+json), and 301 for a merged-away id."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.model import Actor, GraphBatch, SameAsCandidate
from graphsvc.settings import Settings
from graphsvc.store.embedded import EmbeddedStore
from tests.conftest import EXAMPLES
from tests.graphsvc.conftest import MakeClient

PUTIN = "person:vladimir-putin"
ASSAD = "person:bashar-al-assad"
SERGUN = "person:igor-sergun"
GRU = "organization:gru"
DOC = "newsweek-putin-assad-step-down"
PROBLEM = "application/problem+json"
API_KEY = "merge-key-0c1d2e"


def _merge(client: TestClient, actor_id: str, into: str, **kwargs) -> object:
    return client.post(f"/actors/{actor_id}/merge", json={"into": into}, **kwargs)


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


def test_one_actor_has_kind_evidence_and_candidates(loaded_client: TestClient) -> None:
    actor = loaded_client.get(f"/actors/{PUTIN}").json()
    assert actor["id"] == PUTIN and actor["name"] == "Vladimir Putin"
    assert actor["kind_evidence"] is None
    assert actor["same_as_candidates"] == []
    listed = loaded_client.get("/actors", params={"q": "Putin"}).json()["items"][0]
    assert "kind_evidence" in listed


def test_kind_evidence_from_records_is_answered(client: TestClient) -> None:
    record = {
        "record": "actor",
        "id": "organization:chrysler-llc",
        "name": "Chrysler LLC",
        "kind": "organization",
        "kind_evidence": "legal form: LLC",
    }
    assert client.post("/records", json=[record]).status_code == 200
    got = client.get("/actors/organization:chrysler-llc").json()
    assert got["kind_evidence"] == "legal form: LLC"
    found = client.get("/actors", params={"q": "chrysler"}).json()["items"]
    assert [a["kind_evidence"] for a in found] == ["legal form: LLC"]


def test_candidates_are_shown_on_get(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write_batch(
        GraphBatch(
            actors=(
                Actor(id="person:saddam", name="Saddam", kind="person"),
                Actor(id="person:saddam-hussein", name="Saddam Hussein", kind="person"),
            ),
            same_as=(
                SameAsCandidate(
                    actor="person:saddam", candidate="person:saddam-hussein", reason="first name"
                ),
            ),
        )
    )
    with TestClient(create_app(Settings(data_dir=tmp_path), store=store)) as client:
        body = client.get("/actors/person:saddam-hussein").json()
    store.close()
    assert body["same_as_candidates"] == [
        {"id": "person:saddam", "name": "Saddam", "kind": "person", "reason": "first name"}
    ]


def test_documents_of_an_actor(loaded_client: TestClient) -> None:
    page = loaded_client.get(f"/actors/{PUTIN}/documents").json()
    assert page["actor"]["id"] == PUTIN
    assert page["count"] == 1
    (item,) = page["items"]
    assert item["id"] == DOC and item["published"] == "2016-01-22" and item["count"] >= 3
    assert set(item) == {"id", "title", "url", "published", "count"}
    assert loaded_client.get(f"/actors/{PUTIN}/documents", params={"limit": 1}).status_code == 200


def test_documents_errors(loaded_client: TestClient) -> None:
    unknown = _problem(loaded_client.get("/actors/person:nobody/documents"), 404)
    assert "person:nobody" in unknown["detail"]
    _problem(loaded_client.get(f"/actors/{PUTIN}/documents", params={"limit": 0}), 422)
    over = _problem(loaded_client.get(f"/actors/{PUTIN}/documents", params={"limit": 5000}), 422)
    assert "limit" in over["detail"]


def test_merge_answers_the_merged_actor_and_the_old_id_moves(loaded_client: TestClient) -> None:
    before = loaded_client.get("/stats").json()
    response = _merge(loaded_client, SERGUN, GRU)
    assert response.status_code == 200, response.text
    merged = response.json()
    assert merged["id"] == GRU and merged["kind"] == "organization"
    assert "Igor Sergun" in merged["aliases"]
    assert merged["same_as_candidates"] == []
    assert loaded_client.get("/stats").json()["actors"] == before["actors"] - 1

    moved = loaded_client.get(f"/actors/{SERGUN}", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/actors/{GRU}"
    assert GRU in moved.json()["detail"]
    assert loaded_client.get(f"/actors/{SERGUN}").json()["id"] == GRU  # a client follows

    relations = loaded_client.get(
        f"/actors/{SERGUN}/relations", params={"limit": 5}, follow_redirects=False
    )
    assert relations.status_code == 301
    assert relations.headers["location"] == f"/actors/{GRU}/relations?limit=5"
    documents = loaded_client.get(f"/actors/{SERGUN}/documents", follow_redirects=False)
    assert documents.headers["location"] == f"/actors/{GRU}/documents"

    timeline = loaded_client.get("/timeline", params={"actor": SERGUN}).json()
    assert "event:sergun-dies" in [e["id"] for e in timeline["items"]]
    death = next(e for e in timeline["items"] if e["id"] == "event:sergun-dies")
    assert [p["id"] for p in death["participants"]] == [GRU]


def test_reloading_the_records_after_a_merge_keeps_one_actor(loaded_client: TestClient) -> None:
    assert _merge(loaded_client, SERGUN, GRU).status_code == 200
    after_merge = loaded_client.get("/stats").json()
    again = loaded_client.post("/records", content=EXAMPLES.read_bytes())
    assert again.status_code == 200, again.text
    assert again.json()["stats"] == after_merge
    assert loaded_client.get(f"/actors/{SERGUN}", follow_redirects=False).status_code == 301


@pytest.mark.parametrize(
    ("actor_id", "into", "status", "words"),
    [
        ("person:nobody", GRU, 404, ("person:nobody",)),
        (SERGUN, "person:nobody", 404, ("person:nobody", "merge into")),
        (SERGUN, SERGUN, 422, ("itself",)),
    ],
    ids=["unknown-id", "unknown-into", "itself"],
)
def test_merge_errors_are_problems(
    loaded_client: TestClient, actor_id: str, into: str, status: int, words: tuple[str, ...]
) -> None:
    before = loaded_client.get("/stats").json()
    body = _problem(_merge(loaded_client, actor_id, into), status)
    for word in words:
        assert word in body["detail"]
    assert loaded_client.get("/stats").json() == before


def test_merging_a_merged_away_id_again_is_404_saying_where(loaded_client: TestClient) -> None:
    assert _merge(loaded_client, SERGUN, GRU).status_code == 200
    body = _problem(_merge(loaded_client, SERGUN, PUTIN), 404)
    assert f"{SERGUN} was merged into {GRU}" in body["detail"]


@pytest.mark.parametrize(
    "body",
    [{}, {"into": ""}, {"into": 3}, {"into": GRU, "extra": 1}, {"into": "x" * 201}],
    ids=["missing", "empty", "number", "extra-field", "too-long"],
)
def test_a_bad_merge_body_is_422(loaded_client: TestClient, body: dict) -> None:
    problem = _problem(loaded_client.post(f"/actors/{SERGUN}/merge", json=body), 422)
    assert "body" in problem["detail"]


def test_merge_needs_the_api_key(make_client: MakeClient) -> None:
    client = make_client(api_key=API_KEY)
    loaded = client.post("/records", content=EXAMPLES.read_bytes(), headers={"X-API-Key": API_KEY})
    assert loaded.status_code == 200
    before = client.get("/stats").json()
    assert "API key" in _problem(_merge(client, SERGUN, GRU), 401)["detail"]
    _problem(_merge(client, SERGUN, GRU, headers={"X-API-Key": "wrong"}), 403)
    assert client.get("/stats").json() == before
    assert client.get(f"/actors/{SERGUN}").status_code == 200  # reads stay open
    ok = _merge(client, SERGUN, GRU, headers={"Authorization": f"Bearer {API_KEY}"})
    assert ok.status_code == 200 and ok.json()["id"] == GRU


def test_the_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    merge = paths["/actors/{actor_id}/merge"]["post"]
    assert {"200", "404", "422"} <= set(merge["responses"])
    assert "301" in paths["/actors/{actor_id}"]["get"]["responses"]
    assert "200" in paths["/actors/{actor_id}/documents"]["get"]["responses"]
