"""Timeline exports: one module per format, and a registry from format name to writer.

Writers take an iterator of events (read page by page from the store) and yield text
chunks, so an export is streamed and never held whole in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from graphsvc.export import (
    csv_export,
    graphml_export,
    ics_export,
    json_export,
    timelinejs_export,
)
from graphsvc.store.base import GraphStore, TimelineQuery
from graphsvc.views import EventView

Writer = Callable[[Iterable[EventView], str], Iterator[str]]


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
        ExportFormat("timelinejs", "application/json", "json", timelinejs_export.write),
        ExportFormat("ics", "text/calendar; charset=utf-8", "ics", ics_export.write),
        ExportFormat("graphml", "application/graphml+xml", "graphml", graphml_export.write),
    )
}

PAGE_SIZE = 1000


def export_title(store: GraphStore, actor: str | None) -> str:
    """The export's title, naming the actor; raises NotFound before any byte is streamed."""
    return "Timeline" if actor is None else f"Timeline of {store.get_actor(actor).name}"


def iter_events(store: GraphStore, query: TimelineQuery) -> Iterator[EventView]:
    """Every event the query matches, fetched a page at a time with the cursor.

    The first page is read now, not when the stream starts: a bad query or a store that
    is away then fails as a proper error answer, not as a response cut off midway.
    """
    first = store.timeline(query.model_copy(update={"limit": PAGE_SIZE, "cursor": None}))

    def pages() -> Iterator[EventView]:
        page = first
        while True:
            yield from page.items
            if page.next_cursor is None:
                return
            update = {"limit": PAGE_SIZE, "cursor": page.next_cursor}
            page = store.timeline(query.model_copy(update=update))

    return pages()
