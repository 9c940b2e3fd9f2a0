"""API keys: who may write, and (optionally) who may read.

With `GRAPHSVC_API_KEY` set, every write route and POST /cypher needs that key; with
`GRAPHSVC_READ_KEY` set too, reads need either key. A key comes as `Authorization:
Bearer <key>` or `X-API-Key: <key>` and is compared in constant time. No key: 401;
a wrong key: 403. Keys are never logged or echoed back.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPBearer
from pydantic import SecretStr
from starlette.datastructures import Headers

from graphsvc.errors import Forbidden, Unauthorized
from graphsvc.settings import Settings

#: The two ways to present a key, as the OpenAPI document describes them
#: (`graphsvc.api.openapi`); `KeyGuard` reads both headers itself.
BEARER = HTTPBearer(auto_error=False, description="`Authorization: Bearer <key>`")
HEADER = APIKeyHeader(name="X-API-Key", auto_error=False, description="`X-API-Key: <key>`")
HOW = "send it as `Authorization: Bearer <key>` or `X-API-Key: <key>`"


def presented_key(headers: Headers) -> str | None:
    """The key of `Authorization: Bearer <key>`, else of `X-API-Key` (as FastAPI's
    HTTPBearer and APIKeyHeader read them); None when neither carries one."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer" and credentials:
        return credentials
    return headers.get("x-api-key") or None


def _matches(presented: str, *keys: SecretStr | None) -> bool:
    """Constant-time comparison against every configured key (no early exit)."""
    given = presented.encode()
    results = [hmac.compare_digest(given, k.get_secret_value().encode()) for k in keys if k]
    return any(results)


def check_write_key(settings: Settings, headers: Headers) -> None:
    if settings.api_key is None:
        return
    presented = presented_key(headers)
    if presented is None:
        raise Unauthorized(f"writing needs the API key (GRAPHSVC_API_KEY): {HOW}")
    if not _matches(presented, settings.api_key):
        raise Forbidden("the key given is not the API key; writing needs GRAPHSVC_API_KEY")


def check_read_key(settings: Settings, headers: Headers) -> None:
    if settings.read_key is None:
        return
    presented = presented_key(headers)
    if presented is None:
        raise Unauthorized(f"reading needs the read key or the API key: {HOW}")
    if not _matches(presented, settings.read_key, settings.api_key):
        raise Forbidden("the key given is neither the read key nor the API key")


class KeyGuard(APIKeyHeader):
    """A dependency that asks for a key. It is an APIKeyHeader only so that FastAPI
    marks its operations with `security` in the OpenAPI document (which then lists both
    ways, `SECURITY_SCHEMES`); it reads the headers itself, one dependency a request
    instead of a tree of five (FastAPI solves each, ~0.1 ms apiece)."""

    def __init__(self, check: Callable[[Settings, Headers], None]) -> None:
        super().__init__(name="X-API-Key", auto_error=False, description=HEADER.model.description)
        self._check = check

    async def __call__(self, request: Request) -> None:  # type: ignore[override]
        self._check(request.app.state.settings, request.headers)


WriteAccess = Depends(KeyGuard(check_write_key))
ReadAccess = Depends(KeyGuard(check_read_key))
