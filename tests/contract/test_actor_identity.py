"""Actors a reader can trust, on every backend: the evidence for a kind round-trips,
names resolve to stored actors, and weak matches are recorded as same-as candidates
(never merged silently, refused whole when an end is unknown)."""

from __future__ import annotations

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import Actor, Event, GraphBatch, Participant, SameAsCandidate
from graphsvc.store.base import MAX_NAMES, GraphStore, Window

GM = "organization:general-motors"
MALIKI = "person:nouri-al-maliki"
NURI = "person:nuri-al-maliki"
US = "place:united-states"


def _actors() -> tuple[Actor, ...]:
    return (
        Actor(
            id=GM,
            name="General Motors",
            kind="organization",
            aliases=("GM", "General Motors Corporation"),
            kind_evidence="legal form: Corporation",
        ),
        Actor(
            id=MALIKI,
            name="Nouri al-Maliki",
            kind="person",
            aliases=("al-Maliki",),
            kind_evidence="title: Prime Minister",
        ),
        Actor(id=NURI, name="Nuri al-Maliki", kind="person", kind_evidence="ner: PERSON"),
        Actor(
            id=US,
            name="United States",
            kind="place",
            aliases=("U.S.", "America"),
            kind_evidence="gazetteer: country",
        ),
    )


@pytest.fixture
def actors(store: GraphStore) -> GraphStore:
    store.write_batch(GraphBatch(actors=_actors()))
    return store


def test_kind_evidence_round_trips_in_every_actor_answer(actors: GraphStore, reopen) -> None:
    assert actors.get_actor(GM).kind_evidence == "legal form: Corporation"
    assert actors.actor_detail(US).kind_evidence == "gazetteer: country"
    assert actors.search_actors("general motors", 1)[0].kind_evidence == "legal form: Corporation"
    listed = {a.id: a.kind_evidence for a in actors.search_actors("", 10)}
    assert listed[MALIKI] == "title: Prime Minister"
    assert actors.actors_by_names(["U.S."])[0].kind_evidence == "gazetteer: country"
    actors.close()
    reopened = reopen()
    try:
        assert reopened.get_actor(NURI).kind_evidence == "ner: PERSON"
    finally:
        reopened.close()


def test_an_actor_without_evidence_answers_none(store: GraphStore) -> None:
    store.write_batch(GraphBatch(actors=(Actor(id="person:x", name="X", kind="person"),)))
    assert store.get_actor("person:x").kind_evidence is None


def test_the_newest_record_decides_the_evidence_like_the_kind(actors: GraphStore) -> None:
    newer = Actor(id=GM, name="General Motors", kind="organization", kind_evidence="ner: ORG")
    actors.write_batch(GraphBatch(actors=(newer,)))
    assert actors.get_actor(GM).kind_evidence == "ner: ORG"
    # Silent on the evidence, same kind: the stored evidence still explains it.
    silent = Actor(id=GM, name="General Motors", kind="organization")
    actors.write_batch(GraphBatch(actors=(silent,)))
    assert actors.get_actor(GM).kind_evidence == "ner: ORG"
    # Another kind without evidence: the old evidence explained the old kind only.
    person = Actor(id=GM, name="General Motors", kind="person")
    actors.write_batch(GraphBatch(actors=(person,)))
    got = actors.get_actor(GM)
    assert (got.kind, got.kind_evidence) == ("person", None)
    assert "GM" in got.aliases  # aliases still accumulate


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["General Motors"], [GM]),
        (["GM"], [GM]),
        (["general motors corporation"], [GM]),
        (["  GENERAL-MOTORS "], [GM]),
        (["US"], []),  # "U.S." normalises to "u s", not "us": no guessing here
        (["U. S."], [US]),
        (["america", "Al Maliki"], [MALIKI, US]),
        (["Nuri al-Maliki", "Nouri al-Maliki", "nouri al maliki"], [MALIKI, NURI]),
        (["Maliki"], []),
        ([], []),
        (["", "  ", "!!"], []),
    ],
    ids=lambda v: repr(v),
)
def test_actors_by_names_exact_alias_or_normalised(
    actors: GraphStore, names: list[str], expected: list[str]
) -> None:
    assert [a.id for a in actors.actors_by_names(names)] == expected


def test_actors_by_names_takes_any_iterable_and_answers_each_actor_once(
    actors: GraphStore,
) -> None:
    found = actors.actors_by_names(n for n in ("GM", "General Motors", "gm", "U.S."))
    assert [a.id for a in found] == [GM, US]
    assert found[0] == actors.get_actor(GM)


def test_actors_by_names_is_bounded(actors: GraphStore) -> None:
    too_many = [f"name {i}" for i in range(MAX_NAMES + 1)]
    with pytest.raises(InvalidInput, match=str(MAX_NAMES)):
        actors.actors_by_names(too_many)
    assert actors.actors_by_names([*too_many[: MAX_NAMES - 1], "GM"])[0].id == GM


