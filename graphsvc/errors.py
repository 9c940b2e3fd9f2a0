"""Domain errors. Each carries its HTTP status so one handler can render them all.

Stores and loaders raise these, never `HTTPException`, so the CLI and the API share
them and a caller can never mistake a failure for a result.
"""

from __future__ import annotations

from typing import Any


class GraphsvcError(Exception):
    status: int = 500
    title: str = "Internal error"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(GraphsvcError):
    status = 404
    title = "Not found"


class InvalidInput(GraphsvcError):
    status = 422
    title = "Invalid input"


class Conflict(GraphsvcError):
    status = 409
    title = "Conflict"


class PayloadTooLarge(GraphsvcError):
    status = 413
    title = "Payload too large"


class StoreUnavailable(GraphsvcError):
    status = 503
    title = "Store unavailable"


class InvalidCypher(GraphsvcError):
    """A query that does not parse, or that the store cannot run as written."""

    status = 400
    title = "Invalid Cypher"


class CypherRefused(GraphsvcError):
    """A query that would write, or call what is not known to be read-only."""

    status = 400
    title = "Cypher refused: read-only"


class QueryTimeout(GraphsvcError):
    status = 504
    title = "Query timeout"
