"""Keys on the HTTP transport: every request needs the read key or the API key when
either is set (the API's headers, comparison and answers: `Authorization: Bearer <key>`
or `X-API-Key: <key>`, constant time, 401 without, 403 wrong; the rules:
`graphsvc.service.keys`). The tools that need the API key itself check each call's
headers again (`graphsvc.mcp.tools`). stdio has no keys: it serves the process that
started it.

Which key a request carried also names its session pool (`graphsvc.mcp.sessions`)."""

from __future__ import annotations

from collections.abc import Mapping

from graphsvc.http.keys import presented_key
from graphsvc.service.keys import Principal, principal_of
from graphsvc.settings import Settings


def principal_of_request(settings: Settings, headers: Mapping[str, str]) -> Principal:
    """Who the request is, from the key its headers carry (401/403 as the API answers)."""
    return principal_of(settings, presented_key(headers), needs="graphsvc mcp")


def check_any_key(settings: Settings, headers: Mapping[str, str]) -> None:
    """Nothing when no key is set; else the request must carry one of the two."""
    principal_of_request(settings, headers)
