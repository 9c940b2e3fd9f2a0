"""API keys: who may write, and (optionally) who may read.

Any key set means no anonymous writes. With `GRAPHSVC_API_KEY` set, every write route
and POST /cypher needs that key; with `GRAPHSVC_READ_KEY` set, reads need either key.
A read key alone makes a read-only service: writes and POST /cypher answer 403 naming
GRAPHSVC_API_KEY (refusing them, rather than refusing to start, keeps a read-only
deployment possible). No key set: everything is open, and start-up says so
(`access_model`). A key comes as `Authorization: Bearer <key>` or `X-API-Key: <key>`
and is compared in constant time. No key: 401; a wrong key: 403. Keys are never
logged or echoed back.
"""

from __future__ import annotations

import hmac
import logging
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


#: The answer to a write when only the read key is set: no key the caller could send helps.
WRITES_OFF = (
    "writing is off: GRAPHSVC_READ_KEY is set and GRAPHSVC_API_KEY is not, so the service is "
    "read-only; set GRAPHSVC_API_KEY to allow writes and POST /cypher"
)


def check_write_key(settings: Settings, headers: Headers) -> None:
    """Writes and Cypher: open only when no key at all is set; else the API key."""
    if settings.api_key is None:
        if settings.read_key is None:
            return
        raise Forbidden(WRITES_OFF)
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


def access_model(settings: Settings, *, mcp: bool = False) -> str:
    """One line for the start-up log: who may read, write and run Cypher with the keys
    this configuration sets (`mcp`: the HTTP transport, where any key set closes the
    endpoint to callers without one)."""
    read, api = settings.read_key is not None, settings.api_key is not None
    if not read and not api and mcp:
        return (
            "access: no key is set, anyone who reaches the server may read and run Cypher "
            "(no ingest_document without GRAPHSVC_API_KEY); set GRAPHSVC_READ_KEY or "
            "GRAPHSVC_API_KEY"
        )
    if not read and not api:
        return (
            "access: no key is set, anyone who reaches the server may read, write and run "
            "Cypher; set GRAPHSVC_API_KEY (writes) and GRAPHSVC_READ_KEY (reads)"
        )
    if read and not api:
        return (
            "access: reads need GRAPHSVC_READ_KEY; writes and Cypher are refused (read-only) "
            "until GRAPHSVC_API_KEY is set"
        )
    if api and not read:
        reads = "reads need GRAPHSVC_API_KEY" if mcp else "reads are open"
        return f"access: {reads}; writes and Cypher need GRAPHSVC_API_KEY"
    return (
        "access: reads need GRAPHSVC_READ_KEY or GRAPHSVC_API_KEY; writes and Cypher need "
        "GRAPHSVC_API_KEY"
    )


def log_access_model(logger: logging.Logger, settings: Settings, *, mcp: bool = False) -> None:
    """Say the access model at start-up: a warning when nothing is closed."""
    open_to_all = settings.read_key is None and settings.api_key is None
    logger.log(logging.WARNING if open_to_all else logging.INFO, access_model(settings, mcp=mcp))


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
