"""Keys on the HTTP transport: every request needs the read key or the API key when
either is set (the API's headers, comparison and answers: `Authorization: Bearer <key>`
or `X-API-Key: <key>`, constant time, 401 without, 403 wrong). The tools that need the
API key itself check each call's headers again (`graphsvc.mcp.tools`). stdio has no
keys: it serves the process that started it."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from graphsvc.api.auth import HOW, _matches, presented_key
from graphsvc.api.problems import problem
from graphsvc.errors import Forbidden, GraphsvcError, Unauthorized
from graphsvc.settings import Settings


def check_any_key(settings: Settings, headers: Headers) -> None:
    """Nothing when no key is set; else the request must carry one of the two."""
    if settings.read_key is None and settings.api_key is None:
        return
    presented = presented_key(headers)
    if presented is None:
        raise Unauthorized(f"graphsvc mcp needs the read key or the API key: {HOW}")
    if not _matches(presented, settings.read_key, settings.api_key):
        raise Forbidden("the key given is neither the read key nor the API key")


class KeyRequired:
    """ASGI middleware around the SDK's streamable HTTP app."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                check_any_key(self.settings, Headers(scope=scope))
            except GraphsvcError as exc:
                answer = problem(
                    exc.status, exc.title, exc.detail, scope.get("path"), headers=exc.headers
                )
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)
