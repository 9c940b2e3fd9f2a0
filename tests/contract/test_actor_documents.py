"""Where an actor appears, on every backend: documents reporting its events (as
participant or reporter) or giving its relations, newest first, with a count each."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.errors import NotFound
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Relation, Source
from graphsvc.store.base import GraphStore

ACME = "organization:acme"
BOLT = "organization:bolt"


def _event(event_id: str, documents: tuple[str, ...], **fields) -> Event:
    sources = tuple(
        Source(document=d, sentence=f"{event_id} in {d}, sentence {i}.")
        for d in documents
        for i in (1, 2)  # two sentences of one document still count one event
    )
    return Event(id=event_id, type="statement", summary=event_id, sources=sources, **fields)


@pytest.fixture
def appearances(store: GraphStore) -> GraphStore:
    store.write_batch(
        GraphBatch(
            documents=(
                Document(
                    id="old", title="Old", url="https://e.org/old", published=date(2001, 5, 1)
                ),
                Document(id="new", title="New", published=date(2020, 2, 2)),
                Document(id="mid", published=date(2010, 1, 1)),
                Document(id="undated-b"),
                Document(id="undated-a", title="No date"),
                Document(id="elsewhere", published=date(2024, 1, 1)),
            ),
            actors=(
                Actor(id=ACME, name="Acme", kind="organization"),
                Actor(id=BOLT, name="Bolt", kind="organization"),
            ),
            events=(
                _event("event:a1", ("new", "old"), participants=(Participant(actor=ACME),)),
                _event(
                    "event:a2",
                    ("new",),
                    participants=(Participant(actor=ACME), Participant(actor=BOLT)),
                    reported_by=ACME,
                ),
                _event("event:a3", ("undated-b",), reported_by=ACME),
                _event("event:a4", ("undated-a",), participants=(Participant(actor=ACME),)),
                _event("event:b1", ("elsewhere",), participants=(Participant(actor=BOLT),)),
            ),
            relations=(
                Relation(source=ACME, type="ALLY_OF", target=BOLT, document="mid"),
                Relation(source=BOLT, type="OPPOSES", target=ACME, document="new"),
                Relation(source=ACME, type="OPPOSES", target=BOLT),  # no document
            ),
        )
    )
    return store


def test_documents_newest_first_with_counts(appearances: GraphStore) -> None:
    page = appearances.actor_documents(ACME, 10)
    assert page.actor.id == ACME and page.actor.name == "Acme"
    assert [(d.id, d.count) for d in page.items] == [
        ("new", 3),  # a1, a2 (participant and reporter: once), the OPPOSES relation
        ("mid", 1),  # the ALLY_OF relation
        ("old", 1),
        ("undated-a", 1),
        ("undated-b", 1),  # as reporter only
    ]
    assert page.count == 5
    old = next(d for d in page.items if d.id == "old")
    assert (old.title, old.url, old.published) == ("Old", "https://e.org/old", date(2001, 5, 1))


def test_limit_keeps_the_newest_and_the_total(appearances: GraphStore) -> None:
    page = appearances.actor_documents(ACME, 2)
    assert [d.id for d in page.items] == ["new", "mid"]
    assert page.count == 5


def test_an_actor_seen_nowhere_and_an_unknown_actor(appearances: GraphStore) -> None:
    appearances.write_batch(GraphBatch(actors=(Actor(id="person:x", name="X", kind="person"),)))
    empty = appearances.actor_documents("person:x", 10)
    assert (empty.items, empty.count) == ([], 0)
    with pytest.raises(NotFound, match="person:nobody"):
        appearances.actor_documents("person:nobody", 10)


def test_after_a_merge_the_documents_of_both_are_listed(appearances: GraphStore) -> None:
    appearances.merge_actors(BOLT, ACME)
    page = appearances.actor_documents(BOLT, 10)
    assert page.actor.id == ACME
    assert [(d.id, d.count) for d in page.items][:2] == [("elsewhere", 1), ("new", 2)]


def test_the_example_article_lists_its_actors(loaded: GraphStore) -> None:
    page = loaded.actor_documents("person:vladimir-putin", 10)
    assert [d.id for d in page.items] == ["newsweek-putin-assad-step-down"]
    assert page.items[0].count >= 3
