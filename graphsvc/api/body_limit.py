"""Refuse request bodies over the configured size before they fill memory.

Checks `Content-Length` up front and counts streamed bytes too, since chunked uploads
carry no length.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api.problems import problem
from graphsvc.errors import PayloadTooLarge


def _too_large(limit: int) -> str:
    return f"request body is over the limit of {limit} bytes (setting GRAPHSVC_MAX_BODY_BYTES)"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                response = problem(
                    413, PayloadTooLarge.title, _too_large(self.max_bytes), scope.get("path")
                )
                await response(scope, receive, send)
                return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise PayloadTooLarge(_too_large(self.max_bytes))
            return message

        await self.app(scope, counting_receive, send)
