"""Records: every bad line is reported with its number and field; nothing half-parsed."""

from __future__ import annotations

import json

import pytest

from graphsvc.errors import InvalidInput
from loaders.records import MAX_REPORTED_ERRORS, parse_jsonl, parse_objects

ACTOR = {"record": "actor", "id": "person:a", "name": "A", "kind": "person"}
EVENT = {
    "record": "event",
    "id": "event:e",
    "type": "consult",
    "summary": "A meets",
    "participants": [{"actor": "person:a"}],
    "when": {"start": "2015-08-01", "end": "2015-08-31", "precision": "month", "text": "in August"},
}


def _lines(*objects: object) -> list[str]:
    return [o if isinstance(o, str) else json.dumps(o) for o in objects]


def test_records_become_a_batch() -> None:
    batch = parse_jsonl(_lines(ACTOR, "", EVENT))
    assert [a.id for a in batch.actors] == ["person:a"]
    assert batch.events[0].when.precision == "month"
    assert batch.events[0].participants[0].role == "participant"


def test_actor_id_defaults_to_kind_and_slug() -> None:
    batch = parse_jsonl(_lines({"record": "actor", "name": "Bashar al-Assad", "kind": "person"}))
    assert batch.actors[0].id == "person:bashar-al-assad"


def test_every_error_is_named_with_line_and_field() -> None:
    bad_event = {**EVENT, "when": {**EVENT["when"], "start": "2015-13-01"}}
    lines = _lines(ACTOR, "{not json", bad_event, {"record": "tweet"}, [1, 2], {"name": "x"})
    with pytest.raises(InvalidInput) as raised:
        parse_jsonl(lines)
    errors = raised.value.errors
    assert [e["line"] for e in errors] == [2, 3, 4, 5, 6]
    assert errors[0]["message"].startswith("invalid JSON")
    assert errors[1]["field"] == "when.start"
    assert errors[2]["field"] == "record" and "tweet" in errors[2]["message"]
    assert "JSON object" in errors[3]["message"]
    assert "line 2" in raised.value.detail and "nothing was written" in raised.value.detail


def test_missing_fields_and_unknown_fields_are_errors() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_jsonl(_lines({"record": "actor", "id": "person:a", "kind": "person", "nick": "A"}))
    fields = {e["field"] for e in raised.value.errors}
    assert fields == {"name", "nick"}


def test_reported_errors_are_capped_but_counted() -> None:
    lines = ["{"] * (MAX_REPORTED_ERRORS + 5)
    with pytest.raises(InvalidInput) as raised:
        parse_jsonl(lines)
    assert len(raised.value.errors) == MAX_REPORTED_ERRORS
    assert raised.value.detail.startswith(f"{MAX_REPORTED_ERRORS + 5} error(s)")


def test_json_arrays_use_indexes() -> None:
    assert parse_objects([ACTOR]).actors[0].name == "A"
    with pytest.raises(InvalidInput) as raised:
        parse_objects([ACTOR, {"record": "actor"}])
    assert raised.value.errors[0]["index"] == 1
