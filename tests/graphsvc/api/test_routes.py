"""The routes answer with the store's data in the documented shapes."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES

PUTIN = "person:vladimir-putin"


def test_health_ready_stats(loaded_client: TestClient) -> None:
    assert loaded_client.get("/health").json() == {"status": "ok"}
    assert loaded_client.get("/ready").json() == {"status": "ready", "backend": "embedded"}
    stats = loaded_client.get("/stats").json()
    assert stats["actors"] >= 12 and stats["events"] >= 7


def test_loading_the_same_records_twice_leaves_stats_unchanged(loaded_client) -> None:
    before = loaded_client.get("/stats").json()
    again = loaded_client.post("/records", content=EXAMPLES.read_bytes())
    assert again.status_code == 200
    assert again.json()["stats"] == before
    assert loaded_client.get("/stats").json() == before


def test_records_as_a_json_array_or_object(client: TestClient) -> None:
    records = [json.loads(line) for line in EXAMPLES.read_text().splitlines()]
    response = client.post("/records", json=records)
    assert response.status_code == 200, response.text
    assert response.json()["written"]["actors"] == sum(r["record"] == "actor" for r in records)
    wrapped = client.post("/records", json={"records": records})
    assert wrapped.json()["stats"] == response.json()["stats"]
    single = client.post("/records", json={"record": "actor", "name": "Solo", "kind": "person"})
    assert single.json()["written"]["actors"] == 1


def test_timeline_lists_dated_events_in_order(loaded_client: TestClient) -> None:
    page = loaded_client.get("/timeline", params={"actor": PUTIN}).json()
    assert page["count"] == len(page["items"]) == 2
    assert page["next_cursor"] is None
    first = page["items"][0]
    for field in ("start", "end", "precision", "date_text", "sources", "participants"):
        assert first[field], field
    starts = [item["start"] for item in page["items"]]
    assert starts == sorted(starts)


def test_timeline_filters_over_http(loaded_client: TestClient) -> None:
    september = loaded_client.get("/timeline", params={"since": "2015-09", "until": "2015-09"})
    assert [e["id"] for e in september.json()["items"]] == [
        "event:russia-begins-air-strikes-in-syria"
    ]
    types = loaded_client.get("/timeline", params=[("type", "death"), ("type", "agree")])
    assert {e["type"] for e in types.json()["items"]} == {"death", "agree"}
    undated = loaded_client.get("/timeline", params={"undated": "true"}).json()
    assert undated["items"][-1]["start"] is None


def test_timeline_cursor_over_http(loaded_client: TestClient) -> None:
    ids, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = loaded_client.get("/timeline", params=params).json()
        ids += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    full = loaded_client.get("/timeline").json()
    assert ids == [e["id"] for e in full["items"]]


def test_actors_search_and_get(loaded_client: TestClient) -> None:
    found = loaded_client.get("/actors", params={"q": "Putin"}).json()
    assert found["items"][0]["id"] == PUTIN
    assert loaded_client.get("/actors").json()["count"] == 14
    actor = loaded_client.get(f"/actors/{PUTIN}").json()
    assert actor["name"] == "Vladimir Putin" and actor["kind"] == "person"


def test_relations_and_paths(loaded_client: TestClient) -> None:
    related = loaded_client.get("/actors/person:bashar-al-assad/relations").json()
    putin = related["items"][0]
    assert putin["actor"]["id"] == PUTIN
    assert putin["shared_events"] == 3
    assert (putin["first"], putin["last"]) == ("2015-10-01", "2015-12-31")
    paths = loaded_client.get(
        "/paths", params={"source": "person:igor-sergun", "target": "person:bashar-al-assad"}
    ).json()
    assert paths["paths"] and paths["paths"][0]["hops"] == 2
    assert len(paths["paths"][0]["edges"]) == 2


def test_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/health",
        "/ready",
        "/stats",
        "/actors",
        "/actors/{actor_id}",
        "/actors/{actor_id}/relations",
        "/paths",
        "/timeline",
        "/records",
    } <= paths
    assert "application/x-ndjson" in spec["paths"]["/records"]["post"]["requestBody"]["content"]


def test_since_and_until_take_phrases(loaded_client: TestClient) -> None:
    """Filters accept what the temporal module resolves, not only partial ISO dates."""
    phrases = loaded_client.get(
        "/timeline", params={"since": "September 2015", "until": "Q4 2015"}
    ).json()
    iso = loaded_client.get("/timeline", params={"since": "2015-09", "until": "2015-12"}).json()
    assert [e["id"] for e in phrases["items"]] == [e["id"] for e in iso["items"]]
    assert phrases["count"] == 3
    bad = loaded_client.get("/timeline", params={"since": "once upon a time"})
    assert bad.status_code == 422
    assert "not a date" in bad.json()["detail"]


def test_timeline_basis_filter_takes_commas_and_refuses_unknown_bases(
    loaded_client: TestClient,
) -> None:
    everything = loaded_client.get("/timeline").json()["count"]
    stated = loaded_client.get("/timeline", params={"basis": "text,context"}).json()
    assert stated["count"] == everything  # the example records state every date
    assert all(item["date_basis"] == "text" for item in stated["items"])
    inferred = loaded_client.get("/timeline", params=[("basis", "publication")]).json()
    assert inferred["count"] == 0
    bad = loaded_client.get("/timeline", params={"basis": "text,guess"})
    assert bad.status_code == 422 and "guess" in bad.json()["detail"]


def test_timeline_factuality_filter_refuses_unknown_values(loaded_client: TestClient) -> None:
    shown = loaded_client.get("/timeline").json()
    assert all(item["factuality"] == "asserted" for item in shown["items"])
    assert loaded_client.get("/timeline", params={"factuality": "negated"}).json()["count"] == 0
    bad = loaded_client.get("/timeline", params={"factuality": "rumoured"})
    assert bad.status_code == 422 and "rumoured" in bad.json()["detail"]
