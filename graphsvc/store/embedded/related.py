"""Related actors from an actor's events and relations, the same way on every backend.

Backends fetch the candidate events and relations (filtering by window where they can);
this module filters, groups, counts and orders them, so both stores give one answer.
Grouping keeps plain tuples; answer objects are built only for the page served, with
`model_construct` (the values come from validated records), not for every related actor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from graphsvc.model import ActorKind, EventType, Precision, Relation, Role
from graphsvc.relation_text import view_words
from graphsvc.store.base import Window
from graphsvc.store.cursor import SortKey, sort_key
from graphsvc.views import (
    ActorRef,
    EventView,
    RelatedActor,
    RelatedActorsPage,
    RelationView,
    SharedEvent,
)

#: (sort key, id, type, summary, start, end, precision, my role, other's role).
Shared = tuple[SortKey, str, EventType, str, date | None, date | None, Precision | None, Role, Role]


def in_window(start: date | None, end: date | None, window: Window) -> bool:
    """An event's dates against a window; an undated event only in an open one."""
    if start is None:
        return window.is_open
    return window.overlaps(start, end)


def actor_ref(actor_id: str, name: str, kind: ActorKind) -> ActorRef:
    """An ActorRef from stored (already validated) values, without validating again."""
    return ActorRef.model_construct(id=actor_id, name=name, kind=kind)


@dataclass(slots=True)
class RelatedGroups:
    """Shared events and relations of one actor, grouped by the other actor."""

    me: ActorRef
    shared: dict[str, dict[str, Shared]] = field(default_factory=lambda: defaultdict(dict))
    linked: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    refs: dict[str, ActorRef] = field(default_factory=dict)

    def add_shared(self, other: ActorRef, row: Shared) -> None:
        """One event shared with `other`; the first row for an event wins."""
        self.refs[other.id] = other
        self.shared[other.id].setdefault(row[1], row)

    def add_relations(
        self, relations: Iterable[Relation], actors: Mapping[str, ActorRef], window: Window
    ) -> None:
        """Relations touching me within `window`; `actors` names every endpoint."""
        me = self.me.id
        for relation in relations:
            if me not in (relation.source, relation.target):
                continue
            if not window.overlaps(relation.since, relation.until):
                continue
            other_id = relation.target if relation.source == me else relation.source
            self.refs[other_id] = actors[other_id]
            self.linked[other_id].append(relation)

    def page(self, kind: ActorKind | None, limit: int) -> RelatedActorsPage:
        """Order: most shared events, then most relations, then name; build the first
        `limit` only."""
        ranked = sorted(
            (
                -len(self.shared.get(other_id, ())),
                -len(self.linked.get(other_id, ())),
                ref.name,
                other_id,
            )
            for other_id, ref in self.refs.items()
            if kind is None or ref.kind == kind
        )
        items = [self._item(other_id) for *_, other_id in ranked[:limit]]
        return RelatedActorsPage.model_construct(actor=self.me, items=items, count=len(ranked))

    def _item(self, other_id: str) -> RelatedActor:
        rows = sorted(self.shared.get(other_id, {}).values())
        starts = [row[4] for row in rows if row[4]]
        ends = [row[5] for row in rows if row[5]]
        views = [self._view(r) for r in self.linked.get(other_id, ())]
        views.sort(key=lambda r: (r.type, r.direction, r.document or ""))
        return RelatedActor.model_construct(
            actor=self.refs[other_id],
            relations=views,
            shared_events=len(rows),
            first=min(starts) if starts else None,
            last=max(ends) if ends else None,
            events=[
                SharedEvent.model_construct(
                    id=row[1],
                    type=row[2],
                    summary=row[3],
                    start=row[4],
                    end=row[5],
                    precision=row[6],
                    role=row[7],
                    other_role=row[8],
                )
                for row in rows
            ],
        )

    def _view(self, relation: Relation) -> RelationView:
        return RelationView.model_construct(
            type=relation.type,
            direction="out" if relation.source == self.me.id else "in",
            since=relation.since,
            until=relation.until,
            document=relation.document,
            sentence=relation.sentence,
            role=relation.role,
            basis=relation.basis,
            since_precision=relation.since_precision,
            until_precision=relation.until_precision,
            current=relation.current,
            stated_on=relation.stated_on,
            **view_words(
                relation.type,
                relation.role,
                relation.since,
                relation.until,
                relation.since_precision,
                relation.until_precision,
                relation.current,
                relation.stated_on,
            ),
        )


def shared_row(
    event_id: str,
    type: EventType,
    summary: str,
    start: date | None,
    end: date | None,
    precision: Precision | None,
    role: Role,
    other_role: Role,
) -> Shared:
    return (
        sort_key(start, end, event_id),
        event_id,
        type,
        summary,
        start,
        end,
        precision,
        role,
        other_role,
    )


def assemble_related(
    me: ActorRef,
    events: Iterable[EventView],
    relations: Iterable[Relation],
    actors: Mapping[str, ActorRef],
    window: Window,
    kind: ActorKind | None,
    limit: int,
) -> RelatedActorsPage:
    """Group shared events and relations by the other actor (backends holding views).

    `actors` must name every relation endpoint; event participants carry their own.
    Order: most shared events, then most relations, then name.
    """
    groups = RelatedGroups(me)
    for event in events:
        if not in_window(event.start, event.end, window):
            continue
        my_role = next((p.role for p in event.participants if p.id == me.id), None)
        if my_role is None:
            continue
        for other in event.participants:
            if other.id == me.id:
                continue
            groups.add_shared(
                actor_ref(other.id, other.name, other.kind),
                shared_row(
                    event.id,
                    event.type,
                    event.summary,
                    event.start,
                    event.end,
                    event.precision,
                    my_role,
                    other.role,
                ),
            )
    groups.add_relations(relations, actors, window)
    return groups.page(kind, limit)
