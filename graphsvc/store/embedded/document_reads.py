"""Documents on the embedded store's graph: the list, one document's detail, and which
actors a delete leaves with nothing."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graphsvc.errors import NotFound
from graphsvc.model import Event, Relation
from graphsvc.store.base import DocumentQuery
from graphsvc.store.claims import names_actor
from graphsvc.store.documents import (
    build_detail,
    decode_document_cursor,
    document_key,
    encode_document_cursor,
    published_in,
    title_matches,
)
from graphsvc.views import DocumentDetail, DocumentsPage, DocumentSummary

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph

NOT_FOUND = "no document with id {!r}; list documents with GET /documents"


def list_documents(graph: MemoryGraph, query: DocumentQuery) -> DocumentsPage:
    """A sort of the matching documents a page: documents are few beside events
    (one per article), so no order is kept between writes."""
    matched = sorted(
        document_key(d.published, d.id)
        for d in graph.documents.values()
        if published_in(d.published, query.window) and title_matches(d.title, query.q)
    )
    position = 0
    if query.cursor:
        position = bisect_right(matched, document_key(*decode_document_cursor(query.cursor)))
    page = matched[position : position + query.limit + 1]
    items = [
        DocumentSummary.of(graph.documents[key[2]], graph.cited_count(key[2]))
        for key in page[: query.limit]
    ]
    last = items[-1] if items else None
    cursor = (
        encode_document_cursor(last.published, last.id)
        if last is not None and len(page) > query.limit
        else None
    )
    return DocumentsPage(items=items, count=len(matched), next_cursor=cursor)


def document_detail(graph: MemoryGraph, document_id: str) -> DocumentDetail:
    document = graph.documents.get(document_id)
    if document is None:
        raise NotFound(NOT_FOUND.format(document_id))
    events = graph.events_citing(document_id)
    relations = graph.relations_given(document_id)
    ids = {e.reported_by for e in events if e.reported_by is not None}
    ids.update(end for r in relations for end in (r.source, r.target))
    refs = {i: graph.actor_ref(i) for i in ids if i in graph.actors}
    summary = DocumentSummary.of(document, len(events))
    return build_detail(summary, [graph.event_view(e) for e in events], relations, refs)


def left_with_nothing(
    graph: MemoryGraph,
    touched: Iterable[str],
    dropped: Iterable[str],
    written: Iterable[Event],
    gone: Iterable[tuple[str, str, str, str]],
    added: Iterable[Relation] = (),
) -> tuple[str, ...]:
    """The `touched` actors that nothing names once a write has removed the `dropped`
    events and `gone` relations and written the `written` events (new or changed) and
    `added` relations: no event (as participant, reporter or in a document's account),
    no relation, and not the actor others were merged into (its old ids resolve to
    it). Read before the write is applied."""
    dropped = set(dropped)
    after = {e.id: e for e in written}
    merge_targets = set(graph.merged.values())
    gone = set(gone)
    named = {a for r in added for a in (r.source, r.target)}
    for event in after.values():
        named.update(p.actor for p in event.participants)
        named.update(a for a in (event.reported_by,) if a)

    def still_named(actor_id: str) -> bool:
        if actor_id in merge_targets or actor_id in named:
            return True
        events: Iterable[Event] = (*graph.events_of(actor_id), *graph.events_reported_by(actor_id))
        for event in events:
            if event.id in dropped:
                continue
            now = after.get(event.id, event)
            if now.reported_by == actor_id or any(p.actor == actor_id for p in now.participants):
                return True
        return any(r.key not in gone for r in graph.relations_of(actor_id))

    candidates = {a for a in touched if a in graph.actors and not still_named(a)}
    if candidates:  # one scan of the events with claims (documents' own accounts)
        for event in (*graph.events.values(), *after.values()):
            if event.claims and event.id not in dropped:
                now = after.get(event.id, event)
                candidates = {a for a in candidates if not names_actor(now, a)}
    return tuple(sorted(candidates))
