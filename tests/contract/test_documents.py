"""Documents as things to list, open and delete, on every backend.

The delete is checked against the graph as it would be had the document never been
written: counts, timelines and exports of a store holding `shared` and `lone` after
`lone` is deleted equal those of a store that only ever held `shared`. Re-posting a
document replaces its facts the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Relation, Source, When
from graphsvc.service.exports import export_timeline
from graphsvc.service.reads import TimelineFilter
from graphsvc.store.base import DocumentQuery, GraphStore, TimelineQuery, Window

ACME = "organization:acme"
BOLT = "organization:bolt"
CARL = "person:carl"
DANA = "person:dana"


def _day(year: int, month: int, day: int) -> When:
    return When(start=date(year, month, day), end=date(year, month, day), precision="day")


def _actors(*ids: str) -> tuple[Actor, ...]:
    kinds = {ACME: "organization", BOLT: "organization", CARL: "person", DANA: "person"}
    return tuple(Actor(id=i, name=i.split(":")[1].title(), kind=kinds[i]) for i in ids)


def shared_batch() -> GraphBatch:
    """`shared` reports the merger, which `lone` also reports."""
    return GraphBatch(
        documents=(Document(id="shared", title="Acme buys Bolt", published=date(2021, 3, 2)),),
        actors=_actors(ACME, BOLT),
        events=(
            Event(
                id="event:merger",
                type="agree",
                summary="Acme buys Bolt",
                when=_day(2021, 3, 1),
                participants=(Participant(actor=ACME), Participant(actor=BOLT, role="target")),
                sources=(Source(document="shared", sentence="Acme bought Bolt on Monday."),),
            ),
        ),
        relations=(Relation(source=ACME, type="OWNS", target=BOLT, document="shared"),),
    )


def lone_batch(sentence: str = "Carl met Dana in Oslo.") -> GraphBatch:
    """`lone` also reports the merger, and alone a meeting of two people and a relation."""
    return GraphBatch(
        documents=(Document(id="lone", title="A meeting in Oslo", published=date(2021, 4, 5)),),
        actors=_actors(ACME, BOLT, CARL, DANA),
        events=(
            Event(
                id="event:merger",
                type="agree",
                summary="Acme buys Bolt",
                when=_day(2021, 3, 1),
                participants=(Participant(actor=ACME), Participant(actor=BOLT, role="target")),
                sources=(Source(document="lone", sentence="Bolt, bought by Acme, ..."),),
            ),
            Event(
                id="event:meeting",
                type="consult",
                summary="Carl meets Dana",
                when=_day(2021, 4, 4),
                participants=(Participant(actor=CARL), Participant(actor=DANA)),
                sources=(Source(document="lone", sentence=sentence),),
            ),
        ),
        relations=(Relation(source=CARL, type="WORKS_FOR", target=ACME, document="lone"),),
        replaces=("lone",),
    )


def snapshot(store: GraphStore) -> dict[str, Any]:
    """What a reader sees: counts, the timelines (all, and of each actor still there),
    a JSON export, and the documents list."""
    timeline = store.timeline(TimelineQuery(undated=True))
    actors = {p.id for e in timeline.items for p in e.participants}
    exported = "".join(export_timeline(store, TimelineFilter(undated=True), "csv").chunks)
    documents = store.list_documents(DocumentQuery())
    return {
        "stats": store.stats().model_dump(),
        "timeline": timeline.model_dump(mode="json"),
        "actors": {
            a: store.timeline(TimelineQuery(actor=a)).model_dump(mode="json")
            for a in sorted(actors)
        },
        "related": {
            a: store.related_actors(a, Window(), None, 50).model_dump(mode="json")
            for a in sorted(actors)
        },
        "export": exported,
        "documents": [(d.id, d.events) for d in documents.items],
    }


def test_delete_a_document_that_shares_an_event_leaves_the_graph_as_without_it(
    store: GraphStore,
) -> None:
    store.write_batch(shared_batch())
    without = snapshot(store)
    store.write_batch(lone_batch())
    with_lone = snapshot(store)
    assert with_lone["stats"]["events"] == 2 and with_lone["stats"]["actors"] == 4
    assert store.get_event("event:merger").documents[1].id == "lone"

    deleted = store.delete_document("lone")

    assert deleted.removed_events == ["event:meeting"]
    assert deleted.kept_events == ["event:merger"]
    assert deleted.removed_relations == 1
    assert deleted.removed_actors == [CARL, DANA]
    assert snapshot(store) == without
    merger = store.get_event("event:merger")
    assert [s.document for s in merger.sources] == ["shared"]
    with pytest.raises(NotFound):
        store.document_detail("lone")
    with pytest.raises(NotFound):
        store.get_actor(CARL)


def test_delete_the_document_an_event_was_first_cited_in_keeps_the_other_source(
    store: GraphStore,
) -> None:
    store.write_batch(shared_batch())
    store.write_batch(lone_batch())
    deleted = store.delete_document("shared")
    assert deleted.removed_events == [] and deleted.kept_events == ["event:merger"]
    assert deleted.removed_actors == []  # Acme and Bolt are still in the merger
    merger = store.get_event("event:merger")
    assert [s.sentence for s in merger.sources] == ["Bolt, bought by Acme, ..."]
    assert [d.id for d in merger.documents] == ["lone"]
    assert store.stats().relations == 1  # WORKS_FOR from lone; OWNS from shared went
    assert store.stats().documents == 1


def test_delete_a_document_that_shares_nothing_empties_the_graph(store: GraphStore) -> None:
    empty = snapshot(store)
    store.write_batch(lone_batch())
    deleted = store.delete_document("lone")
    assert deleted.removed_events == ["event:meeting", "event:merger"]
    assert deleted.removed_actors == [ACME, BOLT, CARL, DANA]
    assert snapshot(store) == empty
    assert deleted.stats == store.stats()


def test_delete_keeps_actors_others_name(store: GraphStore) -> None:
    """Actors another document still names (here by a relation) stay; those only the
    deleted document named go."""
    store.write_batch(lone_batch())
    store.write_batch(
        GraphBatch(
            documents=(Document(id="other"),),
            actors=_actors(DANA),
            relations=(Relation(source=DANA, type="ALLY_OF", target=CARL, document="other"),),
        )
    )
    deleted = store.delete_document("lone")
    assert deleted.removed_actors == [ACME, BOLT]
    assert {store.get_actor(CARL).id, store.get_actor(DANA).id} == {CARL, DANA}


def test_delete_unknown_document_is_not_found_and_changes_nothing(store: GraphStore) -> None:
    store.write_batch(lone_batch())
    before = snapshot(store)
    with pytest.raises(NotFound, match="GET /documents"):
        store.delete_document("nope")
    assert snapshot(store) == before


def test_kept_answers_do_not_outlive_a_delete(store: GraphStore) -> None:
    store.write_batch(shared_batch())
    store.write_batch(lone_batch())
    kept = store.timeline(TimelineQuery(actor=ACME))
    related = store.related_actors(ACME, Window(), None, 50)
    assert store.timeline(TimelineQuery(actor=ACME)) == kept
    assert {r.actor.id for r in related.items} == {BOLT, CARL}
    store.delete_document("lone")
    after = store.timeline(TimelineQuery(actor=ACME))
    assert [s.document for s in after.items[0].sources] == ["shared"]
    assert {r.actor.id for r in store.related_actors(ACME, Window(), None, 50).items} == {BOLT}


def test_repost_with_a_changed_sentence_replaces_its_facts(store: GraphStore) -> None:
    store.write_batch(shared_batch())
    store.write_batch(lone_batch())
    changed = lone_batch("Carl met Dana in Bergen.")
    store.write_batch(changed)
    meeting = store.get_event("event:meeting")
    assert [s.sentence for s in meeting.sources] == ["Carl met Dana in Bergen."]
    detail = store.document_detail("lone")
    assert [e.id for e in detail.events] == ["event:merger", "event:meeting"]
    sentences = {s.sentence for e in detail.events for s in e.sources if s.document == "lone"}
    assert "Carl met Dana in Oslo." not in sentences
    # A version that no longer tells the meeting nor the relation withdraws them.
    shorter = changed.model_copy(
        update={"events": changed.events[:1], "relations": (), "actors": _actors(ACME, BOLT)}
    )
    store.write_batch(shorter)
    with pytest.raises(NotFound):
        store.get_event("event:meeting")
    assert store.stats().relations == 1
    # Carl and Dana, named only by what this version no longer says, go as on a delete.
    for gone in (CARL, DANA):
        with pytest.raises(NotFound):
            store.get_actor(gone)
    assert store.stats().actors == 2
    assert [e.id for e in store.document_detail("lone").events] == ["event:merger"]


def test_detail_lists_what_was_taken_from_the_document(store: GraphStore) -> None:
    store.write_batch(shared_batch())
    store.write_batch(lone_batch())
    detail = store.document_detail("lone")
    assert detail.document.id == "lone" and detail.document.title == "A meeting in Oslo"
    assert detail.document.published == date(2021, 4, 5) and detail.document.events == 2
    assert [e.id for e in detail.events] == ["event:merger", "event:meeting"]
    # The shared event shows both documents' sources, as the timeline does.
    assert {s.document for s in detail.events[0].sources} == {"shared", "lone"}
    assert [(a.id, a.events, a.relations) for a in detail.actors] == [
        (ACME, 1, 1),
        (BOLT, 1, 0),
        (CARL, 1, 1),
        (DANA, 1, 0),
    ]
    (relation,) = detail.relations
    assert (relation.source_actor.name, relation.type, relation.target_actor.name) == (
        "Carl",
        "WORKS_FOR",
        "Acme",
    )
    with pytest.raises(NotFound, match="GET /documents"):
        store.document_detail("nope")


@pytest.fixture
def library(store: GraphStore) -> GraphStore:
    """Seven documents: five dated (two on one day), two undated."""
    docs = [
        Document(id="d1", title="Spring report", published=date(2020, 3, 1)),
        Document(id="d2", title="Summer REPORT", published=date(2020, 6, 1)),
        Document(id="d3", title="Autumn", published=date(2020, 9, 1)),
        Document(id="d4", title="Winter", published=date(2020, 9, 1)),
        Document(id="d5", published=date(2019, 1, 1)),
        Document(id="u2", title="Undated report"),
        Document(id="u1"),
    ]
    store.write_batch(GraphBatch(documents=tuple(docs)))
    return store


def _all_pages(store: GraphStore, query: DocumentQuery) -> list[str]:
    ids: list[str] = []
    while True:
        page = store.list_documents(query)
        ids.extend(d.id for d in page.items)
        if page.next_cursor is None:
            return ids
        query = query.model_copy(update={"cursor": page.next_cursor})


def test_list_newest_first_undated_last_paged(library: GraphStore) -> None:
    order = ["d3", "d4", "d2", "d1", "d5", "u1", "u2"]
    page = library.list_documents(DocumentQuery())
    assert [d.id for d in page.items] == order and page.count == 7
    assert page.next_cursor is None
    for size in (1, 2, 3):
        assert _all_pages(library, DocumentQuery(limit=size)) == order
    first = library.list_documents(DocumentQuery(limit=2))
    assert first.count == 7 and first.next_cursor is not None


def test_list_filters_by_date_and_title(library: GraphStore) -> None:
    window = Window(since=date(2020, 3, 1), until=date(2020, 6, 30))
    assert _all_pages(library, DocumentQuery(window=window)) == ["d2", "d1"]
    assert _all_pages(library, DocumentQuery(window=Window(since=date(2020, 9, 1)))) == [
        "d3",
        "d4",
    ]
    assert _all_pages(library, DocumentQuery(q="report", limit=1)) == ["d2", "d1", "u2"]
    page = library.list_documents(DocumentQuery(q="report", window=Window(until=date(2020, 4, 1))))
    assert [d.id for d in page.items] == ["d1"] and page.count == 1


def test_list_refuses_a_forged_cursor(library: GraphStore) -> None:
    with pytest.raises(InvalidInput, match="cursor"):
        library.list_documents(DocumentQuery(cursor="not-a-cursor"))


class Boom(RuntimeError):
    """A failure injected midway through a delete."""


def test_a_failed_delete_leaves_nothing_half_done(
    store: GraphStore, backend: str, reopen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The delete fails after the document's sources and relations were withdrawn in
    the transaction (embedded: before SQLite's commit; Neo4j: at the statement deleting
    the document): the store, and a store opened afresh on its data, are as before."""
    store.write_batch(shared_batch())
    store.write_batch(lone_batch())
    before = snapshot(store)
    if backend == "embedded":
        from graphsvc.store.embedded import sqlite_copy

        def fail() -> None:
            raise Boom("disk went away")

        monkeypatch.setattr(sqlite_copy, "utc_now", fail)
    else:
        from graphsvc.store.neo4j import writes

        real = writes.run

        def run(tx, name: str, **params):  # type: ignore[no-untyped-def]
            if name == "documents/delete":
                raise Boom("connection lost")
            return real(tx, name, **params)

        monkeypatch.setattr(writes, "run", run)
    with pytest.raises(Exception) as failure:
        store.delete_document("lone")
    assert "went away" in str(failure.value) or "lost" in str(failure.value)
    monkeypatch.undo()
    assert snapshot(store) == before
    again = reopen()
    try:
        assert snapshot(again) == before
    finally:
        again.close()
    assert store.delete_document("lone").removed_events == ["event:meeting"]
