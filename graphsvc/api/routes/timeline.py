"""Events in date order, filtered by actor, time window, type and text."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import BasisParam, FactualityParam, SinceParam, UntilParam
from graphsvc.api.routes.answer import JsonAnswer, json_answer
from graphsvc.model import EventType
from graphsvc.service import exports, reads
from graphsvc.service.calls import keeps_answers
from graphsvc.service.reads import TimelineFilter
from graphsvc.store.base import MAX_LIMIT
from graphsvc.views import TimelinePage

router = APIRouter(tags=["timeline"])


DocumentParam = Annotated[
    str | None,
    Query(max_length=200, description="Only events reported in this document (its id)."),
]


async def timeline_filter(
    actor: Annotated[str | None, Query(description="Only events this actor took part in.")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    type: Annotated[
        list[EventType] | None, Query(description="Event types; repeat for several.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the summary.")] = None,
    document: DocumentParam = None,
    basis: BasisParam = None,
    factuality: FactualityParam = None,
    undated: Annotated[
        bool,
        Query(
            description="Also list undated events, after the dated ones (no window); an "
            "export holds them in json, csv and graphml, while ics and timelinejs need "
            "dates and skip them (timelinejs says how many)."
        ),
    ] = False,
) -> TimelineFilter:
    """The filters of the timeline and its export, declared once for both routes.
    `async` although it never awaits: FastAPI runs a plain `def` dependency in its
    thread pool, one thread hand-over each way for every timeline request."""
    return TimelineFilter(
        actor=actor,
        since=since,
        until=until,
        types=type,
        q=q,
        document=document,
        basis=basis,
        factuality=factuality,
        undated=undated,
    )


TimelineFilterDep = Annotated[TimelineFilter, Depends(timeline_filter)]


@router.get(
    "/timeline/export",
    summary="The timeline as json, csv, timelinejs, ics or graphml, streamed",
    response_class=StreamingResponse,
)
def export_timeline(
    store: StoreDep,
    given: TimelineFilterDep,
    format: Annotated[
        Literal["json", "csv", "timelinejs", "ics", "graphml"],
        Query(description="Export format."),
    ] = "json",
) -> StreamingResponse:
    # An unknown actor or a bad filter fails here: a 404 or 422, before the stream starts.
    export = exports.export_timeline(store, given, format)
    headers = {"Content-Disposition": f'attachment; filename="{export.filename}"'}
    return StreamingResponse(export.chunks, media_type=export.media_type, headers=headers)


@router.get(
    "/timeline",
    summary="Events ordered by start, end, id; cursor-paginated",
    response_model=TimelinePage,
)
async def timeline(
    store: StoreDep,
    settings: SettingsDep,
    given: TimelineFilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=500, description="`next_cursor`.")] = None,
) -> JsonAnswer:
    page = await reads.timeline(store, settings, given, limit, cursor)
    one_actor = given.actor is not None  # kept by the store; not a scan of every event
    return json_answer(page, kept=one_actor and keeps_answers(store))
