"""The documents where an actor appears, on the embedded store's graph."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from graphsvc.views import ActorDocument, ActorDocumentsPage, ActorRef

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph


def actor_documents(graph: MemoryGraph, actor_id: str, limit: int) -> ActorDocumentsPage:
    """Where the actor appears: documents reporting its events (as participant or
    reporter), or giving its relations; newest first, undated last, then by id."""
    actor = graph.actor(actor_id)
    counts: Counter[str] = Counter()
    events = {e.id: e for e in (*graph.events_of(actor.id), *graph.events_reported_by(actor.id))}
    for event in events.values():
        counts.update({s.document for s in event.sources})
    counts.update(r.document for r in graph.relations_of(actor.id) if r.document)
    documents = sorted(
        (graph.documents[i] for i in counts),
        key=lambda d: (d.published is None, -(d.published or date.min).toordinal(), d.id),
    )
    items = [
        ActorDocument(id=d.id, title=d.title, url=d.url, published=d.published, count=counts[d.id])
        for d in documents[:limit]
    ]
    me = ActorRef(id=actor.id, name=actor.name, kind=actor.kind)
    return ActorDocumentsPage(actor=me, items=items, count=len(counts))
