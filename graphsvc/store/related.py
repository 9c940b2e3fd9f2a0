"""Related actors from an actor's events and relations, the same way on every backend.

Backends fetch the candidate events and relations (filtering by window where they can);
this module filters, groups, counts and orders them, so both stores give one answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from graphsvc.model import ActorKind, Relation
from graphsvc.store.base import Window
from graphsvc.store.cursor import sort_key
from graphsvc.views import (
    ActorRef,
    EventView,
    RelatedActor,
    RelatedActorsPage,
    RelationView,
    SharedEvent,
)


def _in_window(event: EventView, window: Window) -> bool:
    if event.start is None:
        return window.is_open
    return window.overlaps(event.start, event.end)


def assemble_related(
    me: ActorRef,
    events: Iterable[EventView],
    relations: Iterable[Relation],
    actors: Mapping[str, ActorRef],
    window: Window,
    kind: ActorKind | None,
    limit: int,
) -> RelatedActorsPage:
    """Group shared events and relations by the other actor.

    `actors` must name every relation endpoint; event participants carry their own.
    Order: most shared events, then most relations, then name.
    """
    shared: dict[str, dict[str, SharedEvent]] = defaultdict(dict)
    linked: dict[str, list[RelationView]] = defaultdict(list)
    refs: dict[str, ActorRef] = {}

    for event in events:
        if not _in_window(event, window):
            continue
        my_role = next((p.role for p in event.participants if p.id == me.id), None)
        if my_role is None:
            continue
        for other in event.participants:
            if other.id == me.id:
                continue
            refs[other.id] = ActorRef(id=other.id, name=other.name, kind=other.kind)
            shared[other.id].setdefault(
                event.id,
                SharedEvent(
                    id=event.id,
                    type=event.type,
                    summary=event.summary,
                    start=event.start,
                    end=event.end,
                    precision=event.precision,
                    role=my_role,
                    other_role=other.role,
                ),
            )

    for relation in relations:
        if me.id not in (relation.source, relation.target):
            continue
        if not window.overlaps(relation.since, relation.until):
            continue
        outgoing = relation.source == me.id
        other_id = relation.target if outgoing else relation.source
        refs[other_id] = actors[other_id]
        linked[other_id].append(
            RelationView(
                type=relation.type,
                direction="out" if outgoing else "in",
                since=relation.since,
                until=relation.until,
                document=relation.document,
                sentence=relation.sentence,
            )
        )

    items: list[RelatedActor] = []
    for other_id, ref in refs.items():
        if kind is not None and ref.kind != kind:
            continue
        events_shared = sorted(
            shared[other_id].values(), key=lambda e: sort_key(e.start, e.end, e.id)
        )
        starts = [e.start for e in events_shared if e.start]
        ends = [e.end for e in events_shared if e.end]
        items.append(
            RelatedActor(
                actor=ref,
                relations=sorted(
                    linked[other_id], key=lambda r: (r.type, r.direction, r.document or "")
                ),
                shared_events=len(events_shared),
                first=min(starts) if starts else None,
                last=max(ends) if ends else None,
                events=events_shared,
            )
        )
    items.sort(key=lambda r: (-r.shared_events, -len(r.relations), r.actor.name, r.actor.id))
    return RelatedActorsPage(actor=me, items=items[:limit], count=len(items))
