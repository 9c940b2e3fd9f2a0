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

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the answer carries (a retry hint, an auth challenge)."""
        return {}


class Unauthorized(GraphsvcError):
    status = 401
    title = "Unauthorized"

    @property
    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": 'Bearer realm="graphsvc"'}


class Forbidden(GraphsvcError):
    status = 403
    title = "Forbidden"


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
    """The backend is away; nothing of the request was written. Retry later."""

    status = 503
    title = "Store unavailable"
    retry_after_seconds = 5

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}


class InsufficientStorage(GraphsvcError):
    """The disk is full; the batch was rolled back and nothing was written."""

    status = 507
    title = "Insufficient storage"


class InvalidCypher(GraphsvcError):
    """A query that does not parse, or that the store cannot run as written."""

    status = 400
    title = "Invalid Cypher"


class CypherRefused(GraphsvcError):
    """A query that would write, or call what is not known to be read-only."""

    status = 400
    title = "Cypher refused: read-only"


class QueryTimeout(GraphsvcError):
    """The client's query ran past its (configured) timeout: a 4xx, as Neo4j classes its
    own transaction timeout a client error; a slow store is 503, not this."""

    status = 408
    title = "Query timeout"


class BodyTimeout(GraphsvcError):
    """The client took longer than the server allows to send its request body."""

    status = 408
    title = "Request timeout"


class TooManyRequests(GraphsvcError):
    """A bounded resource (POST /cypher slots) is all in use; retry shortly."""

    status = 429
    title = "Too many requests"
    retry_after_seconds = 1

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_seconds)}
