"""The hot reads cross into no worker thread when the store answers from memory.

A thread-pool hop (a worker thread woken, then the event loop woken back with the
result) cost more than a kept answer itself (docs/benchmarks.md, "Profiles: the API
path"); FastAPI makes one for every plain `def` dependency, so the dependencies of the
hot routes must be `async def`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import fastapi.dependencies.utils
import fastapi.routing
import pytest
from fastapi.testclient import TestClient

import graphsvc.service.calls as calls
from tests.graphsvc.api.test_routes import PUTIN


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every call the app sends to the thread pool, by name; each still runs there."""
    counted: Counter[str] = Counter()

    def counting(real: Callable[..., Any]) -> Callable[..., Any]:
        async def hop(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            counted[getattr(func, "__name__", repr(func))] += 1
            return await real(func, *args, **kwargs)

        return hop

    for module in (fastapi.routing, fastapi.dependencies.utils):
        monkeypatch.setattr(module, "run_in_threadpool", counting(module.run_in_threadpool))
    monkeypatch.setattr(calls, "run_in_thread", counting(calls.run_in_thread))
    return counted


@pytest.mark.parametrize("path", [f"/timeline?actor={PUTIN}&limit=5", f"/actors/{PUTIN}/relations"])
def test_hot_reads_make_no_thread_pool_hop(
    loaded_client: TestClient, hops: Counter[str], path: str
) -> None:
    store = loaded_client.app.state.store  # type: ignore[attr-defined]
    assert store.answers_from_memory()
    for _ in range(2):  # the first answer is built, the second kept
        response = loaded_client.get(path)
        assert response.status_code == 200, response.text
        assert response.json()["items"]
    assert hops == Counter(), f"GET {path} went through the thread pool: {dict(hops)}"
