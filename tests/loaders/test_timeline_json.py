"""JSON timeline exports as input: bad events are named by index and nothing is parsed."""

from __future__ import annotations

import orjson
import pytest

from graphsvc.errors import InvalidInput
from loaders.timeline_json import parse_timeline_export

EVENT = {
    "id": "event:meeting",
    "type": "consult",
    "summary": "A meets B",
    "start": "2015-10-20",
    "end": "2015-10-20",
    "precision": "day",
    "approximate": False,
    "date_text": "October 20, 2015",
    "confidence": 1.0,
    "participants": [
        {"id": "person:a", "name": "A", "kind": "person", "role": "agent"},
        {"id": "person:b", "name": "B", "kind": "person", "role": "target"},
    ],
    "sources": [{"document": "doc-1", "sentence": "A met B on October 20, 2015."}],
    "edtf": "2015-10-20",
}


def _export(*events: object) -> bytes:
    return orjson.dumps({"title": "Timeline", "events": list(events)})


def test_events_actors_and_documents_come_back() -> None:
    batch = parse_timeline_export(_export(EVENT))
    (event,) = batch.events
    assert event.when is not None and event.when.text == "October 20, 2015"
    assert [(p.actor, p.role.value) for p in event.participants] == [
        ("person:a", "agent"),
        ("person:b", "target"),
    ]
    assert [a.id for a in batch.actors] == ["person:a", "person:b"]
    assert [d.id for d in batch.documents] == ["doc-1"]


def test_every_bad_event_is_named_and_nothing_is_parsed() -> None:
    bad_date = {**EVENT, "id": "event:two", "precision": "fortnight"}
    with pytest.raises(InvalidInput) as caught:
        parse_timeline_export(_export(EVENT, bad_date, "not an event"))
    assert [(e["event"], e["field"]) for e in caught.value.errors] == [
        (1, "precision"),
        (2, None),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"[]",
        b"{",
        b'{"title": "x"}',
        b'{"title": "x", "events": {}}',
        b'{"document": "d1", "actors": [], "events": [{"trigger": "said"}]}',
    ],
)
def test_what_is_not_an_export_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput, match="not a JSON timeline export"):
        parse_timeline_export(data)
