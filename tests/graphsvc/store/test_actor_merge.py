"""The merge-by-hand rules both stores follow (graphsvc/store/actor_merge.py)."""

from __future__ import annotations

import pytest

from graphsvc.errors import InvalidInput, NotFound
from graphsvc.model import Actor, Event, Participant, Relation, SameAsCandidate
from graphsvc.store.actor_merge import check_merge, move_event, plan_merge, redirects_after

OLD = Actor(id="organization:gm", name="GM", kind="group", aliases=("G.M.", "gm"))
NEW = Actor(id="organization:general-motors", name="General Motors", kind="organization")
X = "person:x"


def test_check_merge_names_each_refusal() -> None:
    assert check_merge(OLD.id, NEW.id, OLD, None, NEW) == (OLD, NEW)
    with pytest.raises(InvalidInput, match="itself"):
        check_merge(OLD.id, OLD.id, OLD, None, OLD)
    with pytest.raises(NotFound, match=f"{OLD.id} was merged into {NEW.id}"):
        check_merge(OLD.id, X, None, NEW.id, None)
    with pytest.raises(NotFound, match="no actor with id 'organization:gm'"):
        check_merge(OLD.id, NEW.id, None, None, NEW)
    with pytest.raises(NotFound, match="to merge into"):
        check_merge(OLD.id, X, OLD, None, None)
    with pytest.raises(InvalidInput, match="one actor already"):
        check_merge(OLD.id, "organization:older", OLD, None, OLD)


def test_plan_moves_relations_and_candidates_and_keeps_the_targets_own() -> None:
    mine = Relation(source=OLD.id, type="PART_OF", target=X, document="d")
    theirs = Relation(source=NEW.id, type="PART_OF", target=X, document="d", sentence="kept")
    loop = Relation(source=NEW.id, type="ALLY_OF", target=OLD.id)
    incoming = Relation(source=X, type="HEAD_OF", target=OLD.id)
    plan = plan_merge(
        OLD,
        NEW,
        [mine, theirs, loop, incoming, loop],  # the loop is listed with both actors
        [
            SameAsCandidate(actor=OLD.id, candidate=NEW.id, reason="self"),
            SameAsCandidate(actor=X, candidate=OLD.id, reason="moves"),
            SameAsCandidate(actor=X, candidate=NEW.id, reason="stays"),
        ],
    )
    assert plan.actor.aliases == ("GM", "G.M.")  # "gm" is "GM" again, casefolded
    assert (plan.actor.name, plan.actor.kind) == ("General Motors", "organization")
    assert [(r.source, r.type.value, r.target) for r in plan.relations] == [(X, "HEAD_OF", NEW.id)]
    assert set(plan.gone_relations) == {mine.key, loop.key, incoming.key}
    assert plan.same_as == ()
    assert set(plan.gone_same_as) == {(OLD.id, NEW.id), (X, OLD.id)}


def test_move_event_keeps_places_and_drops_duplicates() -> None:
    event = Event(
        id="event:e",
        type="consult",
        summary="s",
        reported_by=OLD.id,
        participants=(
            Participant(actor=OLD.id, role="agent"),
            Participant(actor=X, role="target"),
            Participant(actor=OLD.id, role="participant"),
            Participant(actor=NEW.id, role="participant"),
        ),
    )
    moved = move_event(event, OLD.id, NEW.id)
    assert [(p.actor, p.role) for p in moved.participants] == [
        (NEW.id, "agent"),
        (X, "target"),
        (NEW.id, "participant"),
    ]
    assert moved.reported_by == NEW.id


def test_redirects_never_lead_to_another_redirect() -> None:
    earlier = {"organization:g-m": OLD.id, "organization:other": X}
    assert redirects_after(earlier, OLD.id, NEW.id) == {
        "organization:g-m": NEW.id,
        OLD.id: NEW.id,
    }
