"""Answers serialised once.

FastAPI would validate a returned model against the route's `response_model` and then
encode it; store answers are already of that model, so the routes that matter for
speed hand back the bytes of pydantic-core's serialiser instead (the route keeps its
`response_model` for the OpenAPI schema). Same fields, same values, compact JSON.

A store that keeps answers (`GraphStore.keeps_answers`, asked through
`graphsvc.service.calls.keeps_answers`) hands the same page object to every reader while
nothing it shows changed, so its bytes are kept beside it here too.
"""

from __future__ import annotations

from collections import OrderedDict

from fastapi.responses import Response
from pydantic import BaseModel

#: Encoded answers kept, by the identity of the page object they encode (the store's
#: answer cache keeps at most as many pages).
ENCODED_KEPT = 512


class JsonAnswer(Response):
    media_type = "application/json"


class _Encoded:
    """The JSON of recently served page objects. Each entry holds its model, so an id is
    never reused for another object while its bytes are kept."""

    def __init__(self, size: int = ENCODED_KEPT) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[BaseModel, bytes]] = OrderedDict()

    def of(self, model: BaseModel) -> bytes:
        entry = self._entries.get(id(model))
        if entry is not None and entry[0] is model:
            return entry[1]
        body = model.model_dump_json().encode()
        self._entries[id(model)] = (model, body)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return body


_encoded = _Encoded()


def json_answer(model: BaseModel, *, kept: bool = False) -> JsonAnswer:
    """The model's JSON as the response body; `kept`: the store may hand this very
    object out again (its bytes are reused then)."""
    if kept:
        return JsonAnswer(_encoded.of(model))
    return JsonAnswer(model.model_dump_json())
