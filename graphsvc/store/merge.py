"""How a new record combines with what the graph already holds.

Shared by every backend so that "load twice changes nothing" and "a second source adds
to an event" mean the same on each: fields are replaced, aliases and sources accumulate,
and each document keeps its own account of an event (`graphsvc.store.claims`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from graphsvc.model import (
    Actor,
    Document,
    Event,
    GraphBatch,
    Relation,
    SameAsCandidate,
    utc_now,
)
from graphsvc.store import claims

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
    """Name, kind and kind evidence come from the newest record; aliases accumulate.

    A record that gives no evidence keeps the stored one while the kind stays the same
    (it still explains that kind), but never carries it over to a different kind.
    """
    update: dict[str, Any] = {
        "aliases": _union(old.aliases if old else (), new.aliases, str.casefold)
    }
    if old is not None and new.kind_evidence is None and new.kind == old.kind:
        update["kind_evidence"] = old.kind_evidence
    return new.model_copy(update=update)


def absorb_names(actor: Actor, names: Iterable[str]) -> Actor:
    """`actor` with `names` (of an actor merged into it) among its aliases; its own name,
    kind and evidence stay: whoever merged decided which actor it is."""
    own = actor.name.casefold()
    extra = [n for n in names if n.casefold() != own]
    return actor.model_copy(update={"aliases": _union(actor.aliases, extra, str.casefold)})


def merge_event(old: Event | None, new: Event) -> Event:
    """Sources accumulate, once each; each document cited keeps its own account of the
    event (`claims.merge_accounts`): the event shows its first-cited document's, so a
    later report that tells it differently never overwrites an earlier one."""
    sources = _union(old.sources if old else (), new.sources, lambda s: (s.document, s.sentence))
    if old is None:  # every document it cites tells this one account: nothing differs
        return new.model_copy(update={"sources": sources, "claims": ()})
    return claims.merge_accounts(old, new, sources)


def merge_batch(
    batch: GraphBatch,
    document: Callable[[str], Document | None],
    actor: Callable[[str], Actor | None],
    event: Callable[[str], Event | None],
    absorbed: Mapping[str, tuple[str, ...]] | None = None,
) -> GraphBatch:
    """The rows to write: each item merged with the stored one and with earlier batch items.

    `absorbed` maps an actor id to names that records of actors merged into it brought
    (see `redirect.redirect_batch`): they become its aliases.
    """
    documents: dict[str, Document] = {}
    for new_document in batch.documents:
        stored_document = documents.get(new_document.id) or document(new_document.id)
        documents[new_document.id] = merge_document(stored_document, new_document)
    actors: dict[str, Actor] = {}
    for new_actor in batch.actors:
        stored_actor = actors.get(new_actor.id) or actor(new_actor.id)
        actors[new_actor.id] = merge_actor(stored_actor, new_actor)
    for actor_id, names in (absorbed or {}).items():
        base = actors.get(actor_id) or actor(actor_id)
        if base is not None:
            grown = absorb_names(base, names)
            if actor_id in actors or grown != base:
                actors[actor_id] = grown
    events: dict[str, Event] = {}
    for new_event in batch.events:
        events[new_event.id] = merge_event(
            events.get(new_event.id) or event(new_event.id), new_event
        )
    relations: dict[tuple[str, str, str, str], Relation] = {r.key: r for r in batch.relations}
    same_as: dict[tuple[str, str], SameAsCandidate] = {c.key: c for c in batch.same_as}
    return GraphBatch(
        documents=tuple(documents.values()),
        actors=tuple(actors.values()),
        events=tuple(events.values()),
        relations=tuple(relations.values()),
        same_as=tuple(same_as.values()),
    )


def withdraw(
    documents: set[str], events: Iterable[Event], relations: Iterable[Relation]
) -> tuple[dict[str, Event | None], list[tuple[str, str, str, str]]]:
    """What removing `documents`' contributions does: events lose those sources and
    those documents' accounts, showing what the first document still cited says (None
    when no source is left, so the event goes), and relations from those documents go."""
    if not documents:
        return {}, []
    changed: dict[str, Event | None] = {}
    for event in events:
        if any(s.document in documents for s in event.sources):
            changed[event.id] = claims.without(event, documents)
    gone = [r.key for r in relations if r.document in documents]
    return changed, gone
