"""Read-only Cypher over HTTP, for analysts whose questions the fixed routes don't ask."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS
from graphsvc.service.calls import run_in_thread
from graphsvc.service.cypher import AnswerDeadline, GuardedCypher
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
    response_model=CypherResult,
)
async def run_cypher(
    body: CypherRequest, store: StoreDep, settings: SettingsDep, request: Request
) -> Response:
    """The answer is encoded here, not after the route returns, so that its encoding
    counts against the query's timeout: an answer ready only past the timeout and its
    grace is a 408, never a late 200."""
    deadline = AnswerDeadline.starting_now(settings, body.timeout)
    cypher: GuardedCypher = request.app.state.cypher  # its guards, limits and slots
    result = await cypher.run(store, body.query, body.params, body.timeout, body.limit)
    deadline.check()  # before encoding too: a late answer is not worth encoding
    encoded = await run_in_thread(result.model_dump_json)
    deadline.check()
    return Response(encoded, media_type="application/json")
