"""Answers serialised once: a store's read model straight to JSON bytes.

FastAPI would validate a returned model against the route's `response_model` and then
encode it; store answers are already of that model, so the routes that matter for
speed hand back the bytes of pydantic-core's serialiser instead (the route keeps its
`response_model` for the OpenAPI schema). Same fields, same values, compact JSON.
"""

from __future__ import annotations

from fastapi.responses import Response
from pydantic import BaseModel


class JsonAnswer(Response):
    media_type = "application/json"


def json_answer(model: BaseModel) -> JsonAnswer:
    """The model's JSON, encoded once, as the response body."""
    return JsonAnswer(model.model_dump_json())
