"""GET /events/{id}: one event as the timeline shows it, with its cited documents (and
the accounts of those that tell it differently)."""

from __future__ import annotations

from fastapi.testclient import TestClient

MEETING = "event:putin-assad-kremlin-meeting"


def test_one_event_has_the_timeline_fields_and_its_documents(loaded_client: TestClient) -> None:
    answer = loaded_client.get(f"/events/{MEETING}")
    assert answer.status_code == 200, answer.text
    event = answer.json()
    timeline = loaded_client.get("/timeline", params={"actor": "person:vladimir-putin"}).json()
    (listed,) = [e for e in timeline["items"] if e["id"] == MEETING]
    assert {k: v for k, v in event.items() if k not in ("documents", "claims")} == listed
    assert event["claims"] == []  # one document: no account differs from what is shown
    assert event["documents"] == [
        {
            "id": "newsweek-putin-assad-step-down",
            "title": "Putin Asked Assad to Step Down as Syrian President",
            "url": None,
            "published": "2016-01-22",
        }
    ]


def test_an_unknown_event_is_a_404_problem(loaded_client: TestClient) -> None:
    answer = loaded_client.get("/events/event:no-such-thing")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert "no event with id 'event:no-such-thing'" in answer.json()["detail"]


def test_a_malformed_id_is_a_422_problem(loaded_client: TestClient) -> None:
    answer = loaded_client.get("/events/Not An Id")
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"] == "path parameter event_id"


def test_the_route_is_documented(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/events/{event_id}"]["get"]
    assert operation["operationId"] == "events-get_event"
    assert {"200", "404", "422"} <= set(operation["responses"])
