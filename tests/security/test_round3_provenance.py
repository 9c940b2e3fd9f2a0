"""Third red-team round, finding 4, on both stores: one article must not rewrite what
another said of an event, withdrawing an article restores what the others say, and an
article posted with the id of another document is refused unless asked to replace it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.model import (
    Actor,
    Document,
    Event,
    GraphBatch,
    Participant,
    Source,
    When,
)
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from tests.contract.backends import BACKENDS, open_backend

WIRE = {
    "id": "wire-putin-assad",
    "source": "Wire",
    "url": "https://wire.example/putin-assad",
    "published": "2016-03-09",
    "text": "Russian President Vladimir Putin met Syrian President Bashar al-Assad in "
    "Moscow on March 8, 2016.",
}
BLOG = {
    "id": "blog-putin-assad",
    "source": "Blog",
    "url": "https://blog.example/putin-assad",
    "published": "2016-03-12",
    "text": "A blogger claimed that Vladimir Putin met Bashar al-Assad in Sochi on March 8, 2016.",
}
#: The blog's next version: the same document (source, URL), no longer telling the meeting.
BLOG_RETRACTED = {**BLOG, "text": "The blogger apologised to his readers on Monday."}


@pytest.fixture(params=BACKENDS)
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    target = None
    if request.param == "neo4j":
        from tests.neo4j_fixture import wipe

        target = request.getfixturevalue("neo4j_target")
        wipe(target)
    store = open_backend(request.param, tmp_path, target)
    yield store
    store.close()


@pytest.fixture
def api(opened: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path), store=opened)) as client:
        yield client


def _post(client: TestClient, article: dict, **params: str) -> dict:
    response = client.post("/documents", json=article, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _meeting(result: dict) -> str:
    (event,) = [e for e in result["events"] if e["type"] == "consult"]
    return event["id"]


def _places(event: dict) -> set[str]:
    return {p["id"] for p in event["participants"] if p["role"] == "location"}


# -- two articles, two cities -------------------------------------------------------


def test_a_later_article_in_another_city_keeps_the_first_citys_account(
    api: TestClient,
) -> None:
    event_id = _meeting(_post(api, WIRE))
    first = api.get(f"/events/{event_id}").json()
    assert _places(first) == {"place:moscow"}
    assert _meeting(_post(api, BLOG)) == event_id  # one meeting, two reports

    both = api.get(f"/events/{event_id}").json()
    assert [s["document"] for s in both["sources"]] == [WIRE["id"], BLOG["id"]]
    # What the event shows is still the wire's account, backed by the wire's sentence.
    for field in ("summary", "factuality", "start", "end", "precision", "participants"):
        assert both[field] == first[field], field
    # The blog's account is kept, attributed to the blog.
    (claim,) = both["claims"]
    assert claim["document"] == BLOG["id"]
    assert {p["actor"] for p in claim["participants"] if p["role"] == "location"} == {"place:sochi"}
    assert claim["factuality"] == "reported"
    assert "Sochi" in claim["summary"]


def test_withdrawing_the_later_article_restores_exactly_the_first(api: TestClient) -> None:
    event_id = _meeting(_post(api, WIRE))
    first = api.get(f"/events/{event_id}").json()
    _post(api, BLOG)
    _post(api, BLOG_RETRACTED)  # a new version of the blog: what it said before goes
    assert api.get(f"/events/{event_id}").json() == first


def test_withdrawing_the_first_article_shows_what_the_other_says(api: TestClient) -> None:
    event_id = _meeting(_post(api, WIRE))
    _post(api, BLOG)
    _post(api, {**WIRE, "text": "The agency corrected an earlier report on Tuesday."})
    left = api.get(f"/events/{event_id}").json()
    assert [s["document"] for s in left["sources"]] == [BLOG["id"]]
    assert _places(left) == {"place:sochi"}
    assert left["factuality"] == "reported"
    assert "Sochi" in left["summary"]
    assert left["claims"] == []


# -- the same, for records of two documents (store level) ------------------------------


def _day(day: int) -> When:
    return When(start=date(2016, 3, day), end=date(2016, 3, day), precision="day")


ACTORS = tuple(
    Actor(id=i, name=n, kind=k)
    for i, n, k in (
        ("person:putin", "Putin", "person"),
        ("person:assad", "Assad", "person"),
        ("place:moscow", "Moscow", "place"),
        ("place:sochi", "Sochi", "place"),
        ("place:sochi-resort", "Sochi resort", "place"),
    )
)


def _told(document: str, place: str, factuality: str, day: int) -> GraphBatch:
    return GraphBatch(
        documents=(Document(id=document, source=document.split("-")[0]),),
        actors=ACTORS,
        events=(
            Event(
                id="event:meeting",
                type="consult",
                summary=f"Putin met Assad in {place}",
                when=_day(day),
                factuality=factuality,
                participants=(
                    Participant(actor="person:putin", role="agent"),
                    Participant(actor="person:assad", role="target"),
                    Participant(actor=place, role="location"),
                ),
                sources=(Source(document=document, sentence=f"Putin met Assad in {place}."),),
            ),
        ),
    )


def _withdrawn(document: str) -> GraphBatch:
    """A new version of `document` that tells nothing (records: replacing them is asked)."""
    return GraphBatch(
        documents=(Document(id=document, source=document.split("-")[0]),),
        replaces=(document,),
        replace_foreign=True,
    )


def test_records_of_two_documents_each_keep_their_place_date_and_factuality(
    opened: GraphStore,
) -> None:
    opened.write_batch(_told("wire-a", "place:moscow", "asserted", 8))
    alone = opened.get_event("event:meeting")
    opened.write_batch(_told("blog-b", "place:sochi", "reported", 9))
    both = opened.get_event("event:meeting")
    assert {p.id for p in both.participants if p.role == "location"} == {"place:moscow"}
    assert (both.factuality, both.start) == ("asserted", date(2016, 3, 8))
    (claim,) = both.claims
    assert (claim.document, claim.factuality, claim.when) == ("blog-b", "reported", _day(9))

    opened.write_batch(_withdrawn("blog-b"))
    assert opened.get_event("event:meeting") == alone


def test_an_actor_merge_renames_the_actor_in_claims(opened: GraphStore) -> None:
    opened.write_batch(_told("wire-a", "place:moscow", "asserted", 8))
    opened.write_batch(_told("blog-b", "place:sochi-resort", "reported", 8))
    opened.merge_actors("place:sochi-resort", "place:sochi")
    (claim,) = opened.get_event("event:meeting").claims
    assert "place:sochi" in {p.actor for p in claim.participants}
    assert "place:sochi-resort" not in {p.actor for p in claim.participants}
    opened.write_batch(_withdrawn("wire-a"))  # the blog's account, renamed, is shown
    shown = opened.get_event("event:meeting")
    assert {p.id for p in shown.participants if p.role == "location"} == {"place:sochi"}


def test_records_cannot_set_claims(api: TestClient) -> None:
    record = {
        "record": "event",
        "id": "event:x",
        "type": "consult",
        "summary": "x",
        "claims": [{"document": "d", "type": "consult", "summary": "y"}],
    }
    response = api.post("/records", json=[record])
    assert response.status_code == 422
    assert "claims" in response.text


# -- an id that belongs to another document -----------------------------------------


def _counts(client: TestClient) -> dict:
    return client.get("/stats").json()


def _cited_by(client: TestClient, document: str) -> list[dict]:
    page = client.get("/timeline", params={"document": document, "limit": 1000}).json()
    return page["items"]


def test_an_article_with_the_id_of_a_records_document_is_409_and_changes_nothing(
    api: TestClient, opened: GraphStore, example_batch: GraphBatch
) -> None:
    opened.write_batch(example_batch)
    (document,) = example_batch.documents
    before, cited = _counts(api), _cited_by(api, document.id)
    assert before["events"] > 1 and before["relations"] > 1
    article = {"id": document.id, "source": document.source, "published": "2016-01-22"}
    article["text"] = "Vladimir Putin met Bashar al-Assad in Moscow on January 20, 2016."
    refused = api.post("/documents", json=article)
    assert refused.status_code == 409, refused.text
    assert "replace=true" in refused.json()["detail"]
    assert _counts(api) == before
    assert _cited_by(api, document.id) == cited

    replaced = api.post("/documents", json=article, params={"replace": "true"})
    assert replaced.status_code == 200, replaced.text
    now = {e["id"] for e in _cited_by(api, document.id)}
    assert now == {e["id"] for e in replaced.json()["events"]}
    assert now != {e["id"] for e in cited}


def test_an_article_with_the_id_of_another_url_is_409_a_new_version_is_not(
    api: TestClient,
) -> None:
    event_id = _meeting(_post(api, WIRE))
    before = _counts(api)
    for other in ({"url": "https://elsewhere.example/x"}, {"source": "Elsewhere"}):
        refused = api.post("/documents", json={**WIRE, **other, "text": BLOG_RETRACTED["text"]})
        assert refused.status_code == 409, refused.text
        assert _counts(api) == before
        assert api.get(f"/events/{event_id}").status_code == 200
    # The same article again, corrected: a new version of the same document.
    corrected = {**WIRE, "text": WIRE["text"].replace("Moscow", "Sochi")}
    assert _meeting(_post(api, corrected)) == event_id
    shown = api.get(f"/events/{event_id}").json()
    assert _places(shown) == {"place:sochi"}
    assert [s["document"] for s in shown["sources"]] == [WIRE["id"]]
