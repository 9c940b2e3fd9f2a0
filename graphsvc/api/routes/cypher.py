"""Read-only Cypher over HTTP, for analysts whose questions the fixed routes don't ask."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from graphsvc.api.deps import StoreDep
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS
from graphsvc.service.cypher import GuardedCypher
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
async def run_cypher(body: CypherRequest, store: StoreDep, request: Request) -> CypherResult:
    # The guards, limits and slots: graphsvc.service.cypher.
    cypher: GuardedCypher = request.app.state.cypher
    return await cypher.run(store, body.query, body.params, body.timeout, body.limit)
