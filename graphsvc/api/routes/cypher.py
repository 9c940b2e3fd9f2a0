"""Read-only Cypher over HTTP, for analysts whose questions the fixed routes don't ask."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from graphsvc.api.cypher_slots import CypherSlots
from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.cypher_guard.guard import check_read_only
from graphsvc.cypher_guard.params import check_request
from graphsvc.cypher_guard.shape import check_shape
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import CypherResult

router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: Annotated[
        str,
        Field(
            min_length=1,
            max_length=MAX_CYPHER_QUERY_CHARS,
            description="Cypher; at most GRAPHSVC_CYPHER_MAX_QUERY_CHARS characters.",
        ),
    ]
    params: dict[str, Any] = Field(default_factory=dict, description="Values for `$name`.")
    timeout: float | None = Field(
        default=None,
        ge=0.1,
        description="Seconds (0.1 at least); at most, and by default, the server's setting.",
    )
    limit: int | None = Field(
        default=None, ge=1, description="Rows; at most, and by default, the server's setting."
    )


async def run_read_only(
    store: GraphStore,
    settings: Settings,
    slots: CypherSlots,
    query: str,
    params: dict[str, Any],
    timeout: float | None = None,
    limit: int | None = None,
) -> CypherResult:
    """The guard and limits of POST /cypher, then the query: length and nesting caps,
    parameter checks, the read-only guard, the server's timeout and row limit (a caller
    may ask for less), and a free slot. `graphsvc mcp`'s cypher tool runs this too."""
    check_shape(query, settings.cypher_max_query_chars, settings.cypher_max_depth)
    check_request(query, params)
    check_read_only(query)
    timeout = min(timeout or settings.cypher_timeout_seconds, settings.cypher_timeout_seconds)
    limit = min(limit or settings.cypher_row_limit, settings.cypher_row_limit)
    with slots.take():
        return await run_in_threadpool(store.run_cypher, query, params, timeout, limit)


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query (timeout and row limit; writes refused with 400)",
)
async def run_cypher(
    body: CypherRequest, store: StoreDep, settings: SettingsDep, request: Request
) -> CypherResult:
    slots: CypherSlots = request.app.state.cypher_slots
    return await run_read_only(
        store, settings, slots, body.query, body.params, body.timeout, body.limit
    )
