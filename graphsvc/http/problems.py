"""One error shape for every HTTP failure: RFC 9457 `application/problem+json`, the same
from the API and from the MCP server's HTTP transport, so clients parse one shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    body["detail"] = detail
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)