def test_same_as_candidates_are_recorded_and_shown_on_both_actors(actors: GraphStore) -> None:
    before = actors.stats()
    candidate = SameAsCandidate(actor=NURI, candidate=MALIKI, reason="one-letter vowel variant")
    result = actors.write_batch(GraphBatch(same_as=(candidate,)))
    assert result.written["same_as"] == 1
    nuri = actors.actor_detail(NURI)
    assert [(c.id, c.name, c.kind, c.reason) for c in nuri.same_as_candidates] == [
        (MALIKI, "Nouri al-Maliki", "person", "one-letter vowel variant")
    ]
    maliki = actors.actor_detail(MALIKI)
    assert [(c.id, c.reason) for c in maliki.same_as_candidates] == [
        (NURI, "one-letter vowel variant")
    ]
    # Never merged, never a relation, never a path.
    assert actors.get_actor(NURI).name == "Nuri al-Maliki"
    assert actors.stats() == before
    assert actors.find_paths(NURI, MALIKI, 6, 5).paths == []
    assert actors.related_actors(NURI, Window(), None, 10).items == []


def test_same_as_is_idempotent_and_a_newer_reason_replaces(actors: GraphStore, reopen) -> None:
    first = SameAsCandidate(actor=NURI, candidate=MALIKI, reason="vowel variant")
    actors.write_batch(GraphBatch(same_as=(first,)))
    actors.write_batch(GraphBatch(same_as=(first,)))
    assert len(actors.actor_detail(NURI).same_as_candidates) == 1
    newer = first.model_copy(update={"reason": "vowel variant, same party"})
    actors.write_batch(GraphBatch(same_as=(newer,)))
    (shown,) = actors.actor_detail(MALIKI).same_as_candidates
    assert shown.reason == "vowel variant, same party"
    actors.close()
    reopened = reopen()
    try:
        (kept,) = reopened.actor_detail(NURI).same_as_candidates
        assert (kept.id, kept.reason) == (MALIKI, "vowel variant, same party")
    finally:
        reopened.close()


def test_same_as_in_both_directions_is_shown_once(actors: GraphStore) -> None:
    actors.write_batch(
        GraphBatch(
            same_as=(
                SameAsCandidate(actor=NURI, candidate=MALIKI, reason="from nuri"),
                SameAsCandidate(actor=MALIKI, candidate=NURI, reason="from maliki"),
                SameAsCandidate(actor=NURI, candidate=GM, reason="an odd guess"),
            )
        )
    )
    nuri = actors.actor_detail(NURI).same_as_candidates
    assert [(c.id, c.reason) for c in nuri] == [(GM, "an odd guess"), (MALIKI, "from nuri")]
    maliki = actors.actor_detail(MALIKI).same_as_candidates
    assert [(c.id, c.reason) for c in maliki] == [(NURI, "from maliki")]


def test_same_as_ends_may_come_in_the_same_batch(store: GraphStore) -> None:
    a = Actor(id="person:saddam", name="Saddam", kind="person")
    b = Actor(id="person:saddam-hussein", name="Saddam Hussein", kind="person")
    store.write_batch(
        GraphBatch(
            actors=(a, b),
            same_as=(SameAsCandidate(actor=a.id, candidate=b.id, reason="first name"),),
        )
    )
    assert [c.id for c in store.actor_detail(a.id).same_as_candidates] == [b.id]


def test_a_candidate_with_an_unknown_end_is_refused_and_nothing_is_written(
    actors: GraphStore,
) -> None:
    before = actors.stats()
    newcomer = Actor(id="person:newcomer", name="Newcomer", kind="person")
    event = Event(
        id="event:newcomer-speaks",
        type="statement",
        summary="Newcomer speaks",
        participants=(Participant(actor=newcomer.id),),
    )
    bad = GraphBatch(
        actors=(newcomer,),
        events=(event,),
        same_as=(
            SameAsCandidate(actor=newcomer.id, candidate="person:nobody", reason="guess"),
            SameAsCandidate(actor="person:ghost", candidate=MALIKI, reason="guess"),
        ),
    )
    with pytest.raises(InvalidInput) as raised:
        actors.write_batch(bad)
    messages = " ".join(e["message"] for e in raised.value.errors)
    assert "person:nobody" in messages and "person:ghost" in messages
    assert "same_as candidate" in messages
    assert actors.stats() == before
    with pytest.raises(NotFound):
        actors.get_actor(newcomer.id)
    assert actors.actor_detail(MALIKI).same_as_candidates == []


def test_an_actor_cannot_be_its_own_candidate() -> None:
    with pytest.raises(ValueError, match="itself"):
        SameAsCandidate(actor=NURI, candidate=NURI, reason="same")
