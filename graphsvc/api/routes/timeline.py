"""Events in date order, filtered by actor, time window, type and text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import StoreDep
from graphsvc.api.params import SinceParam, UntilParam, window_from
from graphsvc.model import EventType
from graphsvc.store.base import MAX_LIMIT, TimelineQuery
from graphsvc.views import TimelinePage

router = APIRouter(tags=["timeline"])


@router.get("/timeline", summary="Events ordered by start, end, id; cursor-paginated")
def timeline(
    store: StoreDep,
    actor: Annotated[str | None, Query(description="Only events this actor took part in.")] = None,
    since: SinceParam = None,
    until: UntilParam = None,
    type: Annotated[
        list[EventType] | None, Query(description="Event types; repeat for several.")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the summary.")] = None,
    undated: Annotated[
        bool, Query(description="Also list undated events, after dated ones (no window).")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(max_length=500, description="`next_cursor`.")] = None,
) -> TimelinePage:
    query = TimelineQuery(
        actor=actor,
        window=window_from(since, until),
        types=tuple(type or ()),
        q=q or None,
        undated=undated,
        limit=limit,
        cursor=cursor,
    )
    return store.timeline(query)
