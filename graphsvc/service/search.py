"""Search across the graph: the words of a query, its filters read and checked, then
the store's full-text indexes (`graphsvc.store.fulltext`). Blocking.

Filters keep what they can speak of: `type` and `actor` narrow the answer to events;
`since`/`until` to events overlapping the window and documents published in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphsvc.errors import InvalidInput
from graphsvc.model import EventType
from graphsvc.service.params import page_limit, window_from
from graphsvc.settings import Settings
from graphsvc.store.base import KINDS, GraphStore, SearchKind, SearchQuery
from graphsvc.store.fulltext import terms_of
from graphsvc.views import SearchResults

#: Characters of one query at most: a search is a few words, not a document.
MAX_QUERY_CHARS = 500


def search(
    store: GraphStore,
    settings: Settings,
    q: str,
    *,
    since: str | None = None,
    until: str | None = None,
    types: Sequence[EventType] | None = None,
    actor: str | None = None,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
) -> SearchResults:
    """At most `limit` actors, events and documents each, best first. 422 for a query
    with no words or too long, an unknown kind; 404 for an unknown actor (an id merged
    away resolves to the actor it went into)."""
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidInput(f"q is {len(q)} characters long; at most {MAX_QUERY_CHARS}")
    terms = terms_of(q)
    actor_id = store.get_actor(actor).id if actor else None
    query = SearchQuery(
        terms=terms,
        kinds=kinds_from(kinds),
        window=window_from(since, until),
        types=tuple(types or ()),
        actor=actor_id,
        limit=page_limit(settings, limit),
    )
    return store.search(query).model_copy(update={"q": q})


def kinds_from(given: Sequence[str] | None) -> tuple[SearchKind, ...]:
    """Comma-separated or repeated kinds (actor, event, document); all when none."""
    if not given:
        return KINDS
    wanted = [part.strip() for value in given for part in value.split(",") if part.strip()]
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise InvalidInput(f"kind {unknown[0]!r} is not one of {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in wanted)
