"""An actor's related actors, read straight from the embedded store's memory (no event
views): its stored events in the window and its relations, grouped by `RelatedGroups`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphsvc.model import ActorKind
from graphsvc.store.base import Window
from graphsvc.store.embedded.related import RelatedGroups, in_window, shared_row
from graphsvc.views import ActorRef, RelatedActorsPage

if TYPE_CHECKING:
    from graphsvc.store.embedded.memory import MemoryGraph


def related_page(
    graph: MemoryGraph, me: ActorRef, window: Window, kind: ActorKind | None, limit: int
) -> RelatedActorsPage:
    groups = RelatedGroups(me)
    refs: dict[str, ActorRef] = {}
    for key in graph.event_keys_of(me.id):
        event = graph.events[key[2]]
        when = event.when
        start, end = (when.start, when.end) if when else (None, None)
        if not in_window(start, end, window):
            continue
        my_role = next(p.role for p in event.participants if p.actor == me.id)
        precision = when.precision if when else None
        for other in event.participants:
            if other.actor == me.id:
                continue
            ref = refs.get(other.actor)
            if ref is None:
                ref = refs[other.actor] = graph.actor_ref(other.actor)
            row = shared_row(
                event.id, event.type, event.summary, start, end, precision, my_role, other.role
            )
            groups.add_shared(ref, row)
    relations = graph.relations_of(me.id)
    for relation in relations:
        for end_id in (relation.source, relation.target):
            if end_id not in refs:
                refs[end_id] = graph.actor_ref(end_id)
    groups.add_relations(relations, refs, window)
    return groups.page(kind, limit)
