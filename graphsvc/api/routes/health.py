"""Liveness, readiness and graph size."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from graphsvc.api.auth import ReadAccess
from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.api.routes.answer import JsonAnswer
from graphsvc.views import Stats

router = APIRouter(tags=["health"])


#: The whole answer of /health, encoded once.
HEALTHY = b'{"status":"ok"}'


@router.get("/health", summary="The process answers", response_model=dict[str, str])
async def health() -> JsonAnswer:
    # `async`, and the bytes ready: nothing here blocks or needs encoding, so the
    # cheapest answer a load balancer's probe can get.
    return JsonAnswer(HEALTHY)


@router.get("/ready", summary="The store answers (503 if not)")
async def ready(store: StoreDep, settings: SettingsDep) -> dict[str, str]:
    await run_in_threadpool(store.check_ready)
    return {"status": "ready", "backend": settings.backend}


@router.get("/stats", summary="How many nodes and edges of each kind", dependencies=[ReadAccess])
def stats(store: StoreDep) -> Stats:
    return store.stats()
