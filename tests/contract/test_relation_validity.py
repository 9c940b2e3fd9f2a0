"""Relations keep their role text, basis, validity (with precision), `current`,
publication day and offsets on every backend, through a reopen and an actor merge, and
the new relation types count and filter like the old ones."""

from __future__ import annotations

from datetime import date

from graphsvc.model import Actor, ActorKind, Document, GraphBatch, Relation, RelationType
from graphsvc.store.base import GraphStore, Window

HALL = "person:peter-hall"
HALL_TOO = "person:p-hall"
SIEMENS = "organization:siemens"
MUNICH = "place:munich"
DOC = "siemens-history"


def _batch() -> GraphBatch:
    worked = Relation(
        source=HALL,
        type=RelationType.WORKS_FOR,
        target=SIEMENS,
        since=date(1961, 1, 1),
        until=date(1975, 12, 31),
        since_precision="year",
        until_precision="year",
        current=False,
        stated_on=date(2016, 1, 22),
        role="chief financial officer",
        basis="stated",
        document=DOC,
        sentence="Peter Hall was chief financial officer of Siemens from 1961 to 1975.",
        char_start=10,
        char_end=79,
    )
    based = Relation(
        source=SIEMENS,
        type=RelationType.BASED_IN,
        target=MUNICH,
        current=True,
        stated_on=date(2016, 1, 22),
        basis="inferred",
        document=DOC,
        sentence="Siemens, based in Munich, ...",
    )
    return GraphBatch(
        documents=(Document(id=DOC, title="Siemens history", published=date(2016, 1, 22)),),
        actors=(
            Actor(id=HALL, name="Peter Hall", kind=ActorKind.person),
            Actor(id=HALL_TOO, name="P. Hall", kind=ActorKind.person),
            Actor(id=SIEMENS, name="Siemens", kind=ActorKind.organization),
            Actor(id=MUNICH, name="Munich", kind=ActorKind.place),
        ),
        relations=(worked, based),
    )


def _relation(store: GraphStore, actor: str, window: Window | None = None):
    page = store.related_actors(actor, window or Window(), None, 50)
    return [(item.actor.id, r) for item in page.items for r in item.relations]


def test_relation_fields_are_kept_and_read_back(store: GraphStore) -> None:
    store.write_batch(_batch())
    ((other, relation),) = _relation(store, HALL)
    assert other == SIEMENS and relation.type == RelationType.WORKS_FOR
    assert relation.role == "chief financial officer" and relation.basis == "stated"
    assert (relation.since, relation.until) == (date(1961, 1, 1), date(1975, 12, 31))
    assert (relation.since_precision, relation.until_precision) == ("year", "year")
    assert relation.current is False and relation.stated_on == date(2016, 1, 22)
    assert relation.phrase == "chief financial officer of"
    assert relation.validity == "1961 to 1975"
    based = [r for other, r in _relation(store, SIEMENS) if other == MUNICH]
    assert [(r.type, r.basis, r.current) for r in based] == [
        (RelationType.BASED_IN, "inferred", True)
    ]
    assert store.stats().relations == 2


def test_as_of_a_day_keeps_what_held_then(store: GraphStore) -> None:
    store.write_batch(_batch())
    day = Window(since=date(1970, 3, 1), until=date(1970, 3, 1))
    assert [o for o, _ in _relation(store, HALL, day)] == [SIEMENS]
    later = Window(since=date(1990, 1, 1), until=date(1990, 1, 1))
    assert _relation(store, HALL, later) == []


def test_a_merge_keeps_the_relation_fields(store: GraphStore) -> None:
    store.write_batch(_batch())
    store.merge_actors(HALL, HALL_TOO)
    ((other, relation),) = _relation(store, HALL_TOO)
    assert other == SIEMENS
    assert relation.role == "chief financial officer" and relation.since_precision == "year"
    assert relation.stated_on == date(2016, 1, 22) and relation.current is False


def test_a_learned_relation_keeps_its_basis(store: GraphStore) -> None:
    """The statistical reader's relations say so on every backend (basis `learned`)."""
    learned = Relation(
        source=HALL,
        type=RelationType.LIVES_IN,
        target=MUNICH,
        stated_on=date(2016, 1, 22),
        basis="learned",
        document=DOC,
        sentence="Peter Hall, who has kept a flat near the Munich office, said...",
        char_start=0,
        char_end=47,
    )
    batch = _batch()
    store.write_batch(batch.model_copy(update={"relations": (*batch.relations, learned)}))
    found = [r for other, r in _relation(store, HALL) if other == MUNICH]
    assert [(r.type, r.basis) for r in found] == [(RelationType.LIVES_IN, "learned")]
