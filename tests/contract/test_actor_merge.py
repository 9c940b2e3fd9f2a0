"""Merging actors by hand, on every backend: everything moves, nothing is duplicated,
the old id keeps resolving, a reload cannot bring the old actor back, and a refused
merge changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import (
    Actor,
    Document,
    Event,
    GraphBatch,
    Participant,
    Relation,
    SameAsCandidate,
    Source,
    When,
)
from graphsvc.store.base import GraphStore, TimelineQuery, Window

OLD = "organization:gm"  # merged away
GM = "organization:general-motors"  # merged into
CHRYSLER = "organization:chrysler"
WAGONER = "person:rick-wagoner"
US = "place:united-states"
DOC = "doc-gm"


def _day(day: int) -> When:
    return When(start=date(2008, 11, day), end=date(2008, 11, day), precision="day")


def _event(event_id: str, *participants: tuple[str, str], reported_by: str | None = None):
    return Event(
        id=event_id,
        type="statement",
        summary=event_id.removeprefix("event:"),
        when=_day(int(event_id[-1]) + 1),
        reported_by=reported_by,
        participants=tuple(Participant(actor=a, role=r) for a, r in participants),
        sources=(Source(document=DOC, sentence=f"{event_id} happened."),),
    )


def _graph() -> GraphBatch:
    return GraphBatch(
        documents=(Document(id=DOC, title="GM and Chrysler", published=date(2008, 11, 20)),),
        actors=(
            Actor(id=OLD, name="GM", kind="group", aliases=("G.M.",), kind_evidence="ner: ORG"),
            Actor(
                id=GM,
                name="General Motors",
                kind="organization",
                aliases=("General Motors Corp",),
                kind_evidence="legal form: Corp",
            ),
            Actor(id=CHRYSLER, name="Chrysler", kind="organization"),
            Actor(id=WAGONER, name="Rick Wagoner", kind="person"),
            Actor(id=US, name="United States", kind="place"),
        ),
        events=(
            # The old actor alone in its role: the target takes its place.
            _event("event:e1", (WAGONER, "agent"), (OLD, "target"), (CHRYSLER, "target")),
            # Both in the same role: one participation is left, the target's.
            _event("event:e2", (OLD, "participant"), (GM, "participant")),
            # Both in different roles: the target ends up in both.
            _event("event:e3", (OLD, "agent"), (GM, "target")),
            # The old actor only reports it.
            _event("event:e4", (CHRYSLER, "agent"), reported_by=OLD),
        ),
        relations=(
            Relation(source=WAGONER, type="HEAD_OF", target=OLD, document=DOC),
            Relation(source=OLD, type="PART_OF", target=US, since=date(1990, 1, 1), document=DOC),
            # The target has the same relation already: its own stays (since 2000).
            Relation(source=GM, type="PART_OF", target=US, since=date(2000, 1, 1), document=DOC),
            # Would join the target to itself: dropped.
            Relation(source=OLD, type="ALLY_OF", target=GM),
        ),
        same_as=(
            SameAsCandidate(actor=OLD, candidate=GM, reason="acronym"),  # becomes a self-loop
            SameAsCandidate(actor=CHRYSLER, candidate=OLD, reason="a guess"),
        ),
    )


@pytest.fixture
def merged(store: GraphStore) -> GraphStore:
    store.write_batch(_graph())
    store.merge_actors(OLD, GM)
    return store


def _event_view(store: GraphStore, event_id: str):
    page = store.timeline(TimelineQuery(limit=100, undated=True))
    return next(e for e in page.items if e.id == event_id)


def test_merge_answers_the_merged_actor_with_the_targets_name_and_kind(
    store: GraphStore,
) -> None:
    store.write_batch(_graph())
    actor = store.merge_actors(OLD, GM)
    assert (actor.id, actor.name, actor.kind) == (GM, "General Motors", "organization")
    assert actor.kind_evidence == "legal form: Corp"
    assert actor.aliases == ("General Motors Corp", "GM", "G.M.")
    assert store.get_actor(GM) == actor


def test_participations_move_without_duplicates(merged: GraphStore) -> None:
    roles = lambda event_id: [  # noqa: E731
        (p.id, p.role) for p in _event_view(merged, event_id).participants
    ]
    assert roles("event:e1") == [(WAGONER, "agent"), (GM, "target"), (CHRYSLER, "target")]
    assert roles("event:e2") == [(GM, "participant")]
    assert roles("event:e3") == [(GM, "agent"), (GM, "target")]
    assert _event_view(merged, "event:e4").reported_by == GM
    timeline = [e.id for e in merged.timeline(TimelineQuery(actor=GM)).items]
    assert timeline == ["event:e1", "event:e2", "event:e3"]


def test_relations_move_both_ways_and_self_loops_go(merged: GraphStore) -> None:
    related = {i.actor.id: i for i in merged.related_actors(GM, Window(), None, 10).items}
    assert set(related) == {WAGONER, CHRYSLER, US}
    assert [(r.type, r.direction) for r in related[WAGONER].relations] == [("HEAD_OF", "in")]
    (part_of,) = related[US].relations
    assert (part_of.type, part_of.direction, part_of.since) == ("PART_OF", "out", date(2000, 1, 1))


def test_the_old_actor_is_gone_and_counts_add_up(store: GraphStore) -> None:
    store.write_batch(_graph())
    before = store.stats()
    store.merge_actors(OLD, GM)
    after = store.stats()
    assert after.actors == before.actors - 1
    # e2 loses the old actor's duplicate participation; e3 keeps both roles.
    assert after.participations == before.participations - 1
    # The ALLY_OF self-loop and the duplicate PART_OF go.
    assert after.relations == before.relations - 2
    assert (after.events, after.documents, after.sources) == (
        before.events,
        before.documents,
        before.sources,
    )
    assert [a.id for a in store.search_actors("", 100)] == [CHRYSLER, GM, WAGONER, US]


def test_same_as_candidates_move_and_a_self_candidate_goes(merged: GraphStore) -> None:
    shown = merged.actor_detail(GM).same_as_candidates
    assert [(c.id, c.reason) for c in shown] == [(CHRYSLER, "a guess")]
    assert [c.id for c in merged.actor_detail(CHRYSLER).same_as_candidates] == [GM]


def test_the_old_id_resolves_to_the_merged_actor(merged: GraphStore, reopen) -> None:
    def check(store: GraphStore) -> None:
        assert store.get_actor(OLD) == store.get_actor(GM)
        assert store.actor_detail(OLD).id == GM
        old_timeline = store.timeline(TimelineQuery(actor=OLD))
        assert old_timeline == store.timeline(TimelineQuery(actor=GM))
        assert store.related_actors(OLD, Window(), None, 10).actor.id == GM
        assert store.actor_documents(OLD, 10).actor.id == GM
        path = store.find_paths(OLD, CHRYSLER, 4, 5)
        assert path.source.id == GM and path.paths
        assert store.find_paths(OLD, GM, 4, 5).paths == []
        assert store.search_actors("G.M.", 1)[0].id == GM
        assert [a.id for a in store.actors_by_names(["GM", "g m"])] == [GM]

    check(merged)
    merged.close()
    reopened = reopen()
    try:
        check(reopened)
    finally:
        reopened.close()


def test_a_reload_after_a_merge_does_not_bring_the_old_actor_back(merged: GraphStore) -> None:
    before = merged.stats()
    # The loader still yields the old id: the same document again, as a new version.
    reload = _graph().model_copy(update={"replaces": (DOC,)})
    merged.write_batch(reload)
    assert merged.get_actor(OLD).id == GM
    after = merged.stats()
    assert after.actors == before.actors
    actor = merged.get_actor(GM)
    assert (actor.name, actor.kind, actor.kind_evidence) == (
        "General Motors",
        "organization",
        "legal form: Corp",
    )
    assert [(p.id, p.role) for p in _event_view(merged, "event:e2").participants] == [
        (GM, "participant")
    ]
    assert _event_view(merged, "event:e4").reported_by == GM
    assert after == before
    assert [(c.id, c.reason) for c in merged.actor_detail(GM).same_as_candidates] == [
        (CHRYSLER, "a guess")
    ]


def test_a_new_name_under_the_old_id_becomes_an_alias(merged: GraphStore) -> None:
    renamed = Actor(id=OLD, name="General Motors Co", kind="person", aliases=("GM's unit",))
    event = Event(
        id="event:later",
        type="statement",
        summary="GM speaks later",
        participants=(Participant(actor=OLD, role="agent"), Participant(actor=GM, role="agent")),
    )
    merged.write_batch(
        GraphBatch(
            actors=(renamed,),
            events=(event,),
            relations=(Relation(source=OLD, type="OPPOSES", target=CHRYSLER),),
        )
    )
    actor = merged.get_actor(GM)
    assert (actor.name, actor.kind) == ("General Motors", "organization")
    assert actor.aliases[-2:] == ("General Motors Co", "GM's unit")
    later = _event_view(merged, "event:later")
    assert [(p.id, p.role) for p in later.participants] == [(GM, "agent")]
    related = {i.actor.id: i for i in merged.related_actors(GM, Window(), None, 10).items}
    assert "OPPOSES" in {r.type for r in related[CHRYSLER].relations}
    with pytest.raises(NotFound):
        merged.get_actor("organization:nothing")


def test_merges_chain_and_into_may_be_an_old_id(merged: GraphStore) -> None:
    # Merge into the old id: it resolves to the actor it went into.
    merged.merge_actors(WAGONER, OLD)
    assert merged.get_actor(WAGONER).id == GM
    merged.merge_actors(GM, CHRYSLER)
    for old in (OLD, WAGONER, GM):
        assert merged.get_actor(old).id == CHRYSLER
    chrysler = merged.get_actor(CHRYSLER)
    assert {"General Motors", "GM", "Rick Wagoner"} <= set(chrysler.aliases)
    assert merged.stats().actors == 2


@pytest.mark.parametrize(
    ("actor_id", "into", "error", "message"),
    [
        ("organization:nobody", GM, NotFound, "no actor with id 'organization:nobody'"),
        (OLD, "organization:nobody", NotFound, "no actor with id 'organization:nobody' to merge"),
        (GM, GM, InvalidInput, "into itself"),
    ],
    ids=["unknown-id", "unknown-into", "itself"],
)
def test_a_refused_merge_changes_nothing(
    store: GraphStore, actor_id: str, into: str, error: type[Exception], message: str
) -> None:
    store.write_batch(_graph())
    before = (store.stats(), store.search_actors("", 100), store.timeline(TimelineQuery()))
    with pytest.raises(error, match=message):
        store.merge_actors(actor_id, into)
    assert (store.stats(), store.search_actors("", 100), store.timeline(TimelineQuery())) == before


def test_merging_a_merged_away_id_again_says_where_it_went(merged: GraphStore) -> None:
    before = merged.stats()
    with pytest.raises(NotFound, match=f"{OLD} was merged into {GM}"):
        merged.merge_actors(OLD, CHRYSLER)
    # Back into the actor it was merged into: one actor already.
    with pytest.raises(InvalidInput, match="one actor already"):
        merged.merge_actors(GM, OLD)
    assert merged.stats() == before


def test_different_kinds_merge_and_the_target_kind_stays(store: GraphStore) -> None:
    store.write_batch(_graph())
    merged = store.merge_actors(US, WAGONER)
    assert merged.kind == "person"
    assert "United States" in merged.aliases
    assert store.get_actor(US).kind == "person"
