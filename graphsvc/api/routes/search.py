"""Search across the graph: events (summaries and source sentences), actors (names and
aliases) and documents (titles), ranked by BM25."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import SinceParam, UntilParam
from graphsvc.model import EventType
from graphsvc.service import search as searching
from graphsvc.store.base import MAX_LIMIT
from graphsvc.views import SearchResults

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    summary="Full-text search over events, source sentences, actors and document titles",
)
def search(
    store: StoreDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=searching.MAX_QUERY_CHARS,
            description="Words to find (letters and digits; everything else separates "
            "words and is never query syntax). A result matches any word; more matched "
            'words rank higher. Words are stemmed: "ceasefires" finds "ceasefire".',
        ),
    ],
    since: SinceParam = None,
    until: UntilParam = None,
    type: Annotated[
        list[EventType] | None,
        Query(description="Only events of these types (repeat for several); answers events only."),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only events this actor (id) took part in; answers events only.",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        Query(
            description="Which lists to fill: actor, event, document (comma-separated or "
            "repeated); default all."
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many of each.")] = 20,
) -> SearchResults:
    """Three lists, each ranked by BM25 (SQLite FTS5 on the embedded store, Neo4j
    full-text indexes on Neo4j), best first: `actors` (name, aliases), `events` (summary
    plus best source sentence) and `documents` (title). `since`/`until` keep events
    overlapping the window (undated ones drop out) and documents published in it, and
    leave actors out; `type` and `actor` answer events only.

    Each hit carries a `snippet`: plain text of the field that matched (~160 characters
    around the first match) and `marks`, the [start, end) offsets of the matched words in
    it. Snippets carry no markup: a client escapes the text and marks it itself.

    A query without letters or digits, of more than 32 distinct words or more than
    500 characters answers 422 saying so; an unknown `actor` answers 404."""
    return searching.search(
        store,
        settings,
        q,
        since=since,
        until=until,
        types=type,
        actor=actor,
        kinds=kind,
        limit=limit,
    )
