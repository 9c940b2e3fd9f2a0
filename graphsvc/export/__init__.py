"""Timeline exports: one module per format, and a registry from format name to writer.

Writers take an iterator of events (read page by page from the store) and yield text
chunks, so an export is streamed and never held whole in memory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graphsvc.export import (
    csv_export,
    graphml_export,
    ics_export,
    json_export,
    timelinejs_export,
)
from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.store.base import MAX_LIMIT, GraphStore, TimelineQuery, Window
from graphsvc.views import EventView, RelationView

#: A format's writer: events, the title, and the documents the events cite.
Writer = Callable[[Iterable[EventView], str, Citations], Iterator[str]]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    media_type: str
    extension: str
    write: Writer


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", "application/json", "json", json_export.write),
        ExportFormat("csv", "text/csv; charset=utf-8", "csv", csv_export.write),
        # Its own extension before .json: a TimelineJS download must not take the
        # name of the JSON export of the same timeline (and overwrite it).
        ExportFormat("timelinejs", "application/json", "timelinejs.json", timelinejs_export.write),
        ExportFormat("ics", "text/calendar; charset=utf-8", "ics", ics_export.write),
        ExportFormat("graphml", "application/graphml+xml", "graphml", graphml_export.write),
    )
}

PAGE_SIZE = 1000


def export_subject(store: GraphStore, actor: str | None) -> str | None:
    """The name of the actor an export is about (None: every event); raises NotFound
    before any byte is streamed."""
    return None if actor is None else store.get_actor(actor).name


def export_title(subject: str | None) -> str:
    return "Timeline" if subject is None else f"Timeline of {subject}"


def _slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: safe in any file system and header."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def export_filename(
    subject: str | None, since: str | None, until: str | None, extension: str
) -> str:
    """What a download is saved as: the actor and window in words, e.g.
    `timeline-vladimir-putin-2015.ics`, `timeline-from-2015-09-to-2016-01.csv`."""
    parts = ["timeline", _slug(subject or "")]
    if since and until:
        parts.append(_slug(since) if since == until else f"{_slug(since)}-to-{_slug(until)}")
    elif since:
        parts.append(f"from-{_slug(since)}")
    elif until:
        parts.append(f"until-{_slug(until)}")
    name = "-".join(part for part in parts if part)[:150].strip("-") or "timeline"
    return f"{name}.{extension}"


def iter_events(
    store: GraphStore, query: TimelineQuery, citations: Citations = NO_CITATIONS
) -> Iterator[EventView]:
    """Every event the query matches, fetched a page at a time with the cursor; the
    documents each page cites are looked up into `citations` before its events go out.

    The first page is read now, not when the stream starts: a bad query or a store that
    is away then fails as a proper error answer, not as a response cut off midway.
    """
    first = store.timeline(query.model_copy(update={"limit": PAGE_SIZE, "cursor": None}))
    citations.learn(first.items)

    def pages() -> Iterator[EventView]:
        page = first
        while True:
            yield from page.items
            if page.next_cursor is None:
                return
            update = {"limit": PAGE_SIZE, "cursor": page.next_cursor}
            page = store.timeline(query.model_copy(update=update))
            citations.learn(page.items)

    return pages()


def store_relations(store: GraphStore) -> graphml_export.RelationsOf:
    """The direct relations of the given actors, read from the store, each once (as
    its source sees it)."""

    def relations(actor_ids: list[str]) -> Iterator[tuple[str, str, RelationView]]:
        for actor_id in actor_ids:
            page = store.related_actors(actor_id, Window(), None, MAX_LIMIT)
            for item in page.items:
                for rel in item.relations:
                    if rel.direction == "out":
                        yield page.actor.id, item.actor.id, rel

    return relations
