"""Rewriting a batch that names merged-away actor ids (graphsvc/store/redirect.py)."""

from __future__ import annotations

from graphsvc.model import Actor, Event, GraphBatch, Participant, Relation, SameAsCandidate
from graphsvc.store.redirect import actor_ids, redirect_batch

OLD, NEW, OTHER = "person:old", "person:new", "person:other"
MERGED = {OLD: NEW}


def _batch() -> GraphBatch:
    return GraphBatch(
        actors=(
            Actor(id=OLD, name="Old Name", kind="person", aliases=("Oldie",)),
            Actor(id=OTHER, name="Other", kind="person"),
        ),
        events=(
            Event(
                id="event:e",
                type="consult",
                summary="meeting",
                reported_by=OLD,
                participants=(
                    Participant(actor=OLD, role="agent"),
                    Participant(actor=NEW, role="agent"),
                    Participant(actor=OTHER, role="target"),
                ),
            ),
            Event(
                id="event:untouched",
                type="consult",
                summary="x",
                participants=(Participant(actor=OTHER),),
            ),
        ),
        relations=(
            Relation(source=OLD, type="ALLY_OF", target=OTHER),
            Relation(source=OLD, type="OPPOSES", target=NEW),
        ),
        same_as=(
            SameAsCandidate(actor=OTHER, candidate=OLD, reason="r"),
            SameAsCandidate(actor=NEW, candidate=OLD, reason="r"),
        ),
    )


def test_actor_ids_lists_every_reference() -> None:
    assert actor_ids(_batch()) == {OLD, NEW, OTHER}


def test_a_batch_without_merged_ids_is_returned_as_it_is() -> None:
    batch = _batch()
    assert redirect_batch(batch, {}).batch is batch
    assert redirect_batch(batch, {"person:elsewhere": NEW}).batch is batch


def test_every_reference_goes_to_the_merged_actor() -> None:
    result = redirect_batch(_batch(), MERGED)
    batch = result.batch
    assert [a.id for a in batch.actors] == [OTHER]
    assert result.absorbed == {NEW: ("Old Name", "Oldie")}
    event = batch.events[0]
    assert [(p.actor, p.role) for p in event.participants] == [(NEW, "agent"), (OTHER, "target")]
    assert event.reported_by == NEW
    assert batch.events[1] == _batch().events[1]
    assert [(r.source, r.type.value, r.target) for r in batch.relations] == [
        (NEW, "ALLY_OF", OTHER)
    ]
    assert [c.key for c in batch.same_as] == [(OTHER, NEW)]
    assert OLD not in actor_ids(batch)
