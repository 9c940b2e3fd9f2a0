"""Timeline filters of the embedded store: whether an event, by its sort key, passes a
query's filters (the cursor aside), and what `undated_count` counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from graphsvc.model import Event
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.cursor import SortKey


def undated_filter(events: Mapping[str, Event], query: TimelineQuery) -> Callable[[SortKey], bool]:
    """Whether an event is undated and passes the filters that can apply to it
    (type, text, factuality): what `undated_count` counts, listed or not."""
    kept = event_filter(events, query.model_copy(update={"window": Window(), "undated": True}))

    def undated(key: SortKey) -> bool:
        return events[key[2]].when is None and kept(key)

    return undated


def event_filter(events: Mapping[str, Event], query: TimelineQuery) -> Callable[[SortKey], bool]:
    """Whether an event (by its sort key) passes the query's filters, cursor aside."""
    types = set(query.types)
    bases = set(query.bases)
    needle = query.q.casefold() if query.q else None
    window = query.window

    def keep(key: SortKey) -> bool:
        event = events[key[2]]
        if types and event.type not in types:
            return False
        if event.factuality not in query.factualities:
            return False
        if needle and needle not in event.summary.casefold():
            return False
        if query.document and all(s.document != query.document for s in event.sources):
            return False
        if event.when is None:
            return query.undated and window.is_open
        if bases and event.when.basis not in bases:
            return False
        return window.overlaps(event.when.start, event.when.end)

    return keep
