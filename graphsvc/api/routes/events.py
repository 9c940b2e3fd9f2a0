"""One event by id: what the timeline shows of it, and the documents its sources cite."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graphsvc.api.deps import StoreDep
from graphsvc.api.routes.answer import JsonAnswer, json_answer
from graphsvc.model import ID_PATTERN
from graphsvc.service.calls import ask
from graphsvc.views import EventDetail

router = APIRouter(prefix="/events", tags=["events"])

EventIdParam = Annotated[
    str,
    Path(
        pattern=ID_PATTERN,
        max_length=200,
        description="An event id, as the timeline gives it (`event:putin-assad-kremlin-meeting`).",
    ),
]


@router.get(
    "/{event_id}",
    summary="One event: date, type, participants and sources, with the documents cited",
    response_model=EventDetail,
)
async def get_event(store: StoreDep, event_id: EventIdParam) -> JsonAnswer:
    """The event as a timeline item shows it (dated or not, of any factuality), plus
    `documents`: the title, link and publication date of each document its sources cite.
    404 for an unknown id, 422 for one that is not an id."""
    return json_answer(await ask(store, store.get_event, event_id))
