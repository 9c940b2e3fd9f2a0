"""The read questions, from a user's parameters to a store answer: search, timeline,
relations and paths, each with the server's ceilings applied.

The adapters pass what the user typed (dates as text, choices as strings) and get the
store's answer model back; the ceilings and date reading are the same for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphsvc.model import ActorKind, EventType
from graphsvc.service.calls import ask
from graphsvc.service.params import (
    bases_from,
    factualities_from,
    hop_limit,
    page_limit,
    window_as_of,
    window_from,
)
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore, TimelineQuery
from graphsvc.views import ActorsPage, PathsResult, RelatedActorsPage, TimelinePage


@dataclass(frozen=True)
class TimelineFilter:
    """The filters of a timeline or an export, as a user gives them."""

    actor: str | None = None
    since: str | None = None
    until: str | None = None
    types: Sequence[EventType] | None = None
    q: str | None = None
    document: str | None = None
    basis: Sequence[str] | None = None
    factuality: Sequence[str] | None = None
    undated: bool = False

    def query(self, limit: int = 100, cursor: str | None = None) -> TimelineQuery:
        """The store's query: dates read, choices checked (422 naming a bad one)."""
        return TimelineQuery(
            actor=self.actor,
            window=window_from(self.since, self.until),
            types=tuple(self.types or ()),
            bases=bases_from(self.basis),
            factualities=factualities_from(self.factuality),
            q=self.q or None,
            document=self.document or None,
            undated=self.undated,
            limit=limit,
            cursor=cursor,
        )


def search_actors(store: GraphStore, settings: Settings, q: str, limit: int) -> ActorsPage:
    """Actors by name or alias (exact, then prefix, then substring); blocking."""
    items = store.search_actors(q, page_limit(settings, limit))
    return ActorsPage(items=items, count=len(items))


async def timeline(
    store: GraphStore,
    settings: Settings,
    given: TimelineFilter,
    limit: int = 100,
    cursor: str | None = None,
) -> TimelinePage:
    """One page of events in date order. One actor's timeline is kept by a store that
    keeps answers, so it may be answered without a thread hop; every other one scans."""
    query = given.query(page_limit(settings, limit), cursor)
    return await ask(store, store.timeline, query, short=given.actor is not None)


async def related_actors(
    store: GraphStore,
    settings: Settings,
    actor: str,
    *,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
    kind: ActorKind | None = None,
    limit: int = 50,
) -> RelatedActorsPage:
    """An actor's related actors, most connected first, in the window given: `since`
    and `until`, or the one day (or month, or year) `as_of`."""
    limit = page_limit(settings, limit)
    window = window_as_of(as_of, since, until)
    return await ask(store, store.related_actors, actor, window, kind, limit)


def find_paths(
    store: GraphStore, settings: Settings, source: str, target: str, max_hops: int, limit: int
) -> PathsResult:
    """Shortest paths between two actors, at most GRAPHSVC_MAX_HOPS edges; blocking."""
    return store.find_paths(source, target, hop_limit(settings, max_hops), limit)
