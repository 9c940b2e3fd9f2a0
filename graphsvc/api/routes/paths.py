"""How two actors connect, through shared events and relations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.service import reads
from graphsvc.store.base import MAX_HOPS
from graphsvc.views import PathsResult

router = APIRouter(tags=["paths"])


@router.get("/paths", summary="Shortest paths between two actors")
def find_paths(
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[str, Query(description="Actor id the path starts from.")],
    target: Annotated[str, Query(description="Actor id the path ends at.")],
    max_hops: Annotated[
        int,
        Query(ge=1, le=MAX_HOPS, description="Edges at most; actor-event-actor is 2 hops."),
    ] = 4,
    limit: Annotated[int, Query(ge=1, le=100, description="Paths at most.")] = 10,
) -> PathsResult:
    return reads.find_paths(store, settings, source, target, max_hops, limit)
