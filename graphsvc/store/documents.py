"""Documents as things to list, open and delete: the parts both stores share.

The list's order and cursor, the detail's actors (counted from what the document gave)
and the plan of a delete. A delete is the withdraw of a re-posted document
(`merge.withdraw`) with the document itself gone too, so "delete" and "replace with a
new version" can never disagree on what a document's facts are.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from graphsvc.errors import InvalidInput
from graphsvc.model import Event, Relation
from graphsvc.store.base import Window
from graphsvc.store.merge import withdraw
from graphsvc.views import (
    ActorRef,
    DocumentActor,
    DocumentDetail,
    DocumentRelation,
    DocumentSummary,
    EventView,
)

#: A document's place in the list: (undated, -published ordinal, id); undated last.
DocumentKey = tuple[bool, int, str]


def document_key(published: date | None, document_id: str) -> DocumentKey:
    """Newest first, undated last, then by id: the same order on both stores."""
    return (published is None, -(published or date.min).toordinal(), document_id)


def encode_document_cursor(published: date | None, document_id: str) -> str:
    raw = json.dumps([published.isoformat() if published else None, document_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_document_cursor(cursor: str) -> tuple[date | None, str]:
    """The (published, id) of the last document served; InvalidInput for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        published, document_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        day = None if published is None else date.fromisoformat(published)
        if not isinstance(document_id, str):
            raise TypeError("id")
        return day, document_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "cursor is not valid: pass the next_cursor of a previous page unchanged",
            errors=[{"field": "cursor", "message": "not a cursor issued by this service"}],
        ) from exc


def title_matches(title: str | None, q: str | None) -> bool:
    return not q or (title is not None and q.lower() in title.lower())


def published_in(published: date | None, window: Window) -> bool:
    """An undated document is kept only while no date bound is asked."""
    if window.is_open:
        return True
    return published is not None and window.overlaps(published, published)


def build_detail(
    summary: DocumentSummary,
    events: list[EventView],
    relations: Iterable[Relation],
    refs: Mapping[str, ActorRef],
) -> DocumentDetail:
    """The detail from the document's events and relations; `refs` names every actor
    they point to (participants need none: their views carry names)."""
    counted: dict[str, list[int]] = {}
    names: dict[str, ActorRef] = {}
    for event in events:
        seen = set()
        for p in event.participants:
            names.setdefault(p.id, ActorRef(id=p.id, name=p.name, kind=p.kind))
            seen.add(p.id)
        if event.reported_by is not None and event.reported_by in refs:
            seen.add(event.reported_by)
        for actor_id in seen:
            counted.setdefault(actor_id, [0, 0])[0] += 1
    shown = []
    for relation in relations:
        ends = [names.get(i) or refs.get(i) for i in (relation.source, relation.target)]
        source, target = ends
        if source is None or target is None:
            continue  # an end merged away mid-read: the next read shows it redirected
        shown.append(
            DocumentRelation(**relation.model_dump(), source_actor=source, target_actor=target)
        )
        for end in {relation.source, relation.target}:
            counted.setdefault(end, [0, 0])[1] += 1
    for actor_id in counted:
        ref = names.get(actor_id) or refs.get(actor_id)
        if ref is not None:
            names[actor_id] = ref
    actors = [
        DocumentActor(**names[i].model_dump(), events=n[0], relations=n[1])
        for i, n in counted.items()
        if i in names
    ]
    actors.sort(key=lambda a: (a.name.casefold(), a.id))
    return DocumentDetail(document=summary, actors=actors, events=events, relations=shown)


@dataclass(frozen=True)
class DeletePlan:
    """What deleting one document does, read from its events and relations: events no
    other document reports go, the others are written back without its sources and
    account; its relations go; `touched` actors may be left with nothing."""

    document: str
    dropped: tuple[str, ...]
    kept: tuple[Event, ...]
    relations: tuple[tuple[str, str, str, str], ...]
    touched: frozenset[str]


def touched_actors(
    withdrawn: Iterable[Event],
    relations: Iterable[Relation],
    gone: Iterable[tuple[str, str, str, str]],
) -> set[str]:
    """The actors the withdrawn facts named: participants, reporters and those of each
    document's account of the events (as stored, before the withdraw), and both ends
    of the relations that go. Only these can be left with nothing by it."""
    touched: set[str] = set()
    for event in withdrawn:
        touched.update(p.actor for p in event.participants)
        touched.update(p.actor for c in event.claims for p in c.participants)
        reporters = (event.reported_by, *(c.reported_by for c in event.claims))
        touched.update(r for r in reporters if r)
    going = set(gone)
    for relation in relations:
        if relation.key in going:
            touched.update((relation.source, relation.target))
    return touched


def plan_delete(
    document_id: str, events: Iterable[Event], relations: Iterable[Relation]
) -> DeletePlan:
    """The same withdraw a new version of the document makes (`merge.withdraw`)."""
    events = list(events)
    relations = list(relations)  # read twice: as withdrawn and for their ends
    changed, gone = withdraw({document_id}, events, relations)
    withdrawn = [e for e in events if e.id in changed]
    return DeletePlan(
        document=document_id,
        dropped=tuple(sorted(i for i, e in changed.items() if e is None)),
        kept=tuple(sorted((e for e in changed.values() if e is not None), key=lambda e: e.id)),
        relations=tuple(gone),
        touched=frozenset(touched_actors(withdrawn, relations, gone)),
    )
