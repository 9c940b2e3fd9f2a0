"""Events in date order, filtered by actor, time window, type and text."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.params import (
    BasisParam,
    FactualityParam,
    SinceParam,
    UntilParam,
    at_most,
    bases_from,
    factualities_from,
    window_from,
)
from graphsvc.api.routes.answer import JsonAnswer, ask, json_answer, keeps_answers
from graphsvc.export import (
    FORMATS,
    Citations,
    export_filename,
    export_subject,
    export_title,
    graphml_export,
    iter_events,
    store_relations,
)
from graphsvc.model import EventType
from graphsvc.store.base import MAX_LIMIT, TimelineQuery
from graphsvc.views import TimelinePage

router = APIRouter(tags=["timeline"])


def timeline_query(
    actor: str | None,
    since: str | None,
    until: str | None,
    type: list[EventType] | None,
    q: str | None,
    undated: bool,
    limit: int = 100,
    cursor: str | None = None,
    basis: list[str] | None = None,
    factuality: list[str] | None = None,
    document: str | None = None,
) -> TimelineQuery:
    """The store's query from the route's parameters (the MCP `timeline` tool's too)."""
    return TimelineQuery(
        actor=actor,
        window=window_from(since, until),
        types=tuple(type or ()),
        bases=bases_from(basis),
        factualities=factualities_from(factuality),
        q=q or None,
        document=document or None,
        undated=undated,
        limit=limit,
        cursor=cursor,
    )


DocumentParam = Annotated[
    str | None,
    Query(max_length=200, description="Only events reported in this document (its id)."),
]


@router.get(
    "/timeline/export",
    summary="The timeline as json, csv, timelinejs, ics or graphml, streamed",
    response_class=StreamingResponse,
)
def export_timeline(
    store: StoreDep,
    format: Annotated[
        Literal["json", "csv", "timelinejs", "ics", "graphml"],
        Query(description="Export format."),
    ] = "json",
    actor: Annotated[str | None, Query(description="Only events this actor took part in.")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    type: Annotated[list[EventType] | None, Query(description="Event types.")] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    document: DocumentParam = None,
    basis: BasisParam = None,
    factuality: FactualityParam = None,
    undated: Annotated[
        bool,
        Query(
            description="Also export undated events (json, csv, graphml; ics and "
            "timelinejs need dates and skip them)."
        ),
    ] = False,
) -> StreamingResponse:
    query = timeline_query(
        actor, since, until, type, q, undated, basis=basis, factuality=factuality, document=document
    )
    subject = export_subject(store, actor)  # an unknown actor: 404 before the stream starts
    spec = FORMATS[format]
    filename = export_filename(subject, since, until, spec.extension)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    citations = Citations(store)
    events = iter_events(store, query, citations)
    if format == "graphml":  # the graph format also carries actor-to-actor relations
        relations = store_relations(store)
        chunks = graphml_export.write(events, export_title(subject), citations, relations)
    else:
        chunks = spec.write(events, export_title(subject), citations)
    return StreamingResponse(chunks, media_type=spec.media_type, headers=headers)


@router.get(
    "/timeline",
    summary="Events ordered by start, end, id; cursor-paginated",
    response_model=TimelinePage,
)
async def timeline(
    store: StoreDep,
    settings: SettingsDep,
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
        bool, Query(description="Also list undated events, after dated ones (no window).")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=500, description="`next_cursor`.")] = None,
) -> JsonAnswer:
    limit = at_most(limit, settings.max_page_size, "limit", "GRAPHSVC_MAX_PAGE_SIZE")
    query = timeline_query(
        actor, since, until, type, q, undated, limit, cursor, basis, factuality, document
    )
    one_actor = actor is not None  # kept by the store; not a scan of every event
    page = await ask(store, store.timeline, query, short=one_actor)
    return json_answer(page, kept=one_actor and keeps_answers(store))
