"""A JSON timeline export (`graphsvc export --format json`) back into a GraphBatch.

The export is the API's event view plus EDTF, so it carries everything an event is:
dates with precision, participants with names and kinds, sources with their sentences.
Loading it into another store gives the same timeline; documents come back as ids only
(their titles are not in a timeline) and never erase what a store knows of them.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError

from graphsvc.errors import InvalidInput
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, When
from graphsvc.views import EventView


def _event(view: EventView) -> Event:
    when = None
    if view.start is not None and view.end is not None and view.precision is not None:
        when = When(
            start=view.start,
            end=view.end,
            precision=view.precision,
            approximate=view.approximate,
            open_start=view.open_start,
            text=view.date_text,
            basis=view.date_basis or "text",
        )
    participants = tuple(
        Participant(actor=p.id, role=p.role, basis=p.basis, mention=p.mention)
        for p in view.participants
    )
    return Event(
        id=view.id,
        type=view.type,
        summary=view.summary,
        when=when,
        confidence=view.confidence,
        factuality=view.factuality,
        reported_by=view.reported_by,
        participants=participants,
        sources=tuple(view.sources),
    )


def _cited_documents(cited: Any) -> dict[str, Document]:
    """The export's `documents` (id -> title, url, published...), as written by the
    JSON export; InvalidInput naming the first bad one."""
    if not isinstance(cited, dict):
        raise InvalidInput("the export's documents must be an object of documents by id")
    documents: dict[str, Document] = {}
    for document_id, fields in cited.items():
        try:
            documents[document_id] = Document.model_validate({**fields, "id": document_id})
        except (ValidationError, TypeError) as exc:
            raise InvalidInput(f"the export's document {document_id!r} is not valid") from exc
    return documents


def parse_timeline_export(data: bytes) -> GraphBatch:
    """Every event of the export, or InvalidInput naming each bad event by its index."""
    shape = "not a JSON timeline export: expected {title, events: [...]}"
    try:
        export = orjson.loads(data)
        title, items = export["title"], export["events"]
        cited: dict[str, Any] = export.get("documents") or {}
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput(shape) from exc
    # Other JSON with an `events` list (an annotation file, another tool's output) is not
    # read as if it were ours: its events would each be reported as bad.
    if not isinstance(title, str) or not isinstance(items, list):
        raise InvalidInput(shape)
    actors: dict[str, Actor] = {}
    documents = _cited_documents(cited)
    events: list[Event] = []
    errors: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        try:
            view = EventView.model_validate({k: v for k, v in item.items() if k != "edtf"})
            events.append(_event(view))
        except (ValidationError, AttributeError) as exc:
            first = exc.errors()[0] if isinstance(exc, ValidationError) else None
            field = ".".join(str(p) for p in first["loc"]) if first else None
            message = first["msg"] if first else "not an object"
            errors.append({"event": index, "field": field, "message": message})
            continue
        for person in view.participants:
            actors.setdefault(person.id, Actor(id=person.id, name=person.name, kind=person.kind))
        for source in view.sources:
            documents.setdefault(source.document, Document(id=source.document))
    if errors:
        raise InvalidInput(f"{len(errors)} bad events in the timeline export", errors=errors)
    return GraphBatch(
        documents=tuple(documents.values()), actors=tuple(actors.values()), events=tuple(events)
    )
