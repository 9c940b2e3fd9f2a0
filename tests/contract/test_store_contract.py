"""The store contract: every backend answers these the same way.

Each test takes the `store` fixture, parametrised over the backends, so a new backend
joins by being added to `BACKENDS` and must pass unchanged assertions.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import (
    Actor,
    Document,
    Event,
    EventType,
    GraphBatch,
    Participant,
    Relation,
    Source,
    When,
)
from graphsvc.store.base import GraphStore, TimelineQuery, Window

PUTIN = "person:vladimir-putin"
ASSAD = "person:bashar-al-assad"
SERGUN = "person:igor-sergun"
DOC = "newsweek-putin-assad-step-down"


def _dated_keys(batch: GraphBatch) -> list[tuple[date, date, str]]:
    return sorted((e.when.start, e.when.end, e.id) for e in batch.events if e.when)


def _timeline_ids(store: GraphStore, **kwargs) -> list[str]:
    return [e.id for e in store.timeline(TimelineQuery(**kwargs)).items]


def test_stats_count_what_was_written(loaded: GraphStore, example_batch: GraphBatch) -> None:
    stats = loaded.stats()
    assert stats.documents == len(example_batch.documents)
    assert stats.actors == len(example_batch.actors)
    assert stats.events == len(example_batch.events)
    assert stats.undated_events == sum(1 for e in example_batch.events if e.when is None)
    assert stats.relations == len(example_batch.relations)
    assert stats.participations == sum(len(e.participants) for e in example_batch.events)
    assert stats.sources == sum(len(e.sources) for e in example_batch.events)


def test_writing_the_same_batch_twice_changes_nothing(
    loaded: GraphStore, example_batch: GraphBatch
) -> None:
    before = (loaded.stats(), loaded.timeline(TimelineQuery(undated=True)), loaded.get_actor(PUTIN))
    loaded.write_batch(example_batch)
    after = (loaded.stats(), loaded.timeline(TimelineQuery(undated=True)), loaded.get_actor(PUTIN))
    assert after == before


def test_get_actor_and_unknown_actor(loaded: GraphStore) -> None:
    putin = loaded.get_actor(PUTIN)
    assert putin.name == "Vladimir Putin"
    assert "Putin" in putin.aliases
    with pytest.raises(NotFound, match="person:nobody"):
        loaded.get_actor("person:nobody")


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("Putin", PUTIN),
        ("assad", ASSAD),
        ("AL ASSAD", ASSAD),
        ("FSA", "organization:free-syrian-army"),
        ("the financial times", "organization:financial-times"),
        ("serg", SERGUN),
    ],
    ids=lambda v: str(v),
)
def test_search_actors_by_name_or_alias(loaded: GraphStore, q: str, first: str) -> None:
    found = loaded.search_actors(q, 5)
    assert found, f"nothing found for {q!r}"
    assert found[0].id == first


def test_search_without_match_is_empty(loaded: GraphStore) -> None:
    assert loaded.search_actors("zzzz", 5) == []


def test_empty_search_lists_actors_by_name(loaded: GraphStore, example_batch) -> None:
    listed = loaded.search_actors("", 100)
    names = sorted((a.name for a in example_batch.actors), key=str.casefold)
    assert [a.name for a in listed] == names
    assert len(loaded.search_actors("", 3)) == 3


def test_timeline_is_ordered_by_start_end_id(loaded: GraphStore, example_batch) -> None:
    expected = [key[2] for key in _dated_keys(example_batch)]
    assert _timeline_ids(loaded) == expected
    page = loaded.timeline(TimelineQuery())
    keys = [(e.start, e.end, e.id) for e in page.items]
    assert keys == sorted(keys)
    assert page.count == len(expected)


def test_undated_events_only_when_asked_and_last(loaded: GraphStore, example_batch) -> None:
    dated = _timeline_ids(loaded)
    with_undated = _timeline_ids(loaded, undated=True)
    undated = sorted(e.id for e in example_batch.events if e.when is None)
    assert with_undated == dated + undated


def test_timeline_of_an_actor(loaded: GraphStore) -> None:
    page = loaded.timeline(TimelineQuery(actor=PUTIN))
    assert [e.id for e in page.items] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    for event in page.items:
        assert PUTIN in {p.id for p in event.participants}
        assert event.sources and event.date_text and event.precision


def test_timeline_of_an_unknown_actor_is_not_found(loaded: GraphStore) -> None:
    with pytest.raises(NotFound):
        loaded.timeline(TimelineQuery(actor="person:nobody"))


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # October 2015 overlaps the Q4 request and the meeting, not the September strikes.
        (
            date(2015, 10, 1),
            date(2015, 10, 31),
            {"event:putin-asks-assad-to-step-down", "event:putin-assad-kremlin-meeting"},
        ),
        # The last day of the strikes' week is enough to overlap.
        (date(2015, 9, 30), date(2015, 9, 30), {"event:russia-begins-air-strikes-in-syria"}),
        (
            date(2016, 1, 3),
            None,
            {
                "event:sergun-dies",
                "event:stratfor-reports-sergun-died-in-lebanon",
                "event:russia-publishes-air-strike-agreement",
            },
        ),
        (None, date(2015, 8, 31), {"event:syria-agrees-to-lend-russia-facilities"}),
    ],
    ids=["october-2015", "2015-09-30", "since-2016-01-03", "until-august-2015"],
)
def test_window_keeps_events_that_overlap(loaded: GraphStore, since, until, expected) -> None:
    window = Window(since=since, until=until)
    assert set(_timeline_ids(loaded, window=window, undated=True)) == expected


def test_timeline_type_and_text_filters(loaded: GraphStore) -> None:
    assert _timeline_ids(loaded, types=(EventType.death,)) == ["event:sergun-dies"]
    statements = _timeline_ids(loaded, types=(EventType.statement, EventType.death))
    assert "event:sergun-dies" in statements
    assert "event:stratfor-reports-sergun-died-in-lebanon" in statements
    assert _timeline_ids(loaded, q="KREMLIN") == ["event:putin-assad-kremlin-meeting"]


def test_cursor_pages_cover_the_timeline_once(loaded: GraphStore) -> None:
    full = _timeline_ids(loaded, undated=True)
    seen: list[str] = []
    cursor = None
    while True:
        page = loaded.timeline(TimelineQuery(undated=True, limit=3, cursor=cursor))
        assert page.count == len(full)
        seen += [e.id for e in page.items]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == full


def test_cursor_is_stable_when_earlier_events_arrive(loaded: GraphStore) -> None:
    first = loaded.timeline(TimelineQuery(limit=2))
    rest_before = _timeline_ids(loaded)[2:]
    early = Event(
        id="event:an-early-event",
        type=EventType.other,
        summary="Something in 1999",
        when=When(start=date(1999, 1, 1), end=date(1999, 12, 31), precision="year"),
        participants=(Participant(actor=PUTIN),),
    )
    loaded.write_batch(GraphBatch(events=(early,)))
    second = loaded.timeline(TimelineQuery(limit=100, cursor=first.next_cursor))
    assert [e.id for e in second.items] == rest_before


def test_a_bad_cursor_is_invalid_input(loaded: GraphStore) -> None:
    with pytest.raises(InvalidInput, match="cursor"):
        loaded.timeline(TimelineQuery(cursor="not-a-cursor"))


def test_related_actors_with_shared_events_counts_and_dates(loaded: GraphStore) -> None:
    page = loaded.related_actors(ASSAD, Window(), None, 50)
    assert page.actor.id == ASSAD
    by_id = {item.actor.id: item for item in page.items}
    putin = by_id[PUTIN]
    assert page.items[0].actor.id == PUTIN
    assert putin.shared_events == 3
    assert putin.first == date(2015, 10, 1)
    assert putin.last == date(2015, 12, 31)
    assert {e.id for e in putin.events} == {
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
        "event:ft-reports-step-down-request",
    }
    assert [(r.type, r.direction) for r in putin.relations] == [("ALLY_OF", "in")]
    request = next(e for e in putin.events if e.id == "event:putin-asks-assad-to-step-down")
    assert (request.role, request.other_role) == ("target", "agent")
    assert by_id["place:syria"].relations[0].type == "LEADER_OF"
    assert page.count == len(page.items)


def test_related_actors_window_and_kind(loaded: GraphStore) -> None:
    window = Window(since=date(2015, 10, 20), until=date(2015, 10, 20))
    page = loaded.related_actors(ASSAD, window, None, 50)
    putin = next(i for i in page.items if i.actor.id == PUTIN)
    # The undated FT report cannot be placed in a window; the ALLY_OF relation has no end.
    assert {e.id for e in putin.events} == {
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    }
    places = loaded.related_actors(ASSAD, Window(), "place", 50)
    assert places.items
    assert {i.actor.kind for i in places.items} == {"place"}
    limited = loaded.related_actors(ASSAD, Window(), None, 1)
    assert len(limited.items) == 1
    assert limited.count > 1


def test_related_actors_of_an_unknown_actor(loaded: GraphStore) -> None:
    with pytest.raises(NotFound):
        loaded.related_actors("person:nobody", Window(), None, 10)


def test_paths_between_two_actors(loaded: GraphStore) -> None:
    result = loaded.find_paths(SERGUN, ASSAD, 4, 10)
    assert result.paths
    for path in result.paths:
        assert path.hops == 2 == len(path.edges) == len(path.nodes) - 1
        assert path.nodes[0].id == SERGUN
        assert path.nodes[-1].id == ASSAD
        assert path.nodes[1].label == "Event"
        for edge, (a, b) in zip(path.edges, pairwise(path.nodes), strict=True):
            assert {edge.source, edge.target} == {a.id, b.id}
            assert edge.type == "PARTICIPATED_IN"
            assert edge.role is not None
    assert {p.nodes[1].id for p in result.paths} == {
        "event:putin-asks-assad-to-step-down",
        "event:assad-refuses-to-step-down",
    }


def test_paths_respect_max_hops(loaded: GraphStore) -> None:
    assert loaded.find_paths(SERGUN, ASSAD, 1, 10).paths == []
    # Sergun -> GRU (HEAD_OF) -> Russia (PART_OF): two relation hops.
    via_relations = loaded.find_paths(SERGUN, "place:russia", 2, 10)
    assert via_relations.paths
    assert all(p.hops == 2 for p in via_relations.paths)


def test_paths_with_unknown_actor_or_self(loaded: GraphStore) -> None:
    with pytest.raises(NotFound):
        loaded.find_paths(SERGUN, "person:nobody", 4, 10)
    assert loaded.find_paths(SERGUN, SERGUN, 4, 10).paths == []


def test_dangling_references_write_nothing(loaded: GraphStore) -> None:
    before = loaded.stats()
    bad = GraphBatch(
        actors=(Actor(id="person:new-person", name="New Person", kind="person"),),
        events=(
            Event(
                id="event:dangling",
                type=EventType.consult,
                summary="Meets someone unknown",
                participants=(Participant(actor="person:new-person"), Participant(actor="x:y")),
                sources=(Source(document="no-such-doc", sentence="A sentence."),),
            ),
        ),
    )
    with pytest.raises(InvalidInput) as raised:
        loaded.write_batch(bad)
    messages = " ".join(e["message"] for e in raised.value.errors)
    assert "x:y" in messages and "no-such-doc" in messages
    assert loaded.stats() == before
    with pytest.raises(NotFound):
        loaded.get_actor("person:new-person")


def test_aliases_and_sources_accumulate(loaded: GraphStore) -> None:
    loaded.write_batch(
        GraphBatch(
            documents=(Document(id="another-article"),),
            actors=(Actor(id=PUTIN, name="Vladimir Putin", kind="person", aliases=("V. Putin",)),),
            events=(
                Event(
                    id="event:sergun-dies",
                    type=EventType.death,
                    summary="GRU head Igor Sergun dies at 58",
                    when=When(start=date(2016, 1, 3), end=date(2016, 1, 3), precision="day"),
                    participants=(Participant(actor=SERGUN),),
                    sources=(Source(document="another-article", sentence="Sergun died."),),
                ),
            ),
        )
    )
    assert loaded.get_actor(PUTIN).aliases[-1] == "V. Putin"
    assert "Putin" in loaded.get_actor(PUTIN).aliases
    event = loaded.timeline(TimelineQuery(types=(EventType.death,))).items[0]
    assert {s.document for s in event.sources} == {DOC, "another-article"}


def test_a_newer_event_record_replaces_participants(loaded: GraphStore) -> None:
    meeting = "event:putin-assad-kremlin-meeting"
    loaded.write_batch(
        GraphBatch(
            events=(
                Event(
                    id=meeting,
                    type=EventType.consult,
                    summary="Assad meets Putin",
                    when=When(start=date(2015, 10, 20), end=date(2015, 10, 20), precision="day"),
                    participants=(Participant(actor=ASSAD), Participant(actor=PUTIN)),
                ),
            )
        )
    )
    event = next(e for e in loaded.timeline(TimelineQuery(actor=PUTIN)).items if e.id == meeting)
    assert {p.id for p in event.participants} == {ASSAD, PUTIN}
    assert event.sources  # sources accumulate even when the new record has none
    moscow = loaded.related_actors("place:moscow", Window(), None, 10)
    assert meeting not in {e.id for item in moscow.items for e in item.events}


def test_reopening_gives_the_same_graph(loaded: GraphStore, reopen) -> None:
    before = (loaded.stats(), loaded.timeline(TimelineQuery(undated=True)))
    loaded.close()
    reopened = reopen()
    try:
        assert (reopened.stats(), reopened.timeline(TimelineQuery(undated=True))) == before
        assert reopened.search_actors("Putin", 1)[0].id == PUTIN
        assert reopened.find_paths(SERGUN, ASSAD, 4, 10).paths
    finally:
        reopened.close()


def test_relation_with_dates_is_windowed(store: GraphStore) -> None:
    store.write_batch(
        GraphBatch(
            actors=(
                Actor(id="person:a", name="A", kind="person"),
                Actor(id="organization:b", name="B", kind="organization"),
            ),
            relations=(
                Relation(
                    source="person:a",
                    type="HEAD_OF",
                    target="organization:b",
                    since=date(2010, 1, 1),
                    until=date(2012, 12, 31),
                ),
            ),
        )
    )
    inside = store.related_actors("person:a", Window(since=date(2012, 6, 1)), None, 10)
    assert [i.actor.id for i in inside.items] == ["organization:b"]
    assert inside.items[0].relations[0].direction == "out"
    outside = store.related_actors("organization:b", Window(since=date(2013, 1, 1)), None, 10)
    assert outside.items == []


def test_hostile_text_is_stored_verbatim_and_changes_nothing_else(loaded: GraphStore) -> None:
    """User text is only ever a parameter: it never becomes Cypher, a label or a type."""
    hostile = 'a\'}) DETACH DELETE n // `x` "quoted" $param ; MATCH (m) DELETE m'
    before = loaded.stats()
    loaded.write_batch(
        GraphBatch(
            documents=(Document(id="hostile-doc", title=hostile),),
            actors=(Actor(id="person:hostile", name=hostile, kind="person", aliases=(hostile,)),),
            events=(
                Event(
                    id="event:hostile",
                    type=EventType.statement,
                    summary=hostile,
                    participants=(Participant(actor="person:hostile"),),
                    sources=(Source(document="hostile-doc", sentence=hostile),),
                ),
            ),
        )
    )
    actor = loaded.get_actor("person:hostile")
    assert actor.name == hostile and actor.aliases == (hostile,)
    assert loaded.search_actors(hostile, 5)[0].id == "person:hostile"
    event = loaded.timeline(TimelineQuery(actor="person:hostile", undated=True)).items[0]
    assert event.summary == hostile and event.sources[0].sentence == hostile
    assert loaded.timeline(TimelineQuery(q=hostile, undated=True)).count == 1
    after = loaded.stats()
    assert after.documents == before.documents + 1
    assert after.actors == before.actors + 1
    assert after.events == before.events + 1
    assert after.relations == before.relations
    assert after.participations == before.participations + 1
    assert after.sources == before.sources + 1
    assert loaded.get_actor(PUTIN).name == "Vladimir Putin"


def _sourced_event(event_id: str, *documents: str) -> Event:
    return Event(
        id=event_id,
        type=EventType.statement,
        summary=f"Statement {event_id}",
        when=When(start=date(2016, 1, 5), end=date(2016, 1, 5), precision="day"),
        participants=(Participant(actor=PUTIN),),
        sources=tuple(Source(document=d, sentence=f"{event_id} in {d}.") for d in documents),
    )


def test_a_new_version_of_a_document_replaces_its_contributions_only(loaded: GraphStore) -> None:
    loaded.write_batch(
        GraphBatch(
            documents=(Document(id="doc-a"), Document(id="doc-b")),
            events=(
                _sourced_event("event:only-a", "doc-a"),
                _sourced_event("event:a-and-b", "doc-a", "doc-b"),
                _sourced_event("event:only-b", "doc-b"),
            ),
            relations=(
                Relation(source=PUTIN, type="OPPOSES", target=SERGUN, document="doc-a"),
                Relation(source=PUTIN, type="OPPOSES", target=SERGUN, document="doc-b"),
            ),
        )
    )
    before = loaded.stats()
    new_version = GraphBatch(
        replaces=("doc-a",),
        documents=(Document(id="doc-a", title="second version"),),
        events=(_sourced_event("event:new-in-a", "doc-a"),),
    )
    loaded.write_batch(new_version)
    ids = {e.id: e for e in loaded.timeline(TimelineQuery(actor=PUTIN, limit=100)).items}
    assert "event:only-a" not in ids
    assert [s.document for s in ids["event:a-and-b"].sources] == ["doc-b"]
    assert "event:only-b" in ids and "event:new-in-a" in ids
    related = loaded.related_actors(PUTIN, Window(), None, 50)
    opposes = [
        r
        for item in related.items
        if item.actor.id == SERGUN
        for r in item.relations
        if r.type == "OPPOSES"
    ]
    assert [r.document for r in opposes] == ["doc-b"]
    after = loaded.stats()
    assert after.events == before.events  # one event gone, one added
    assert after.relations == before.relations - 1
    loaded.write_batch(new_version)
    assert loaded.stats() == after  # the same version again changes nothing


def test_get_documents_gives_the_stored_ones_in_the_order_asked(
    store: GraphStore, example_batch: GraphBatch
) -> None:
    store.write_batch(example_batch)
    found = store.get_documents(["no-such-document", DOC, DOC])
    assert [d.id for d in found] == [DOC]
    assert found[0].title == "Putin Asked Assad to Step Down as Syrian President"
    assert found[0].published == date(2016, 1, 22)
    assert store.get_documents([]) == []
    with pytest.raises(InvalidInput):
        store.get_documents(f"doc-{i}" for i in range(100_000))


def test_undated_count_says_how_many_undated_events_match_listed_or_not(
    loaded: GraphStore, example_batch: GraphBatch
) -> None:
    undated = [e for e in example_batch.events if e.when is None]
    hidden = loaded.timeline(TimelineQuery())
    listed = loaded.timeline(TimelineQuery(undated=True))
    assert hidden.undated_count == listed.undated_count == len(undated) > 0
    assert listed.count == hidden.count + len(undated)
    windowed = loaded.timeline(TimelineQuery(window=Window(since=date(2015, 1, 1)), undated=True))
    assert windowed.undated_count == len(undated)  # counted, not listed: a window
    assert all(e.start is not None for e in windowed.items)
    putin = [e for e in undated if any(p.actor == PUTIN for p in e.participants)]
    for_putin = loaded.timeline(TimelineQuery(actor=PUTIN))
    assert for_putin.undated_count == len(putin) == 1
    assert loaded.timeline(TimelineQuery(actor=PUTIN, undated=True)).undated_count == 1
    other_type = next(t for t in EventType if t != putin[0].type)
    typed = loaded.timeline(TimelineQuery(actor=PUTIN, types=(other_type,)))
    assert typed.undated_count == 0
    assert loaded.timeline(TimelineQuery(types=(other_type,))).undated_count == sum(
        1 for e in undated if e.type == other_type
    )


def test_timeline_of_one_document(store: GraphStore, example_batch: GraphBatch) -> None:
    other = Document(id="other-report", title="Another report")
    event = Event(
        id="event:other-report",
        type=EventType.statement,
        summary="Another report on Putin",
        when=When(start=date(2015, 11, 2), end=date(2015, 11, 2), precision="day"),
        participants=(Participant(actor=PUTIN),),
        sources=(Source(document=other.id, sentence="Another report on Putin."),),
    )
    store.write_batch(example_batch)
    store.write_batch(GraphBatch(documents=(other,), events=(event,)))
    from_doc = {e.id for e in example_batch.events if any(s.document == DOC for s in e.sources)}
    everything = store.timeline(TimelineQuery(document=DOC, undated=True, limit=1000))
    assert {e.id for e in everything.items} == from_doc
    assert everything.count == len(from_doc)
    assert _timeline_ids(store, actor=PUTIN, document="other-report") == ["event:other-report"]
    mine = _timeline_ids(store, actor=PUTIN, document=DOC)
    assert "event:other-report" not in mine and mine
    nothing = store.timeline(TimelineQuery(document="no-such-document"))
    assert (nothing.items, nothing.count, nothing.undated_count) == ([], 0, 0)
