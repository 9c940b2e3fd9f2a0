"""The key an HTTP request presents, read the same way by the API and the MCP server's
HTTP transport (the checks themselves: `graphsvc.service.keys`)."""

from __future__ import annotations

from collections.abc import Mapping


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key of `Authorization: Bearer <key>`, else of `X-API-Key` (as FastAPI's
    HTTPBearer and APIKeyHeader read them); None when neither carries one. `headers`
    looks names up without regard to case (Starlette's `Headers`)."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    credentials = credentials.strip()
    if scheme.lower() == "bearer" and credentials:
        return credentials
    return headers.get("x-api-key") or None
