"""Liveness, readiness and graph size."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from graphsvc.api.auth import ReadAccess
from graphsvc.api.deps import SettingsDep, StoreDep
from graphsvc.views import Stats

router = APIRouter(tags=["health"])


@router.get("/health", summary="The process answers")
async def health() -> dict[str, str]:
    """`async`: nothing here blocks, so no hop through the thread pool (issue 16)."""
    return {"status": "ok"}


@router.get("/ready", summary="The store answers (503 if not)")
async def ready(store: StoreDep, settings: SettingsDep) -> dict[str, str]:
    await run_in_threadpool(store.check_ready)
    return {"status": "ready", "backend": settings.backend}


@router.get("/stats", summary="How many nodes and edges of each kind", dependencies=[ReadAccess])
def stats(store: StoreDep) -> Stats:
    return store.stats()
