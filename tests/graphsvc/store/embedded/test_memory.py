"""The in-memory graph's kept answers never outlive a write that changes them."""

from __future__ import annotations

from datetime import date

from graphsvc.model import (
    Actor,
    ActorKind,
    Event,
    EventType,
    GraphBatch,
    Participant,
    Relation,
    RelationType,
    Role,
    When,
)
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.embedded.filters import event_filter, undated_filter
from graphsvc.store.embedded.memory import MemoryGraph
from graphsvc.store.embedded.removals import Removals

A, B, C = "person:a", "person:b", "person:c"


def _event(event_id: str, day: int, *actors: str) -> Event:
    start = date(2020, 1, day)
    return Event(
        id=event_id,
        type=EventType.consult,
        summary=f"Meeting {event_id}",
        when=When(start=start, end=start, precision="day"),
        participants=tuple(
            Participant(actor=a, role=Role.agent if i == 0 else Role.target)
            for i, a in enumerate(actors)
        ),
    )


def _graph() -> MemoryGraph:
    graph = MemoryGraph()
    graph.apply(
        GraphBatch(
            actors=(
                Actor(id=A, name="Anna", kind=ActorKind.person),
                Actor(id=B, name="Boris", kind=ActorKind.person),
                Actor(id=C, name="Carla", kind=ActorKind.person),
            ),
            events=(_event("event:one", 1, A, B),),
        )
    )
    return graph


def _timeline(graph: MemoryGraph, actor: str) -> list[str]:
    return [e.id for e in graph.timeline(TimelineQuery(actor=actor)).items]


def _related(graph: MemoryGraph, actor: str) -> dict[str, tuple[str, int, int]]:
    page = graph.related_actors(actor, Window(), None, 50)
    return {r.actor.id: (r.actor.name, r.shared_events, len(r.relations)) for r in page.items}


def test_an_asked_answer_is_served_again_until_a_write() -> None:
    graph = _graph()
    first = graph.timeline(TimelineQuery(actor=A))
    assert graph.timeline(TimelineQuery(actor=A)) is first
    graph.apply(GraphBatch(events=(_event("event:two", 2, A, C),)))
    assert _timeline(graph, A) == ["event:one", "event:two"]


def test_a_new_event_refreshes_every_participant_and_nobody_else() -> None:
    graph = _graph()
    assert _related(graph, B) == {A: ("Anna", 1, 0)}
    untouched = graph.related_actors(A, Window(), None, 50)
    graph.apply(GraphBatch(events=(_event("event:two", 2, B, C),)))
    assert _related(graph, B) == {A: ("Anna", 1, 0), C: ("Carla", 1, 0)}
    assert _related(graph, C) == {B: ("Boris", 1, 0)}
    assert graph.related_actors(A, Window(), None, 50) is untouched


def test_an_event_changed_or_removed_leaves_the_old_answers() -> None:
    graph = _graph()
    assert _timeline(graph, B) == ["event:one"]
    graph.apply(GraphBatch(events=(_event("event:one", 1, A, C),)))  # B no longer in it
    assert _timeline(graph, B) == []
    assert _timeline(graph, C) == ["event:one"]
    graph.remove(Removals(events=("event:one",)))
    assert _timeline(graph, C) == []
    assert _related(graph, A) == {}


def test_a_relation_added_or_removed_refreshes_both_ends() -> None:
    graph = _graph()
    assert _related(graph, C) == {}
    relation = Relation(source=A, type=RelationType.ALLY_OF, target=C)
    graph.apply(GraphBatch(relations=(relation,)))
    assert _related(graph, C) == {A: ("Anna", 0, 1)}
    assert _related(graph, A) == {B: ("Boris", 1, 0), C: ("Carla", 0, 1)}
    graph.remove(Removals(relations=(relation.key,)))
    assert _related(graph, C) == {}


def test_a_renamed_actor_shows_its_new_name_in_others_answers() -> None:
    graph = _graph()
    assert _related(graph, A) == {B: ("Boris", 1, 0)}
    assert graph.timeline(TimelineQuery(actor=A)).items[0].participants[1].name == "Boris"
    graph.apply(GraphBatch(actors=(Actor(id=B, name="Boris B.", kind=ActorKind.person),)))
    assert _related(graph, A) == {B: ("Boris B.", 1, 0)}
    assert graph.timeline(TimelineQuery(actor=A)).items[0].participants[1].name == "Boris B."


def test_a_merged_away_id_answers_for_the_actor_it_went_into() -> None:
    graph = _graph()
    assert _timeline(graph, C) == []
    graph.apply(GraphBatch(events=(_event("event:one", 1, A, C),)))
    graph.remove(Removals(actors=(B,)))
    graph.redirect({B: C})
    assert _timeline(graph, B) == ["event:one"]
    assert graph.related_actors(B, Window(), None, 50).actor.id == C


def _scanned(graph: MemoryGraph) -> tuple[int, int, int]:
    events = graph.events.values()
    return (
        sum(1 for e in events if e.when is None),
        sum(len(e.participants) for e in events),
        sum(len(e.sources) for e in events),
    )


def test_stats_totals_follow_every_write() -> None:
    graph = _graph()
    undated = Event(
        id="event:undated",
        type=EventType.attack,
        summary="Undated",
        participants=(Participant(actor=A), Participant(actor=B), Participant(actor=C)),
    )
    graph.apply(GraphBatch(events=(undated, _event("event:two", 2, A, C))))
    graph.apply(GraphBatch(events=(_event("event:undated", 3, A),)))  # now dated, fewer
    graph.remove(Removals(events=("event:two",)))
    stats = graph.stats()
    assert (stats.undated_events, stats.participations, stats.sources) == _scanned(graph)
    assert (stats.events, stats.participations) == (2, 3)


def test_unfiltered_timeline_counts_come_from_totals_and_match_a_scan() -> None:
    graph = _graph()
    undated = Event(
        id="event:undated",
        type=EventType.attack,
        summary="Undated",
        factuality="reported",
        participants=(Participant(actor=A),),
    )
    possible = _event("event:maybe", 4, B).model_copy(update={"factuality": "possible"})
    graph.apply(GraphBatch(events=(undated, possible, _event("event:two", 2, A, C))))
    graph.remove(Removals(events=("event:two",)))
    for query in (
        TimelineQuery(),
        TimelineQuery(undated=True),
        TimelineQuery(factualities=("possible", "reported"), undated=True),
        TimelineQuery(factualities=("asserted", "asserted")),
    ):
        keep, undated = event_filter(graph.events, query), undated_filter(graph.events, query)
        scanned = sum(1 for key in graph._event_order if keep(key))
        scanned_undated = sum(1 for key in graph._event_order if undated(key))
        assert graph._unfiltered_counts(query) == (scanned, scanned_undated)
        assert graph.timeline(query).count == scanned
        assert graph.timeline(query).undated_count == scanned_undated
    assert graph.timeline(TimelineQuery(undated=True)).count == 2
    assert graph._unfiltered_counts(TimelineQuery(q="x")) is None
