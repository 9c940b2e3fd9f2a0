"""Each request gets an id, a JSON log line and its metrics, in one ASGI middleware.

The id comes from a well-formed `X-Request-ID` header or is made here, and is sent
back, so a client can quote it. The log line has method, route, path, status and
milliseconds; never headers or bodies, so keys and documents stay out of logs.
"""

from __future__ import annotations

import logging
import os
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api.metrics import Metrics

log = logging.getLogger("graphsvc.access")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")
#: Methods that label metrics and logs as themselves; any other becomes `other`, so a
#: client inventing method names cannot grow /metrics without bound.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    return method if method in KNOWN_METHODS else "other"


#: uuid4's version and variant bits: ids as `uuid.uuid4().hex` makes, without a UUID object.
_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def new_request_id() -> str:
    """A random (version 4) UUID as 32 hex digits."""
    bits = int.from_bytes(os.urandom(16)) & _UUID4_CLEAR | _UUID4_SET
    return f"{bits:032x}"


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            if _REQUEST_ID.fullmatch(text):
                return text
    return new_request_id()


class RequestObservability:
    """Pure ASGI (no BaseHTTPMiddleware task and stream per request); the log line is
    only queued here (graphsvc.logs formats and writes it on another thread)."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None, access_log: bool = True) -> None:
        self.app = app
        self.metrics = metrics
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = method_label(scope["method"])
            if self.metrics is not None:
                self.metrics.observe(method, route, status, seconds)
            if self.access_log and log.isEnabledFor(logging.INFO):
                # makeRecord + handle: what log.info does, less finding the caller's
                # file and line (a stack walk), which the JSON line does not show.
                record = log.makeRecord(
                    log.name,
                    logging.INFO,
                    __file__,
                    0,
                    "%s %s %s",
                    (method, scope["path"], status),
                    None,
                    extra={
                        "request_id": request_id,
                        "method": method,
                        "route": route,
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                    },
                )
                log.handle(record)
