"""A timeline export: the filtered events in one of the formats, as text chunks read
from the store page by page, so an export of any size is streamed, never held whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graphsvc.export import (
    FORMATS,
    Citations,
    export_filename,
    export_subject,
    export_title,
    graphml_export,
    iter_events,
    store_relations,
)
from graphsvc.service.reads import TimelineFilter
from graphsvc.store.base import GraphStore


@dataclass(frozen=True)
class Export:
    """An export ready to stream: what to call it, its media type and its chunks."""

    filename: str
    media_type: str
    chunks: Iterator[str]


def export_timeline(store: GraphStore, given: TimelineFilter, format: str) -> Export:
    """The export of `format` (one of `FORMATS`). Blocking, and checked before the first
    chunk: a bad filter or an unknown actor (404) fails here, not midway through the
    stream, and the first page is already read (`iter_events`)."""
    query = given.query()
    subject = export_subject(store, given.actor)
    spec = FORMATS[format]
    citations = Citations(store)
    events = iter_events(store, query, citations)
    title = export_title(subject)
    if format == "graphml":  # the graph format also carries actor-to-actor relations
        chunks = graphml_export.write(events, title, citations, store_relations(store))
    else:
        chunks = spec.write(events, title, citations)
    filename = export_filename(subject, given.since, given.until, spec.extension)
    return Export(filename=filename, media_type=spec.media_type, chunks=chunks)
