"""Searches of the embedded store: actors by normalised name and alias (GET /actors),
and full-text results (GET /search) from what the FTS5 index ranked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from graphsvc.model import Actor
from graphsvc.names import normalise_name
from graphsvc.store.base import SearchQuery
from graphsvc.store.fulltext import (
    actor_hit,
    combined_event_scores,
    document_hit,
    event_hit,
)
from graphsvc.views import SearchResults

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph

Ranked = list[tuple[str, float]]


def search_actors(actors: Mapping[str, Actor], q: str, limit: int) -> list[Actor]:
    """Exact name or alias first, then word prefix, then substring; ties by name.

    An empty query lists every actor by name.
    """
    needle = normalise_name(q)
    if not needle:
        ordered = sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id))
        return ordered[:limit]
    scored: list[tuple[int, str, str]] = []
    for actor in actors.values():
        best = None
        for name in (actor.name, *actor.aliases):
            norm = normalise_name(name)
            if norm == needle:
                score = 0
            elif norm.startswith(needle) or f" {needle}" in f" {norm}":
                score = 1
            elif needle in norm:
                score = 2
            else:
                continue
            best = score if best is None else min(best, score)
        if best is not None:
            scored.append((best, actor.name.casefold(), actor.id))
    return [actors[actor_id] for _, _, actor_id in sorted(scored)[:limit]]


def search_results(
    graph: MemoryGraph,
    query: SearchQuery,
    actors: Ranked,
    summaries: Ranked,
    sentences: Ranked,
    documents: Ranked,
) -> SearchResults:
    """Hits in the index's order, filtered on the graph in memory; ids the index has but
    memory not yet (a batch committed a moment ago) are left out."""
    terms, limit = query.terms, query.limit
    actor_hits = [
        actor_hit(graph.actors[i], score, terms) for i, score in actors if i in graph.actors
    ][:limit]
    event_hits = []
    for event_id, score in combined_event_scores(summaries, sentences):
        event = graph.events.get(event_id)
        if event is None:
            continue
        view = graph.event_view(event)
        if query.keeps_event(view):
            event_hits.append(event_hit(view, score, terms))
            if len(event_hits) == limit:
                break
    document_hits = [
        document_hit(graph.documents[i], score, terms)
        for i, score in documents
        if i in graph.documents and query.keeps_document(graph.documents[i])
    ][:limit]
    return SearchResults(
        q=" ".join(terms),
        terms=list(terms),
        actors=actor_hits,
        events=event_hits,
        documents=document_hits,
    )
