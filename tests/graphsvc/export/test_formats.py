"""Each export format, for Putin's timeline of the example data, read back by a real
reader: json (loads back into a fresh store as the same events), csv (the csv module),
ics (icalendar's parser), TimelineJS (a JSON schema of its shape) and graphml
(networkx)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import networkx as nx
from fastapi.testclient import TestClient
from icalendar import Calendar
from typer.testing import CliRunner

from graphsvc.api import create_app
from graphsvc.cli import app
from graphsvc.export import FORMATS, export_filename
from graphsvc.settings import Settings

PUTIN = "person:vladimir-putin"

TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "required": ["text"]},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text"],
                "properties": {
                    "start_date": {"$ref": "#/$defs/date"},
                    "end_date": {"$ref": "#/$defs/date"},
                    "text": {"type": "object", "required": ["headline"]},
                    "group": {"type": "string"},
                },
            },
        },
    },
    "$defs": {
        "date": {
            "type": "object",
            "required": ["year"],
            "properties": {
                "year": {"type": "string", "pattern": "^-?[0-9]+$"},
                "month": {"type": "string", "pattern": "^([1-9]|1[0-2])$"},
                "day": {"type": "string", "pattern": "^([1-9]|[12][0-9]|3[01])$"},
            },
            "additionalProperties": False,
        }
    },
}


def _export(client: TestClient, fmt: str, **params: str):
    response = client.get("/timeline/export", params={"format": fmt, "actor": PUTIN, **params})
    assert response.status_code == 200, response.text
    return response


def test_json_export_loads_back_to_the_same_events(loaded_client: TestClient) -> None:
    exported = json.loads(_export(loaded_client, "json").text)
    timeline = loaded_client.get("/timeline", params={"actor": PUTIN}).json()["items"]
    assert [{k: v for k, v in e.items() if k != "edtf"} for e in exported["events"]] == timeline
    assert [e["edtf"] for e in exported["events"]] == ["2015-10-01~/2015-12-31~", "2015-10-20"]


def test_json_export_loaded_into_a_fresh_store_gives_the_same_events(
    loaded_client: TestClient, tmp_path: Path
) -> None:
    exported = _export(loaded_client, "json").text
    path = tmp_path / "putin.json"
    path.write_text(exported, encoding="utf-8")
    fresh = tmp_path / "fresh"
    result = CliRunner().invoke(app, ["load", str(path), "--data-dir", str(fresh)])
    assert result.exit_code == 0, result.output
    with TestClient(create_app(Settings(data_dir=fresh))) as again:
        assert _export(again, "json").text == exported
        assert again.get("/stats").json()["events"] == 2


def test_undated_events_are_exported_only_when_asked(loaded_client: TestClient) -> None:
    dated = json.loads(_export(loaded_client, "json").text)["events"]
    everything = json.loads(_export(loaded_client, "json", undated="true").text)["events"]
    assert len(everything) == len(dated) + 1  # the FT's report has no date of its own
    assert everything[-1]["start"] is None and everything[-1]["edtf"] is None
    calendar = Calendar.from_ical(_export(loaded_client, "ics", undated="true").content)
    assert len(calendar.walk("VEVENT")) == len(dated)


def test_graphml_export_reads_with_networkx(loaded_client: TestClient) -> None:
    response = _export(loaded_client, "graphml")
    assert response.headers["content-type"].startswith("application/graphml+xml")
    graph = nx.read_graphml(io.BytesIO(response.content))
    events = {n for n, d in graph.nodes(data=True) if d["node_type"] == "event"}
    assert events == {"event:putin-asks-assad-to-step-down", "event:putin-assad-kremlin-meeting"}
    meeting = graph.nodes["event:putin-assad-kremlin-meeting"]
    assert (meeting["start"], meeting["precision"], meeting["type"]) == (
        "2015-10-20",
        "day",
        "consult",
    )
    request = graph.nodes["event:putin-asks-assad-to-step-down"]
    assert request["approximate"] is True and request["edtf"] == "2015-10-01~/2015-12-31~"
    assert graph.nodes["person:vladimir-putin"]["kind"] == "person"
    assert graph.edges["person:vladimir-putin", "event:putin-asks-assad-to-step-down"]["role"] == (
        "agent"
    )
    # Every participant of every exported event is a node, joined to its event.
    assert all(
        graph.nodes[a]["node_type"] == "actor" for e in events for a in graph.predecessors(e)
    )
    participations = [d for *_, d in graph.edges(data=True) if d["relation"] == "PARTICIPATED_IN"]
    assert len(participations) == 7
    # Direct relations between exported actors are edges too (Putin ALLY_OF Assad).
    assert graph.edges["person:vladimir-putin", "person:bashar-al-assad"]["relation"] == "ALLY_OF"


def test_csv_export_reads_with_the_csv_module(loaded_client: TestClient) -> None:
    response = _export(loaded_client, "csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    assert rows[1]["precision"] == "day" and rows[1]["edtf"] == "2015-10-20"
    assert "Vladimir Putin (participant)" in rows[1]["participants"]


def test_csv_and_json_exports_name_the_documents_they_cite(loaded_client: TestClient) -> None:
    title = "Putin Asked Assad to Step Down as Syrian President"
    text = _export(loaded_client, "csv").content.decode("utf-8-sig")
    for row in csv.DictReader(io.StringIO(text)):
        cited = row["sources"].split(" | ")
        assert row["source_titles"].split(" | ") == [title] * len(cited)
        assert row["source_urls"].split(" | ") == [""] * len(cited)  # the example has none
    exported = json.loads(_export(loaded_client, "json").text)
    document = exported["documents"]["newsweek-putin-assad-step-down"]
    assert document["title"] == title and document["source"] == "Newsweek"
    cited = {s["document"] for e in exported["events"] for s in e["sources"]}
    assert set(exported["documents"]) == cited


def test_ics_export_parses_with_exclusive_ends(loaded_client: TestClient) -> None:
    calendar = Calendar.from_ical(_export(loaded_client, "ics").content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    meeting = next(e for e in events if "Kremlin" in str(e["SUMMARY"]))
    assert meeting.decoded("DTSTART") == date(2015, 10, 20)
    assert meeting.decoded("DTEND") == date(2015, 10, 20) + timedelta(days=1)
    request = next(e for e in events if e is not meeting)
    assert str(request["SUMMARY"]).startswith("~ ")  # approximate
    assert request.decoded("DTEND") == date(2016, 1, 1)


def test_timelinejs_export_matches_its_shape(loaded_client: TestClient) -> None:
    data = json.loads(_export(loaded_client, "timelinejs").text)
    jsonschema.validate(data, TIMELINEJS_SCHEMA)
    by_id = {e["unique_id"]: e for e in data["events"]}
    assert by_id["event-putin-assad-kremlin-meeting"]["start_date"] == {
        "year": "2015",
        "month": "10",
        "day": "20",
    }
    quarter = by_id["event-putin-asks-assad-to-step-down"]
    assert quarter["start_date"] == {"year": "2015", "month": "10"}  # no invented day


def test_export_filters_and_errors(loaded_client: TestClient) -> None:
    all_events = json.loads(loaded_client.get("/timeline/export").text)["events"]
    september = json.loads(
        loaded_client.get("/timeline/export", params={"since": "2015-09", "until": "2015-09"}).text
    )["events"]
    assert len(september) == 1 and len(all_events) > 1
    assert loaded_client.get("/timeline/export", params={"format": "pdf"}).status_code == 422
    assert (
        loaded_client.get("/timeline/export", params={"actor": "person:nobody"}).status_code == 404
    )


def test_downloads_are_named_after_their_actor_and_window(loaded_client: TestClient) -> None:
    def saved_as(**params: str) -> str:
        response = loaded_client.get("/timeline/export", params=params)
        assert response.status_code == 200, response.text
        disposition = response.headers["content-disposition"]
        assert disposition.startswith("attachment; ")
        return disposition.split('filename="', 1)[1].rstrip('"')

    assert saved_as(format="ics", actor=PUTIN, since="2015", until="2015") == (
        "timeline-vladimir-putin-2015.ics"
    )
    assert saved_as(format="csv", since="2015-09", until="2016-01") == (
        "timeline-2015-09-to-2016-01.csv"
    )
    assert saved_as(format="graphml", actor=PUTIN, until="2016") == (
        "timeline-vladimir-putin-until-2016.graphml"
    )
    assert saved_as(format="timelinejs") == "timeline.timelinejs.json"
    # Each format under a name of its own: a JSON and a TimelineJS download of one
    # timeline used to share `timeline-vladimir-putin.json`.
    names = {fmt: saved_as(format=fmt, actor=PUTIN) for fmt in FORMATS}
    assert len(set(names.values())) == len(FORMATS), names
    assert names["json"] == "timeline-vladimir-putin.json"
    assert names["timelinejs"] == "timeline-vladimir-putin.timelinejs.json"


def test_file_names_are_plain_ascii_whatever_the_name() -> None:
    assert export_filename("Ségolène Royal", "last week", None, "ics") == (
        "timeline-segolene-royal-from-last-week.ics"
    )
    assert export_filename('"; rm -rf', None, None, "csv") == "timeline-rm-rf.csv"


def test_timeline_and_exports_take_a_document(loaded_client: TestClient) -> None:
    doc = "newsweek-putin-assad-step-down"
    page = loaded_client.get("/timeline", params={"document": doc, "undated": "true"}).json()
    assert page["count"] == len(page["items"]) > 0
    assert all(any(s["document"] == doc for s in e["sources"]) for e in page["items"])
    exported = json.loads(
        loaded_client.get("/timeline/export", params={"document": "elsewhere"}).text
    )
    assert exported["events"] == [] and exported["documents"] == {}
