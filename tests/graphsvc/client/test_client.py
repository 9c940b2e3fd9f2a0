"""Every method of `Client`, once, against the real server with the example loaded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import httpx2
import pytest

from graphsvc.client import Client
from graphsvc.client.models import (
    ActorDetail,
    ActorsPage,
    EventDetail,
    EventView,
    PathsResult,
    Stats,
    TimelinePage,
    WriteResult,
)
from graphsvc.model import EventType
from tests.conftest import EXAMPLES
from tests.graphsvc.client.conftest import StartServer

#: Every test talks to `graphsvc serve` run as a subprocess.
pytestmark = pytest.mark.e2e

PUTIN = "person:vladimir-putin"
ASSAD = "person:bashar-al-assad"
SERGUN = "person:igor-sergun"


def test_health_ready_stats_schema_and_metrics(graph: Client) -> None:
    assert graph.health().status == "ok"
    ready = graph.ready()
    assert (ready.status, ready.backend) == ("ready", "embedded")
    stats = graph.stats()
    assert isinstance(stats, Stats)
    assert (stats.actors, stats.events, stats.relations) == (14, 12, 5)
    schema = graph.schema()
    assert EventType.death in schema.event_types and "text" in schema.date_bases
    assert "graphsvc_requests_total" in graph.metrics()


def test_actors_their_relations_and_documents(graph: Client) -> None:
    found = graph.search_actors("Putin", limit=5)
    assert isinstance(found, ActorsPage)
    assert found.items[0].id == PUTIN and found.count == len(found.items)
    putin = graph.actor(PUTIN)
    assert isinstance(putin, ActorDetail)
    assert putin.name == "Vladimir Putin" and "Putin" in putin.aliases
    related = graph.related_actors(ASSAD, since="2015", until=date(2016, 12, 31), limit=3)
    assert related.actor.id == ASSAD
    assert related.items[0].actor.id == PUTIN and len(related.items) <= 3
    assert graph.related_actors(ASSAD, kind="place").items  # Syria, Russia
    assert all(r.actor.kind == "place" for r in graph.related_actors(ASSAD, kind="place").items)
    documents = graph.actor_documents(PUTIN)
    assert [d.id for d in documents.items] == ["newsweek-putin-assad-step-down"]


def test_timeline_page_with_typed_filters(graph: Client) -> None:
    page = graph.timeline(actor=PUTIN)
    assert isinstance(page, TimelinePage)
    assert [e.id for e in page.items] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    assert page.items[1].start == page.items[1].end == date(2015, 10, 20)
    january = graph.timeline(since=date(2016, 1, 1), until="January 2016")  # a date, a phrase
    assert "event:sergun-dies" in [e.id for e in january.items]
    assert january == graph.timeline(since="2016-01-01", until="2016-01-31")
    assert graph.timeline(actor=PUTIN, until=date(2015, 9, 30)).count == 0
    # Repeatable filters: one value or several, enums or their text.
    talks = graph.timeline(type=[EventType.consult, "appeal"], basis=["text", "context"])
    assert {e.type for e in talks.items} == {"consult", "appeal"}
    assert graph.timeline(type="death").items[0].summary.startswith("GRU head Igor Sergun")
    assert graph.timeline(factuality="negated").count == 0
    first = graph.timeline(limit=1)
    assert len(first.items) == 1 and first.next_cursor
    second = graph.timeline(limit=1, cursor=first.next_cursor)
    assert second.items[0].id != first.items[0].id
    undated = graph.timeline(undated=True, limit=1000)
    assert undated.count == undated.undated_count + graph.timeline(limit=1000).count


def test_iter_timeline_follows_the_cursor(graph: Client) -> None:
    """Small pages, one after another, give the events one big page gives, in order."""
    for filters in ({}, {"undated": True}, {"actor": ASSAD}):
        whole = graph.timeline(limit=1000, **filters).items  # type: ignore[arg-type]
        paged = list(graph.iter_timeline(page_size=2, **filters))  # type: ignore[arg-type]
        assert all(isinstance(e, EventView) for e in paged)
        assert [e.id for e in paged] == [e.id for e in whole]
        assert paged == whole
    assert len(list(graph.iter_timeline(undated=True, page_size=2))) == 12


def test_event_and_paths(graph: Client) -> None:
    event = graph.event("event:putin-assad-kremlin-meeting")
    assert isinstance(event, EventDetail)
    assert {p.id for p in event.participants} >= {PUTIN, ASSAD}
    assert event.documents[0].published == date(2016, 1, 22)
    paths = graph.paths(SERGUN, ASSAD, max_hops=4, limit=2)
    assert isinstance(paths, PathsResult)
    assert paths.paths and paths.paths[0].edges and len(paths.paths) <= 2
    assert paths.source.id == SERGUN and paths.target.id == ASSAD


def test_cypher(graph: Client) -> None:
    answer = graph.cypher("MATCH (a:Actor) RETURN a.name AS name LIMIT 5")
    assert answer.columns == ["name"] and len(answer.rows) == 5
    limited = graph.cypher("MATCH (a:Actor) WHERE a.id = $id RETURN a.name", {"id": PUTIN}, 2, 1)
    assert limited.rows == [["Vladimir Putin"]] and limited.row_limit == 1


@pytest.mark.parametrize("format", ["json", "csv", "timelinejs", "graphml", "ics"])
def test_export_streamed_to_a_file_is_the_routes_body(
    graph: Client, example_server: str, tmp_path: Path, format: str
) -> None:
    filters = {"since": "2015", "type": ["consult", "appeal", "attack"]}
    written = graph.export(PUTIN, format, tmp_path / f"putin.{format}", **filters)  # type: ignore[arg-type]
    assert written == tmp_path / f"putin.{format}"
    params = {"format": format, "actor": PUTIN, **filters}
    body = httpx2.get(f"{example_server}/timeline/export", params=params).content
    got = written.read_bytes()
    if format == "ics":  # each export stamps its own DTSTAMP
        stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
        got, body = stamp.sub(b"", got), stamp.sub(b"", body)
    assert body and got == body
    assert [p.name for p in tmp_path.iterdir()] == [written.name]  # no partial file left


def test_export_into_a_directory_takes_the_servers_name(graph: Client, tmp_path: Path) -> None:
    written = graph.export(PUTIN, "ics", tmp_path, since="2015", until="2015")
    assert written == tmp_path / "timeline-vladimir-putin-2015.ics"
    assert written.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_export_stream_yields_the_body_in_chunks(graph: Client) -> None:
    chunks = list(graph.export_stream(None, "csv", undated=True, chunk_size=512))
    assert len(chunks) > 1 and all(len(c) <= 512 for c in chunks)
    text = b"".join(chunks).decode("utf-8-sig")
    assert text.count("event:") >= 12


def test_writes_records_documents_and_merges(start_server: StartServer, tmp_path: Path) -> None:
    with start_server() as base, Client(base) as graph:
        before = graph.stats()
        # The example again, three ways: bytes, a file path, dicts. Idempotent each time.
        assert graph.post_records(EXAMPLES.read_bytes()).stats == before
        assert graph.post_records(EXAMPLES).stats == before
        assert graph.post_records(str(EXAMPLES)).stats == before
        two = [
            {"record": "actor", "id": "person:jane-roe", "name": "Jane Roe", "kind": "person"},
            {"record": "actor", "id": "person:j-roe", "name": "J. Roe", "kind": "person"},
        ]
        written = graph.post_records(iter(two))
        assert isinstance(written, WriteResult) and written.written["actors"] == 2
        as_array = tmp_path / "two.json"
        as_array.write_text('[{"record": "actor", "id": "person:j-roe", "name": "J. Roe", '
                            '"kind": "person"}]', encoding="utf-8")  # fmt: skip
        assert graph.post_records(as_array).stats.actors == before.actors + 2
        merged = graph.merge_actor("person:j-roe", into="person:jane-roe")
        assert merged.id == "person:jane-roe" and "J. Roe" in merged.aliases
        assert graph.actor("person:j-roe").id == "person:jane-roe"  # the 301, followed
        result = graph.post_document(
            "Vladimir Putin met Bashar al-Assad in Moscow on Tuesday.",
            title="A meeting",
            published=date(2016, 1, 22),
            source="Test",
            mode="news",
        )
        assert result.document.startswith("a-meeting-")
        assert PUTIN in result.actors and result.events
        assert result.stats.documents == before.documents + 1
