"""Each export says how a participation was found when the text does not name the
actor: JSON (and loading it back), a CSV column, GraphML edge attributes, TimelineJS
and iCal text; the MCP text says "resolved from ..."; records accept both fields and
refuse a basis that is not one of the three."""

from __future__ import annotations

import csv
import html
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from icalendar import Calendar

from graphsvc.errors import InvalidInput
from graphsvc.export import csv_export, graphml_export, ics_export, json_export, timelinejs_export
from graphsvc.mcp.text import event_lines
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import EmbeddedStore
from graphsvc.views import EventView
from loaders.records import parse_jsonl
from loaders.timeline_json import parse_timeline_export

ROE = "person:jane-roe"
ACME = "organization:acme"
DOC = "doc-roe"


def _batch() -> GraphBatch:
    event = Event(
        id="event:roe-founds-acme",
        type="other",
        summary="she founded Acme",
        when=When(start=date(1998, 3, 2), end=date(1998, 3, 2), precision="day"),
        participants=(
            Participant(actor=ROE, role="agent", basis="resolved", mention="she"),
            Participant(actor=ACME, role="target"),
        ),
        sources=(Source(document=DOC, sentence="In 1998 she founded Acme."),),
    )
    return GraphBatch(
        documents=(Document(id=DOC, title="Roe"),),
        actors=(
            Actor(id=ROE, name="Jane Roe", kind="person"),
            Actor(id=ACME, name="Acme", kind="organization"),
        ),
        events=(event,),
    )


@pytest.fixture
def events(tmp_path: Path) -> list[EventView]:
    store = EmbeddedStore(tmp_path)
    try:
        store.write_batch(_batch())
        return list(store.timeline(TimelineQuery(actor=ROE)).items)
    finally:
        store.close()


def _text(chunks) -> str:
    return "".join(chunks)


def test_json_carries_them_and_loads_back(events: list[EventView]) -> None:
    text = _text(json_export.write(events, "Jane Roe"))
    participants = json.loads(text)["events"][0]["participants"]
    assert [(p["id"], p["basis"], p["mention"]) for p in participants] == [
        (ROE, "resolved", "she"),
        (ACME, "stated", None),
    ]
    loaded = parse_timeline_export(text.encode())
    assert loaded.events[0].participants == _batch().events[0].participants


def test_csv_has_a_column_of_links_in_participant_order(events: list[EventView]) -> None:
    rows = list(csv.DictReader(io.StringIO(_text(csv_export.write(events, "t")).lstrip("\ufeff"))))
    assert rows[0]["participants"] == "Jane Roe (agent); Acme (target)"
    assert rows[0]["participant_links"] == "resolved from 'she'; stated"


def test_graphml_edges_carry_basis_and_mention(events: list[EventView], tmp_path: Path) -> None:
    path = tmp_path / "t.graphml"
    path.write_text(_text(graphml_export.write(events, "t")), encoding="utf-8")
    graph = nx.read_graphml(path)
    edges = {u: data for u, _, data in graph.edges(data=True)}
    assert (edges[ROE]["basis"], edges[ROE]["mention"]) == ("resolved", "she")
    assert edges[ACME]["basis"] == "stated" and "mention" not in edges[ACME]


def test_timelinejs_and_ical_text_say_it(events: list[EventView]) -> None:
    slide = json.loads(_text(timelinejs_export.write(events, "t")))["events"][0]
    assert "Jane Roe (resolved from 'she'), Acme" in html.unescape(slide["text"]["text"])
    calendar = Calendar.from_ical(_text(ics_export.write(events, "t")))
    description = str(next(iter(calendar.walk("VEVENT")))["description"])
    assert "participants: Jane Roe (agent, resolved from 'she'), Acme (target)" in description


def test_mcp_text_says_resolved_from(events: list[EventView]) -> None:
    line = event_lines(events[0], lambda _: None)[1]
    assert line == (
        '  participants: Jane Roe (agent, person:jane-roe, resolved from "she"), '
        "Acme (target, organization:acme)"
    )


def _records(participant: dict) -> list[str]:
    return [
        json.dumps({"record": "document", "id": DOC}),
        json.dumps({"record": "actor", "id": ROE, "name": "Jane Roe", "kind": "person"}),
        json.dumps(
            {
                "record": "event",
                "id": "event:x",
                "type": "other",
                "summary": "x",
                "participants": [participant],
                "sources": [{"document": DOC, "sentence": "She did x."}],
            }
        ),
    ]


def test_records_accept_basis_and_mention() -> None:
    batch = parse_jsonl(_records({"actor": ROE, "basis": "resolved", "mention": "She"}))
    assert batch.events[0].participants == (
        Participant(actor=ROE, basis="resolved", mention="She"),
    )


def test_records_refuse_an_unknown_basis_saying_where() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_jsonl(_records({"actor": ROE, "basis": "guessed"}))
    errors = caught.value.errors
    assert any("participants.0.basis" in e["field"] and e["line"] == 3 for e in errors), errors
