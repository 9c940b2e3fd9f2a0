"""GET /search over HTTP: ranked lists with snippets, filters, OpenAPI, and hostile
query text answered with results or a problem+json 4xx that says what is wrong, never
a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
STEP_DOWN = "event:putin-asks-assad-to-step-down"


def test_search_ranks_events_actors_and_documents(loaded_client: TestClient) -> None:
    response = loaded_client.get("/search", params={"q": "Assad step down"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["q"] == "Assad step down" and body["terms"] == ["assad", "step", "down"]
    assert body["events"][0]["id"] == STEP_DOWN
    assert body["actors"][0]["id"] == "person:bashar-al-assad"
    assert body["documents"][0]["id"] == "newsweek-putin-assad-step-down"
    snippet = body["events"][0]["snippet"]
    marked = [snippet["text"][s:e] for s, e in snippet["marks"]]
    assert [m.lower() for m in marked] == ["assad", "step", "down"]


def test_filters_and_kinds(loaded_client: TestClient) -> None:
    only_events = loaded_client.get(
        "/search", params={"q": "Assad", "type": "reject", "kind": "event,actor"}
    ).json()
    assert [e["type"] for e in only_events["events"]] == ["reject"]
    assert only_events["actors"] == [] and only_events["documents"] == []
    actors = loaded_client.get("/search", params={"q": "Assad", "kind": "actor"}).json()
    assert actors["actors"] and actors["events"] == [] and actors["documents"] == []


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "assad*",
        "assad OR",
        "-assad",
        "(assad",
        "title:assad",
        "NEAR(assad putin)",
        "assad\x00putin",
        "a\\b/c!d&&e||f",
        "'; DROP TABLE events; --",
    ],
)
def test_hostile_queries_never_fail(loaded_client: TestClient, q: str) -> None:
    response = loaded_client.get("/search", params={"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert response.headers["content-type"] == PROBLEM
        assert "letters or digits" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "said"),
    [
        ({"q": "*"}, "no letters or digits"),
        ({"q": "x" * 10_240}, "10240 characters"),
        ({"q": "assad", "kind": "people"}, "kind 'people'"),
        ({"q": "assad", "since": "2016-01-01", "until": "2015-01-01"}, "after"),
        ({}, "q"),
    ],
)
def test_bad_input_is_a_4xx_saying_what_is_wrong(
    loaded_client: TestClient, params: dict, said: str
) -> None:
    response = loaded_client.get("/search", params=params)
    assert response.status_code == 422, response.text
    assert said in response.text


def test_an_unknown_actor_is_404(loaded_client: TestClient) -> None:
    response = loaded_client.get("/search", params={"q": "assad", "actor": "person:nobody"})
    assert response.status_code == 404
    assert "person:nobody" in response.json()["detail"]


def test_the_route_is_documented(loaded_client: TestClient) -> None:
    operation = loaded_client.get("/openapi.json").json()["paths"]["/search"]["get"]
    assert "marks" in operation["description"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "since", "until", "type", "actor", "kind", "limit"} <= names
