"""GET /documents, GET and DELETE /documents/{id} over HTTP: the shapes, the key a
delete needs, and a re-posted article with a changed sentence."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.graphsvc.api.test_problems import assert_problem
from tests.graphsvc.conftest import MakeClient

API_KEY = "k" * 32
FIRST = (
    "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on "
    "October 20, 2015. Russia began hitting targets in Syria in the last week of "
    "September 2015."
)
SECOND = "Vladimir Putin met Bashar al-Assad in Moscow on October 20, 2015."


def _post(client: TestClient, doc_id: str, text: str, published: str, title: str) -> None:
    body = {"id": doc_id, "title": title, "published": published, "text": text}
    response = client.post("/documents", json=body, headers={"X-API-Key": API_KEY})
    assert response.status_code == 200, response.text


def test_list_open_delete_and_repost(make_client: MakeClient) -> None:
    client = make_client(api_key=API_KEY)
    _post(client, "first", FIRST, "2016-01-22", "Putin and Assad")
    _post(client, "second", SECOND, "2015-10-21", "The Moscow meeting")

    listed = client.get("/documents").json()
    assert [d["id"] for d in listed["items"]] == ["first", "second"]
    assert listed["count"] == 2 and listed["next_cursor"] is None
    page = client.get("/documents", params={"limit": 1}).json()
    rest = client.get("/documents", params={"limit": 1, "cursor": page["next_cursor"]}).json()
    assert [d["id"] for d in page["items"] + rest["items"]] == ["first", "second"]
    assert [d["id"] for d in client.get("/documents", params={"q": "moscow"}).json()["items"]] == [
        "second"
    ]
    in_2015 = client.get("/documents", params={"since": "2015", "until": "2015"}).json()
    assert [d["id"] for d in in_2015["items"]] == ["second"]

    detail = client.get("/documents/first").json()
    assert detail["document"]["title"] == "Putin and Assad"
    assert detail["document"]["events"] == len(detail["events"]) >= 2
    assert {"person:vladimir-putin", "place:russia"} <= {a["id"] for a in detail["actors"]}
    assert all(e["date_basis"] for e in detail["events"] if e["start"])

    # The meeting is told by both: deleting the first keeps it, with the second's source.
    shared = {e["id"] for e in detail["events"]} & {
        e["id"] for e in client.get("/documents/second").json()["events"]
    }
    assert shared
    assert_problem(client.delete("/documents/first"), 401, "key")
    deleted = client.delete("/documents/first", headers={"X-API-Key": API_KEY})
    assert deleted.status_code == 200, deleted.text
    result = deleted.json()
    assert set(result["kept_events"]) == shared
    assert result["removed_events"] and not set(result["removed_events"]) & shared
    assert result["stats"]["documents"] == 1
    for event_id in shared:
        event = client.get(f"/events/{event_id}").json()
        assert {s["document"] for s in event["sources"]} == {"second"}
    for event_id in result["removed_events"]:
        assert_problem(client.get(f"/events/{event_id}"), 404, "no event")
    assert_problem(client.get("/documents/first"), 404, "GET /documents")
    assert_problem(client.delete("/documents/first", headers={"X-API-Key": API_KEY}), 404, "")

    # Posting it again with one sentence changed replaces its facts.
    _post(client, "second", SECOND.replace("in Moscow", "at the Kremlin"), "2015-10-21", "T")
    sentences = [
        s["sentence"]
        for e in client.get("/documents/second").json()["events"]
        for s in e["sources"]
    ]
    assert sentences and all("Kremlin" in s for s in sentences)


def test_bad_document_parameters_are_422(client: TestClient) -> None:
    assert_problem(client.get("/documents", params={"cursor": "nope"}), 422, "cursor")
    assert_problem(client.get("/documents", params={"since": "someday"}), 422, "since")
    assert_problem(client.get("/documents/bad id!"), 422, "document_id")
    assert_problem(client.get("/documents/unknown"), 404, "no document")


def test_a_wrong_method_names_every_method_of_the_path(client: TestClient) -> None:
    """GET and POST /documents live in two routers (read and write keys): a 405 still
    lists both in `Allow`, as the OpenAPI document does."""
    for path, methods in (("/documents", "GET, POST"), ("/documents/x", "DELETE, GET")):
        answer = client.put(path)
        assert_problem(answer, 405, "")
        assert answer.headers["allow"] == methods
