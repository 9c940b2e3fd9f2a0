"""Views of the Neo4j store's hot reads, built without validation.

A timeline page and an actor's related actors are each answered by one Cypher statement
that also reads the write counter (writes/lock) first and last (see
`graphsvc.store.neo4j.consistency`). Related actors are grouped, ordered and cut to the
limit inside Neo4j; Python only builds views here.

The rows come from Neo4j, where the store wrote them after validating them, so views
are built with `model_construct`: validating ~200 nested models an answer again was
most of the Python time of a relations answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from graphsvc.errors import NotFound
from graphsvc.model import ActorKind, EventType, RelationType, Role, Source
from graphsvc.relation_text import view_words
from graphsvc.store.cursor import sort_key
from graphsvc.views import (
    ActorRef,
    EventView,
    ParticipantView,
    RelatedActor,
    RelatedActorsPage,
    RelationView,
    SharedEvent,
)

Row = dict[str, Any]


def _date(value: Any) -> date | None:
    """An ISO date text (what the timeline statements send), or a driver date
    (neo4j.time.Date), as a Python date."""
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value)
    native: date = value.to_native()
    return native


def not_found(actor_id: str) -> NotFound:
    return NotFound(f"no actor with id {actor_id!r}; search with GET /actors?q=")


def actor_ref(row: Mapping[str, Any]) -> ActorRef:
    return ActorRef.model_construct(id=row["id"], name=row["name"], kind=ActorKind(row["kind"]))


def event_view(row: Mapping[str, Any]) -> EventView:
    """An event map shaped as events/get_many shapes it."""
    start = _date(row.get("start"))
    return EventView.model_construct(
        id=row["id"],
        type=EventType(row["type"]),
        summary=row["summary"],
        start=start,
        end=_date(row.get("end")),
        precision=row.get("precision"),
        approximate=bool(row.get("approximate")),
        open_start=bool(row.get("open_start")),
        date_text=row.get("date_text"),
        date_basis=row.get("date_basis") or ("text" if start else None),
        confidence=row["confidence"],
        factuality=row.get("factuality") or "asserted",
        reported_by=row.get("reported_by"),
        participants=[
            ParticipantView.model_construct(
                id=p["actor"],
                name=p["name"],
                kind=ActorKind(p["kind"]),
                role=Role(p["role"]),
                basis=p.get("basis") or "stated",
                mention=p.get("mention"),
            )
            for p in row["participants"]
        ],
        sources=[Source.model_construct(**s) for s in row["sources"]],
    )


def _iso_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _shared_event(row: list[Any]) -> SharedEvent:
    """[id, type, summary, start, end, precision, role, other_role] (related/summary)."""
    event_id, kind, summary, start, end, precision, role, other_role = row
    return SharedEvent.model_construct(
        id=event_id,
        type=EventType(kind),
        summary=summary,
        start=_iso_date(start),
        end=_iso_date(end),
        precision=precision,
        role=Role(role),
        other_role=Role(other_role),
    )


def _relation_view(row: list[Any]) -> RelationView:
    """[type, direction, since, until, document, sentence, role, basis, since_precision,
    until_precision, current, stated_on] (related/summary)."""
    kind, direction, since, until, document, sentence, role, basis = row[:8]
    since_precision, until_precision, current, stated_on = row[8:12]
    kind, since, until, stated_on = (
        RelationType(kind),
        _iso_date(since),
        _iso_date(until),
        _iso_date(stated_on),
    )
    return RelationView.model_construct(
        type=kind,
        direction=direction,
        since=since,
        until=until,
        document=document or None,
        sentence=sentence,
        role=role,
        basis=basis,
        since_precision=since_precision,
        until_precision=until_precision,
        current=current,
        stated_on=stated_on,
        **view_words(
            kind, role, since, until, since_precision, until_precision, current, stated_on
        ),
    )


def related_page(row: Row) -> RelatedActorsPage:
    """The page of related/summary's row, already grouped, ordered and cut in Neo4j the
    way `graphsvc.store.embedded.related.assemble_related` does it in Python for the embedded
    store; here only shared events and relations are put in that function's order."""
    items = []
    for item in row["items"]:
        events = sorted(
            map(_shared_event, item["events"]), key=lambda e: sort_key(e.start, e.end, e.id)
        )
        links = sorted(
            map(_relation_view, item["relations"]),
            key=lambda r: (r.type, r.direction, r.document or ""),
        )
        items.append(
            RelatedActor.model_construct(
                actor=actor_ref(item["actor"]),
                relations=links,
                shared_events=len(events),
                first=_iso_date(item["first"]),
                last=_iso_date(item["last"]),
                events=events,
            )
        )
    return RelatedActorsPage.model_construct(
        actor=actor_ref(row["me"]), items=items, count=row["count"]
    )
