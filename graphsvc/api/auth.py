"""The key guard of the routes: reads need the read key when it is set, writes and
POST /cypher the API key when any key is set (the rules: `graphsvc.service.keys`). A key
comes as `Authorization: Bearer <key>` or `X-API-Key: <key>` (`graphsvc.http.keys`).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPBearer

from graphsvc.http.keys import presented_key
from graphsvc.service.keys import check_read_key, check_write_key
from graphsvc.settings import Settings

#: The two ways to present a key, as the OpenAPI document describes them
#: (`graphsvc.api.openapi`); `KeyGuard` reads both headers itself.
BEARER = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
HEADER = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")


class KeyGuard(APIKeyHeader):
    """A dependency that asks for a key. It is an APIKeyHeader only so that FastAPI
    marks its operations with `security` in the OpenAPI document (which then lists both
    ways, `SECURITY_SCHEMES`); it reads the headers itself, one dependency a request
    instead of a tree of five (FastAPI solves each, ~0.1 ms apiece)."""

    def __init__(self, check: Callable[[Settings, str | None], None]) -> None:
        super().__init__(name="X-API-Key", auto_error=False, description=HEADER.model.description)
        self._check = check

    async def __call__(self, request: Request) -> None:  # type: ignore[override]
        self._check(request.app.state.settings, presented_key(request.headers))


WriteAccess = Depends(KeyGuard(check_write_key))
ReadAccess = Depends(KeyGuard(check_read_key))
