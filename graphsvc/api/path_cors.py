"""CORS for one path prefix only: Neo4j Browser's requests for the guide under `/neo4j/`.

Browser fetches a guide from its own origin (Neo4j's HTTP port) with headers a browser
does not send on its own, so Chromium asks first with a preflight (`OPTIONS`). Starlette's
CORSMiddleware answers preflights for every path it wraps; the API must not be opened to
those origins along with the guide (its CORS is `GRAPHSVC_CORS_ORIGINS`, off by default),
so this wrapper hands only requests under `prefix` to a CORSMiddleware of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

#: The headers Neo4j Browser 5's request for a guide or style (`:play`, `:style`) carries
#: beyond the safelisted ones, seen in Chromium: `Cache-Control` and `Pragma` (no-cache)
#: always, and Sentry's trace headers when the URL's host is `localhost`.
BROWSER_HEADERS = ("Cache-Control", "Pragma", "Sentry-Trace", "Baggage")


class PathCORS:
    """CORSMiddleware for requests whose path is `prefix` or under it; others pass by."""

    def __init__(
        self,
        app: ASGIApp,
        prefix: str,
        origins: Sequence[str],
        headers: Sequence[str] = BROWSER_HEADERS,
    ) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/")
        # GET and HEAD only: the files under the prefix are read, never written.
        self.cors = CORSMiddleware(
            app, allow_origins=list(origins), allow_methods=["GET", "HEAD"], allow_headers=headers
        )

    def _scoped(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        return bool(path == self.prefix or path.startswith(f"{self.prefix}/"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._scoped(scope):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
