"""`get_event`: one event, the same on every backend, shaped as the timeline shows it,
with the documents its sources cite and their differing accounts (claims)."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.errors import NotFound
from graphsvc.model import Document, Event, EventType, GraphBatch, Source, When
from graphsvc.store.base import GraphStore, TimelineQuery

MEETING = "event:putin-assad-kremlin-meeting"
DOC = "newsweek-putin-assad-step-down"


def test_an_event_is_what_the_timeline_shows_plus_its_documents(loaded: GraphStore) -> None:
    detail = loaded.get_event(MEETING)
    (listed,) = [e for e in loaded.timeline(TimelineQuery()).items if e.id == MEETING]
    assert detail.model_dump(exclude={"documents", "claims"}) == listed.model_dump()
    assert detail.claims == []  # one document: nothing differs from what is shown
    assert (detail.start, detail.end, detail.precision) == (
        date(2015, 10, 20),
        date(2015, 10, 20),
        "day",
    )
    assert detail.date_text == "October 20, 2015" and detail.date_basis == "text"
    assert {(p.id, p.role) for p in detail.participants} >= {
        ("person:vladimir-putin", "participant"),
        ("place:moscow", "location"),
    }
    assert [s.document for s in detail.sources] == [DOC]
    assert [(d.id, d.title, d.published) for d in detail.documents] == [
        (DOC, "Putin Asked Assad to Step Down as Syrian President", date(2016, 1, 22))
    ]


def test_an_undated_event_is_found_too(loaded: GraphStore) -> None:
    detail = loaded.get_event("event:assad-refuses-to-step-down")
    assert detail.start is None and detail.date_basis is None
    assert detail.type == EventType.reject
    assert detail.sources and detail.documents[0].id == DOC


def test_an_unknown_event_is_not_found(loaded: GraphStore) -> None:
    with pytest.raises(NotFound, match="event:nobody"):
        loaded.get_event("event:nobody")


def test_documents_are_listed_once_in_first_cited_order(store: GraphStore) -> None:
    when = When(start=date(2020, 5, 1), end=date(2020, 5, 31), precision="month", basis="context")
    store.write_batch(
        GraphBatch(
            documents=(
                Document(id="doc-b", title="B", url="https://example.org/b"),
                Document(id="doc-a", title="A"),
            ),
            actors=(),
            events=(
                Event(
                    id="event:two-sources",
                    type=EventType.statement,
                    summary="Said twice",
                    when=when,
                    factuality="possible",
                    participants=(),
                    sources=(
                        Source(document="doc-b", sentence="First."),
                        Source(document="doc-a", sentence="Second."),
                        Source(document="doc-b", sentence="Third."),
                    ),
                ),
            ),
        )
    )
    detail = store.get_event("event:two-sources")
    assert [d.id for d in detail.documents] == ["doc-b", "doc-a"]
    assert detail.documents[0].url == "https://example.org/b"
    assert [s.sentence for s in detail.sources] == ["First.", "Second.", "Third."]
    # Every factuality is shown here: a timeline hides `possible` unless asked.
    assert detail.factuality == "possible" and detail.precision == "month"
    assert detail.date_basis == "context"
