"""Compacted records: equal parts become one object, and the records stay equal."""

from __future__ import annotations

from datetime import date

from graphsvc.model import Event, EventType, Participant, Source, When
from graphsvc.store.embedded.compact import Compactor


def _event(event_id: str) -> Event:
    day = date(2020, 1, 2)
    return Event.model_validate_json(
        Event(
            id=event_id,
            type=EventType.attack,
            summary="Shelling",
            when=When(start=day, end=day, precision="day"),
            participants=(Participant(actor="person:a"), Participant(actor="person:b")),
            sources=(Source(document="doc-1", sentence="They shelled it."),),
        ).model_dump_json()
    )


def test_equal_fields_sets_and_days_are_shared_and_values_kept() -> None:
    compact = Compactor()
    first, second = _event("event:one"), _event("event:two")
    expected = (first.model_dump(), second.model_dump())
    for event in (first, second):
        compact.record(event)
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.sources[0].__pydantic_fields_set__ is second.sources[0].__pydantic_fields_set__
    assert first.when is not None and second.when is not None
    assert first.when.start is second.when.start
    assert (first.model_dump(), second.model_dump()) == expected


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    compact = Compactor()
    first, second = _event("event:one"), _event("event:two")
    compact.record(first)
    compact.record(second)
    shared = set(first.__pydantic_fields_set__)
    changed = first.model_copy(update={"summary": "Changed"})
    assert changed.__pydantic_fields_set__ is not first.__pydantic_fields_set__
    assert first.__pydantic_fields_set__ == shared
    assert second.summary == "Shelling"


def test_equal_parts_are_one_object_and_unequal_ones_stay_apart() -> None:
    compact = Compactor()
    first, second, third = _event("event:one"), _event("event:two"), _event("event:three")
    other = Participant(actor="person:a", mention="she")
    given = Participant(actor="person:b", basis="stated")  # same value, a field given
    third = third.model_copy(update={"participants": (other, given)})
    expected = [e.model_dump() for e in (first, second, third)]
    for event in (first, second, third):
        compact.record(event)
    assert first.participants[0] is second.participants[0]
    assert first.when is second.when
    assert third.participants[0] is not first.participants[0]
    assert third.participants[1] is not first.participants[1]
    assert third.participants[1].model_fields_set == {"actor", "basis"}
    assert [e.model_dump() for e in (first, second, third)] == expected
