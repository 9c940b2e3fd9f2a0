"""The model refuses what would corrupt the graph: inverted intervals, bad ids, loops."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graphsvc.model import Actor, Event, GraphBatch, Participant, Relation, Source, When, slugify


def test_when_refuses_start_after_end() -> None:
    with pytest.raises(ValidationError, match="after end"):
        When(start=date(2016, 1, 2), end=date(2016, 1, 1), precision="day")


def test_when_precision_is_closed() -> None:
    with pytest.raises(ValidationError):
        When(start=date(2016, 1, 1), end=date(2016, 1, 1), precision="fortnight")


@pytest.mark.parametrize("bad", ["Putin", "person:", "person:Vladimir Putin", ":x", "a:-x"])
def test_actor_ids_are_prefixed_slugs(bad: str) -> None:
    with pytest.raises(ValidationError):
        Actor(id=bad, name="X", kind="person")


def test_event_may_name_no_actor_but_lists_none_twice() -> None:
    """Issue 13: "a bomb exploded" is an event though no actor is named."""
    assert Event(id="event:x", type="other", summary="s", participants=()).participants == ()
    twice = (Participant(actor="person:a"), Participant(actor="person:a"))
    with pytest.raises(ValidationError, match="twice"):
        Event(id="event:x", type="other", summary="s", participants=twice)


def test_event_type_vocabulary_is_closed() -> None:
    with pytest.raises(ValidationError):
        Event(id="event:x", type="DROP", summary="s", participants=(Participant(actor="p:a"),))


def test_source_offsets_go_together_and_in_order() -> None:
    with pytest.raises(ValidationError, match="together"):
        Source(document="d", sentence="s", char_start=3)
    with pytest.raises(ValidationError, match="after"):
        Source(document="d", sentence="s", char_start=5, char_end=2)


def test_relation_type_is_closed_and_not_reflexive() -> None:
    with pytest.raises(ValidationError):
        Relation(source="person:a", type="KNOWS", target="person:b")
    with pytest.raises(ValidationError, match="itself"):
        Relation(source="person:a", type="ALLY_OF", target="person:a")


def test_slugify_makes_readable_ids() -> None:
    assert slugify("Bashar al-Assad") == "bashar-al-assad"
    assert slugify("  U.S.-backed  rebels ") == "u-s-backed-rebels"
    assert slugify("???") == "unnamed"


def test_batch_counts() -> None:
    batch = GraphBatch(actors=(Actor(id="person:a", name="A", kind="person"),))
    assert batch.counts() == {
        "documents": 0,
        "actors": 1,
        "events": 0,
        "relations": 0,
        "same_as": 0,
    }
    assert not batch.is_empty()
    assert GraphBatch().is_empty()
