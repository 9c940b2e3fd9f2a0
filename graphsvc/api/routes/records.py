"""Bulk structured records: JSON Lines (any content type but JSON) or a JSON array."""

from __future__ import annotations

from fastapi import APIRouter, Request

from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.service.calls import run_in_thread
from graphsvc.service.ingest import check_records, parse_records
from graphsvc.views import WriteResult

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


def is_json(content_type: str) -> bool:
    """JSON only when the client says so: JSON Lines otherwise (curl's default type too)."""
    return content_type.split(";")[0].strip().lower() == "application/json"


@router.post(
    "/records",
    summary="Write documents, actors, events and relations; all or nothing",
    openapi_extra=_BODY_DOC,
)
async def post_records(request: Request, store: StoreDep, settings: SettingsDep) -> WriteResult:
    body = await request.body()
    as_json = is_json(request.headers.get("content-type", ""))
    batch = await run_in_thread(lambda: parse_records(body, as_json=as_json))
    check_records(batch, settings.max_records_per_request)
    return await run_in_thread(store.write_batch, batch)
