"""One error shape for every failure: RFC 9457 `application/problem+json`
(`graphsvc.http.problems`).

Domain errors carry their status (`GraphsvcError.status`); request-validation errors,
unknown routes and crashes are translated here too, so clients parse one shape.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from graphsvc.errors import GraphsvcError
from graphsvc.http.problems import problem

log = logging.getLogger(__name__)


def _validation_field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"query", "path", "body", "header"}:
        return f"{parts[0]} parameter " + ".".join(parts[1:]) if len(parts) > 1 else parts[0]
    return ".".join(parts)


def _allowed(request: Request, given: str | None) -> str | None:
    """Every method the path takes, for a 405's `Allow`, from the OpenAPI document:
    Starlette names only the first route matching the path, but a path may be served
    by routes of two routers (GET /documents is a read, POST /documents a write, each
    under its own key guard). `given` (Starlette's) for a path the document omits."""
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            methods.update(m.upper() for m in operations)
    return ", ".join(sorted(methods)) if methods else given


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(GraphsvcError)
    async def _domain(request: Request, exc: GraphsvcError) -> JSONResponse:
        return problem(
            exc.status, exc.title, exc.detail, request.url.path, exc.errors, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _validation_field(tuple(e["loc"])), "message": e["msg"]} for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "request", "message": "invalid"}
        detail = f"{first['field']}: {first['message']}"
        return problem(422, "Invalid request", detail, request.url.path, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
        detail = str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route {request.url.path}; see /docs for the API"
        headers = exc.headers
        if exc.status_code == 405:
            allowed = _allowed(request, (headers or {}).get("Allow"))
            if allowed:
                headers = {**(headers or {}), "Allow": allowed}
        return problem(exc.status_code, title, detail, request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return problem(500, "Internal error", "the server failed; see its log", request.url.path)
