"""Refuse request bodies over the configured size before they fill memory, or slower
than the configured time.

Checks `Content-Length` up front and counts streamed bytes too, since chunked uploads
carry no length. The whole body must arrive within `timeout` seconds of the headers: a
client trickling a byte a second cannot hold a worker for ever (408).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.errors import BodyTimeout, PayloadTooLarge
from graphsvc.http.problems import problem


def _too_large(limit: int) -> str:
    return f"request body is over the limit of {limit} bytes (setting GRAPHSVC_MAX_BODY_BYTES)"


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

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
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        body_done = False

        async def counting_receive() -> Message:
            nonlocal seen, body_done
            if body_done:  # later receives wait for a disconnect: no deadline on those
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                raise BodyTimeout(
                    f"the request body did not arrive within {self.timeout:g} s "
                    "(setting GRAPHSVC_BODY_TIMEOUT_SECONDS)"
                ) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise PayloadTooLarge(_too_large(self.max_bytes))
                body_done = not message.get("more_body", False)
            else:
                body_done = True
            return message

        await self.app(scope, counting_receive, send)
