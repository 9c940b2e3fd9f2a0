"""The OpenAPI document says what the service really answers: every error as
problem+json with its status, and security only where this server's keys apply.

FastAPI documents only 200 and its own 422 shape; clients and contract testers
(schemathesis) need the rest, and must not be told a key is required when none is set.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from graphsvc.api.auth import BEARER, HEADER
from graphsvc.http.problems import PROBLEM_JSON
from graphsvc.settings import Settings

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}
ERRORS = {
    400: "The request cannot be run as written (e.g. invalid Cypher, a body that is not JSON).",
    401: "A key is needed (`Authorization: Bearer <key>` or `X-API-Key`).",
    403: "The key given does not allow this.",
    404: "No such actor, event, document or route.",
    408: "The query ran past its timeout.",
    409: "The id belongs to a different document (another source or URL, or records "
    "written by hand); nothing was written. `replace=true` replaces it.",
    413: "The body or the number of records is over a limit.",
    422: "A parameter or the body is not valid; `errors` lists each problem.",
    503: "The store is unavailable; nothing was written. Retry after `Retry-After` seconds.",
    507: "The disk is full; nothing was written.",
}
#: The methods of the write routes (the API key guards them).
WRITES = ("post", "delete")
#: Statuses every operation may answer; the rest depend on the operation.
COMMON = (400, 404, 413, 422, 503)


def _statuses(path: str, method: str, guarded: bool) -> list[int]:
    statuses = list(COMMON)
    if guarded:
        statuses += [401, 403]
    if path == "/cypher":
        statuses.append(408)
    if path == "/documents" and method == "post":
        statuses.append(409)
    if method in WRITES:
        statuses.append(507)
    return statuses


#: How a key is presented, as OpenAPI security schemes.
SECURITY_SCHEMES = {
    scheme.scheme_name: scheme.model.model_dump(mode="json", by_alias=True, exclude_none=True)
    for scheme in (BEARER, HEADER)
}


def _document(schema: dict[str, Any], settings: Settings) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            key = settings.api_key if method in WRITES else settings.read_key
            guarded = "security" in operation and key is not None
            if guarded:  # FastAPI lists the guard's own scheme: both ways are accepted
                operation["security"] = [{name: []} for name in SECURITY_SCHEMES]
                components["securitySchemes"] = SECURITY_SCHEMES
            else:
                operation.pop("security", None)
            responses = operation.setdefault("responses", {})
            for status in _statuses(path, method, guarded):
                responses[str(status)] = {
                    "description": ERRORS[status],
                    "content": {PROBLEM_JSON: {"schema": problem}},
                }
    if settings.api_key is None and settings.read_key is None:
        components.pop("securitySchemes", None)
    return schema


def install_openapi(app: FastAPI, settings: Settings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            app.openapi_schema = _document(schema, settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
