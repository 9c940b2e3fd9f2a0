"""How a new record combines with what the graph already holds.

Shared by every backend so that "load twice changes nothing" and "a second source adds
to an event" mean the same on each: fields are replaced, aliases and sources accumulate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from graphsvc.model import Actor, Document, Event, GraphBatch, Relation, utc_now

T = TypeVar("T")


def _union(old: Iterable[T], new: Iterable[T], key: Callable[[T], object]) -> tuple[T, ...]:
    seen: dict[object, T] = {}
    for item in (*old, *new):
        seen.setdefault(key(item), item)
    return tuple(seen.values())


def merge_document(old: Document | None, new: Document) -> Document:
    """Keep the first `ingested_at`, so reloading a document changes nothing; a field the
    new record leaves out keeps its stored value (a bare `{id}` reference erases nothing)."""
    ingested_at = (old.ingested_at if old else None) or new.ingested_at or utc_now()
    kept = {} if old is None else {k: v for k, v in old if getattr(new, k) is None}
    return new.model_copy(update={**kept, "ingested_at": ingested_at})


def merge_actor(old: Actor | None, new: Actor) -> Actor:
    """Name and kind come from the newest record; aliases accumulate."""
    if old is None:
        return new.model_copy(update={"aliases": _union((), new.aliases, str.casefold)})
    return new.model_copy(update={"aliases": _union(old.aliases, new.aliases, str.casefold)})


def merge_event(old: Event | None, new: Event) -> Event:
    """Fields and participants come from the newest record; sources accumulate, once each."""
    sources = _union(old.sources if old else (), new.sources, lambda s: (s.document, s.sentence))
    return new.model_copy(update={"sources": sources})


def merge_batch(
    batch: GraphBatch,
    document: Callable[[str], Document | None],
    actor: Callable[[str], Actor | None],
    event: Callable[[str], Event | None],
) -> GraphBatch:
    """The rows to write: each item merged with the stored one and with earlier batch items."""
    documents: dict[str, Document] = {}
    for item in batch.documents:
        documents[item.id] = merge_document(documents.get(item.id) or document(item.id), item)
    actors: dict[str, Actor] = {}
    for item in batch.actors:
        actors[item.id] = merge_actor(actors.get(item.id) or actor(item.id), item)
    events: dict[str, Event] = {}
    for item in batch.events:
        events[item.id] = merge_event(events.get(item.id) or event(item.id), item)
    relations: dict[tuple[str, str, str, str], Relation] = {r.key: r for r in batch.relations}
    return GraphBatch(
        documents=tuple(documents.values()),
        actors=tuple(actors.values()),
        events=tuple(events.values()),
        relations=tuple(relations.values()),
    )


def withdraw(
    documents: set[str], events: Iterable[Event], relations: Iterable[Relation]
) -> tuple[dict[str, Event | None], list[tuple[str, str, str, str]]]:
    """What removing `documents`' contributions does: events lose those sources (None when
    none is left, so the event goes) and relations from those documents go."""
    if not documents:
        return {}, []
    changed: dict[str, Event | None] = {}
    for event in events:
        kept = tuple(s for s in event.sources if s.document not in documents)
        if len(kept) != len(event.sources):
            changed[event.id] = event.model_copy(update={"sources": kept}) if kept else None
    gone = [r.key for r in relations if r.document in documents]
    return changed, gone
