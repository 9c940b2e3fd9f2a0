"""Failures as exceptions: an error answer of the API, or no answer at all.

The API answers every error as RFC 9457 `application/problem+json` (`graphsvc.api.
problems`); each becomes an exception of the class for its status carrying the fields,
so callers catch `NotFound` instead of comparing numbers, and still read `detail`,
`errors` and the `X-Request-ID` to quote in a bug report. Nothing here ever holds the
request's headers, so the key cannot leak into a message or a log.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx2


class GraphsvcError(Exception):
    """Anything the client raises for a failed call: catch this to catch them all.

    `status` is the HTTP status (None when no answer came: `ConnectionFailed`); `title`,
    `detail`, `type`, `instance` and `errors` are the problem's fields; `request_id` is
    the answer's `X-Request-ID` (the server logs it); `retry_after` the seconds its
    `Retry-After` asks to wait (429, 503), else None.
    """

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        title: str = "",
        type: str = "about:blank",
        instance: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        request_id: str | None = None,
        retry_after: float | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.instance = instance
        self.errors = errors or []
        self.request_id = request_id
        self.retry_after = retry_after
        self.method = method
        self.url = url

    def __str__(self) -> str:
        if self.status is None:  # no answer: the detail names the URL already
            return self.detail
        head = f"{self.status} {self.title}: "
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        rid = f" [request {self.request_id}]" if self.request_id else ""
        return f"{head}{self.detail}{where}{rid}"


class BadRequest(GraphsvcError):
    """400: the request cannot be run as sent (a Cypher query that writes or fails to parse)."""


class ValidationFailed(BadRequest):
    """422: a parameter or body field is invalid; `errors` names each (`field`, `line`)."""


class Unauthorized(GraphsvcError):
    """401: the route needs a key and none was sent."""


class Forbidden(GraphsvcError):
    """403: the key sent is not one the route accepts."""


class NotFound(GraphsvcError):
    """404: no such actor, event or route."""


class RequestTimeout(GraphsvcError):
    """408: a query ran past its timeout, or the body came too slowly."""


class Conflict(GraphsvcError):
    """409: the write contradicts what is stored."""


class PayloadTooLarge(GraphsvcError):
    """413: the body, or its number of records, is over the server's limit."""


class RateLimited(GraphsvcError):
    """429: a bounded resource (POST /cypher slots) is busy; wait `retry_after`."""


class ServerError(GraphsvcError):
    """5xx without a class of its own: the server failed; its log has `request_id`."""


class Unavailable(ServerError):
    """503: the store is away (nothing was written; retrying after `retry_after` is safe)."""


class InsufficientStorage(ServerError):
    """507: the server's disk is full; nothing was written."""


class ConnectionFailed(GraphsvcError):
    """No answer: the server could not be reached, or did not answer in time."""


BY_STATUS: dict[int, type[GraphsvcError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    408: RequestTimeout,
    409: Conflict,
    413: PayloadTooLarge,
    422: ValidationFailed,
    429: RateLimited,
    503: Unavailable,
    507: InsufficientStorage,
}


def error_class(status: int) -> type[GraphsvcError]:
    if status in BY_STATUS:
        return BY_STATUS[status]
    return ServerError if status >= 500 else GraphsvcError


def retry_after(value: str | None) -> float | None:
    """Seconds from `Retry-After`: a number of seconds, or an HTTP date (RFC 9110)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def from_response(response: httpx2.Response) -> GraphsvcError:
    """The exception for an error answer. Reads the body (a streamed one too). A body
    that is not a problem (a proxy's HTML page) still gives the status and its text."""
    response.read()
    problem: dict[str, Any] = {}
    try:
        parsed = response.json()
    except ValueError:
        parsed = None
    if isinstance(parsed, dict):
        problem = parsed
    detail = problem.get("detail")
    if not isinstance(detail, str):
        detail = response.text[:500].strip() or response.reason_phrase
    errors = problem.get("errors")
    return error_class(response.status_code)(
        detail,
        status=response.status_code,
        title=str(problem.get("title") or response.reason_phrase),
        type=str(problem.get("type") or "about:blank"),
        instance=problem.get("instance"),
        errors=errors if isinstance(errors, list) else None,
        request_id=response.headers.get("X-Request-ID"),
        retry_after=retry_after(response.headers.get("Retry-After")),
        method=response.request.method,
        url=str(response.request.url),
    )


def connection_failed(exc: httpx2.TransportError, method: str, url: str) -> ConnectionFailed:
    """Say which URL could not be reached and why (refused, timed out, name unknown)."""
    if isinstance(exc, httpx2.TimeoutException):
        reason = f"no answer in time ({type(exc).__name__})"
    else:
        reason = str(exc) or type(exc).__name__
    return ConnectionFailed(
        f"could not reach {url}: {reason}", title="Connection failed", method=method, url=url
    )
