"""MCP HTTP sessions, bounded per key.

The SDK's session manager keeps at most `max_sessions` sessions and closes one that goes
`session_idle_timeout` without a request; but one manager serves every caller, so whoever
opens sessions fastest fills it and everyone else, the API key included, gets 503 (its
defaults: 10,000 sessions, 30 minutes). Here each principal (the API key, the read key,
or anyone when no key is set) gets its own SDK app, so its own manager, with
GRAPHSVC_MCP_MAX_SESSIONS_PER_KEY and GRAPHSVC_MCP_SESSION_IDLE_SECONDS: the read key's
sessions running out leaves the API key's untouched. A session id is known only to the
manager of the key that opened it, so a session is not usable with another key (404).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.errors import GraphsvcError
from graphsvc.http.problems import problem
from graphsvc.mcp.auth import principal_of_request
from graphsvc.service.keys import Principal, principals
from graphsvc.settings import Settings

#: The header that names an open session (a request without it opens one).
SESSION_HEADER = "mcp-session-id"


def full_answer(settings: Settings) -> bytes:
    """The JSON-RPC error of a new session refused at the cap, naming the setting."""
    message = (
        f"too many open sessions for this key ({settings.mcp_max_sessions_per_key}, "
        "GRAPHSVC_MCP_MAX_SESSIONS_PER_KEY); one frees when a client ends its session or "
        f"leaves it idle for {settings.mcp_session_idle_seconds:g} s "
        "(GRAPHSVC_MCP_SESSION_IDLE_SECONDS)"
    )
    error = {"jsonrpc": "2.0", "id": None, "error": {"code": -32603, "message": message}}
    return json.dumps(error).encode()


def _naming_the_setting(send: Send, settings: Settings) -> Send:
    """`send` that replaces the SDK's bare 503 "Too many open sessions" (the only 503
    its session manager gives) with `full_answer` and a Retry-After."""
    refused = False

    async def wrapped(message: Message) -> None:
        nonlocal refused
        if message["type"] == "http.response.start" and message["status"] == 503:
            refused = True
            body = full_answer(settings)
            retry = max(1, round(settings.mcp_session_idle_seconds))
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry).encode()),
            ]
            await send({**message, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        if refused:
            return  # the SDK's own body: already answered
        await send(message)

    return wrapped


class KeyPools:
    """ASGI middleware: check the key, then hand the request to its principal's SDK app."""

    def __init__(
        self, app: ASGIApp, settings: Settings, pools: Mapping[Principal, ASGIApp]
    ) -> None:
        self.app = app  # the outer app: runs the pools' lifespans
        self.settings = settings
        self.pools = pools

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            principal = principal_of_request(self.settings, headers)
        except GraphsvcError as exc:
            answer = problem(
                exc.status, exc.title, exc.detail, scope.get("path"), headers=exc.headers
            )
            await answer(scope, receive, send)
            return
        if SESSION_HEADER not in headers:
            send = _naming_the_setting(send, self.settings)
        await self.pools[principal](scope, receive, send)


def pooled_app(settings: Settings, build: Callable[[], Starlette]) -> Starlette:
    """One SDK app per principal (`build` makes one, each with its own session manager),
    behind the key check, their lifespans run together."""
    pools: dict[Principal, Starlette] = {who: build() for who in principals(settings)}

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for app in pools.values():
                await stack.enter_async_context(app.router.lifespan_context(app))
            yield

    middleware = [Middleware(KeyPools, settings=settings, pools=pools)]
    return Starlette(lifespan=lifespan, middleware=middleware)


def sdk_app(server: MCPServer, settings: Settings, host: str, path: str) -> Any:
    """The SDK's streamable HTTP app at `path` (with its Host/Origin checks on a loopback
    address), its sessions bounded by the settings."""
    return server.streamable_http_app(
        streamable_http_path=path,
        max_request_body_size=settings.max_body_bytes,
        host=host,
        max_sessions=settings.mcp_max_sessions_per_key,
        session_idle_timeout=settings.mcp_session_idle_seconds,
    )
