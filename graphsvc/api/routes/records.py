"""Bulk structured records: JSON Lines (any content type but JSON) or a JSON array."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.limits import check_record_count
from graphsvc.errors import InvalidInput
from graphsvc.model import GraphBatch
from graphsvc.views import WriteResult
from loaders.records import parse_jsonl, parse_objects

router = APIRouter(tags=["records"])

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": "One record a line (`application/x-ndjson`), or a JSON array of "
        "records (`application/json`). See docs/records.md.",
        "content": {
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        },
    }
}


def parse_body(body: bytes, content_type: str) -> GraphBatch:
    """JSON when the client says so, JSON Lines otherwise (curl's default type included)."""
    if content_type.split(";")[0].strip().lower() != "application/json":
        return parse_jsonl(body.splitlines())
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(
            f"body is not valid JSON ({exc}); send JSON Lines as application/x-ndjson"
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise InvalidInput("a JSON body must be a record, an array of records or {records: [...]}")
    return parse_objects(data)


@router.post(
    "/records",
    summary="Write documents, actors, events and relations; all or nothing",
    openapi_extra=_BODY_DOC,
)
async def post_records(request: Request, store: StoreDep, settings: SettingsDep) -> WriteResult:
    body = await request.body()
    batch = await run_in_threadpool(parse_body, body, request.headers.get("content-type", ""))
    if batch.is_empty():
        raise InvalidInput("the body holds no records")
    check_record_count(sum(batch.counts().values()), settings.max_records_per_request)
    return await run_in_threadpool(store.write_batch, batch)
