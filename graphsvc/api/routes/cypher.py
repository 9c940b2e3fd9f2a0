"""Read-only Cypher over HTTP, for analysts whose questions the fixed routes don't ask."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from graphsvc.adhoc.guard import check_read_only
from graphsvc.adhoc.params import check_request
from graphsvc.adhoc.shape import check_shape
from graphsvc.api.cypher_slots import CypherSlots
from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS
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


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query (timeout and row limit; writes refused with 400)",
)
async def run_cypher(
    body: CypherRequest, store: StoreDep, settings: SettingsDep, request: Request
) -> CypherResult:
    check_shape(body.query, settings.cypher_max_query_chars, settings.cypher_max_depth)
    check_request(body.query, body.params)
    check_read_only(body.query)
    timeout = min(body.timeout or settings.cypher_timeout_seconds, settings.cypher_timeout_seconds)
    limit = min(body.limit or settings.cypher_row_limit, settings.cypher_row_limit)
    slots: CypherSlots = request.app.state.cypher_slots
    with slots.take():
        return await run_in_threadpool(store.run_cypher, body.query, body.params, timeout, limit)
