"""Read-only Cypher over HTTP, for analysts whose questions the fixed routes don't ask."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from graphsvc.api.cypher_slots import CypherSlots
from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.cypher_guard.guard import check_read_only
from graphsvc.cypher_guard.params import check_request
from graphsvc.cypher_guard.shape import check_shape
from graphsvc.errors import QueryTimeout
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import CypherResult

router = APIRouter(tags=["cypher"])

#: How long past its timeout a query's answer may still be sent: the grace a Neo4j call
#: gets for its answer to arrive (`CYPHER_GRACE_SECONDS` in graphsvc.store.neo4j).
ANSWER_GRACE_SECONDS = 0.5


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


def query_timeout(settings: Settings, asked: float | None) -> float:
    """The timeout a query gets: the server's setting, or less if the caller asks."""
    return min(asked or settings.cypher_timeout_seconds, settings.cypher_timeout_seconds)


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
    may ask for less), the answer's byte bound, and a free slot. `graphsvc mcp`'s cypher
    tool runs this too."""
    check_shape(query, settings.cypher_max_query_chars, settings.cypher_max_depth)
    check_request(query, params)
    check_read_only(query)
    timeout = query_timeout(settings, timeout)
    limit = min(limit or settings.cypher_row_limit, settings.cypher_row_limit)
    with slots.take():
        return await run_in_threadpool(
            store.run_cypher, query, params, timeout, limit, settings.cypher_max_answer_bytes
        )


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query (timeout and row limit; writes refused with 400)",
    response_model=CypherResult,
)
async def run_cypher(
    body: CypherRequest, store: StoreDep, settings: SettingsDep, request: Request
) -> Response:
    """The answer is encoded here, not after the route returns, so that its encoding
    counts against the query's timeout: an answer ready only past the timeout and its
    grace is a 408, never a late 200."""
    timeout = query_timeout(settings, body.timeout)
    deadline = time.monotonic() + timeout + ANSWER_GRACE_SECONDS

    def check_deadline() -> None:
        if time.monotonic() > deadline:
            raise QueryTimeout(
                f"the answer was not ready within {timeout + ANSWER_GRACE_SECONDS:g} s (the "
                f"{timeout:g} s timeout, GRAPHSVC_CYPHER_TIMEOUT_SECONDS, and a grace of "
                f"{ANSWER_GRACE_SECONDS:g} s); narrow the MATCH, add a LIMIT, or return less"
            )

    slots: CypherSlots = request.app.state.cypher_slots
    result = await run_read_only(
        store, settings, slots, body.query, body.params, body.timeout, body.limit
    )
    check_deadline()  # before encoding too: a late answer is not worth encoding
    encoded = await run_in_threadpool(result.model_dump_json)
    check_deadline()
    return Response(encoded, media_type="application/json")
