"""Keys on the HTTP transport: every request needs the read key or the API key when
either is set (the API's headers, comparison and answers: `Authorization: Bearer <key>`
or `X-API-Key: <key>`, constant time, 401 without, 403 wrong). The tools that need the
API key itself check each call's headers again (`graphsvc.mcp.tools`). stdio has no
keys: it serves the process that started it.

Which key a request carried also names its session pool (`graphsvc.mcp.sessions`)."""

from __future__ import annotations

from typing import Literal

from starlette.datastructures import Headers

from graphsvc.api.auth import HOW, _matches, presented_key
from graphsvc.errors import Forbidden, Unauthorized
from graphsvc.settings import Settings

#: Who a request is: the holder of the API key, of the read key, or anyone (no key set).
Principal = Literal["api", "read", "anonymous"]


def principal_of(settings: Settings, headers: Headers) -> Principal:
    """ "anonymous" when no key is set; else which key the request carries (the API key
    wins when both are the same), or 401/403 as the API answers."""
    if settings.read_key is None and settings.api_key is None:
        return "anonymous"
    presented = presented_key(headers)
    if presented is None:
        raise Unauthorized(f"graphsvc mcp needs the read key or the API key: {HOW}")
    # Both comparisons run, whatever the first answers (constant time).
    is_api = _matches(presented, settings.api_key)
    is_read = _matches(presented, settings.read_key)
    if is_api:
        return "api"
    if is_read:
        return "read"
    raise Forbidden("the key given is neither the read key nor the API key")


def check_any_key(settings: Settings, headers: Headers) -> None:
    """Nothing when no key is set; else the request must carry one of the two."""
    principal_of(settings, headers)


def principals(settings: Settings) -> tuple[Principal, ...]:
    """The principals this configuration can meet: one session pool each."""
    if settings.read_key is None and settings.api_key is None:
        return ("anonymous",)
    found: list[Principal] = []
    if settings.api_key is not None:
        found.append("api")
    if settings.read_key is not None:
        found.append("read")
    return tuple(found)
