"""Where the embedded store's read routes spend their time: cProfile over the app.

    python -m bench.embedded_profile --events 100000 --requests 300 [--data-dir DIR]

Builds (or reuses) a store of synthetic events (bench/synthetic.py), then calls
`GET /timeline?actor=…&limit=50` and `GET /actors/{id}/relations` through the whole
FastAPI app (middleware, routing, validation, serialisation) over httpx's ASGI
transport, under cProfile, and prints the functions with the largest cumulative time.
Sync routes run in the calling thread here (not in anyio's pool) so the profiler sees
them; the shares are what to optimise, not a latency.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench import synthetic
from bench.report import markdown_table

ACTORS = 1000
DOCUMENTS = 100
BATCH = 5000
BUSIEST = 64
TOP = 14
#: The ASGI chain every request goes through whole: left out of the table.
PLUMBING = {"__call__", "app", "wrapped_app", "handle", "send", "receive", "call_next"}


def fill(data_dir: Path, events: int) -> list[str]:
    """Write the synthetic events unless `data_dir` already holds them; the busiest actors."""
    from graphsvc.store.embedded import EmbeddedStore

    counts: Counter[str] = Counter()
    for event in synthetic.events(events, ACTORS, DOCUMENTS):
        counts.update(p.actor for p in event.participants)
    store = EmbeddedStore(data_dir)
    try:
        if store.stats().events != events:
            for batch in synthetic.batches(events, BATCH, ACTORS, DOCUMENTS):
                store.write_batch(batch)
    finally:
        store.close()
    return [actor for actor, _ in counts.most_common(BUSIEST)]


#: Calls that went through the thread pool (a hop each: a worker thread woken, the
#: event loop woken again with the result), counted by `_in_thread`.
HOPS = {"count": 0}


async def _in_thread(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Stands in for Starlette's `run_in_threadpool`: the profiler sees one thread, and
    the hops it would have made are counted."""
    HOPS["count"] += 1
    return func(*args, **kwargs)


def _patch_thread_pool() -> None:
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing

    for module in (fastapi.routing, fastapi.dependencies.utils, fastapi.concurrency):
        module.run_in_threadpool = _in_thread  # type: ignore[attr-defined]
    # The routes that ask the store through `ask`, which may skip the hop.
    import graphsvc.service.calls as calls

    calls.run_in_thread = _in_thread


async def _profile(data_dir: Path, actors: Sequence[str], requests: int) -> dict[str, pstats.Stats]:
    import httpx

    from graphsvc.api.app import create_app
    from graphsvc.service.stores import freeze_loaded_heap
    from graphsvc.settings import Settings
    from graphsvc.store.embedded import EmbeddedStore

    _patch_thread_pool()
    store = EmbeddedStore(data_dir)
    freeze_loaded_heap()  # as the server does once its store is loaded
    app = create_app(Settings(data_dir=data_dir), store)
    urls = {
        "timeline": [f"/timeline?actor={quote(a, safe=':')}&limit=50" for a in actors],
        "relations": [f"/actors/{quote(a, safe=':')}/relations" for a in actors],
    }
    found: dict[str, pstats.Stats] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for name, targets in urls.items():
            for url in targets[:4]:  # warm up
                (await client.get(url)).raise_for_status()
            HOPS["count"] = 0
            profiler = cProfile.Profile()
            profiler.enable()
            for i in range(requests):
                await client.get(targets[i % len(targets)])
            profiler.disable()
            found[name] = pstats.Stats(profiler)
            print(f"{name}: {HOPS['count'] / requests:.1f} thread-pool hops a request")
    store.close()
    return found


def profile(data_dir: Path, actors: Sequence[str], requests: int) -> dict[str, pstats.Stats]:
    return asyncio.run(_profile(data_dir, actors, requests))


def top(stats: pstats.Stats, count: int = TOP) -> list[list[object]]:
    """(function, cumulative %, calls) for graphsvc/pydantic/networkx/fastapi frames,
    largest cumulative time first, skipping the test client's own plumbing."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _), (_, _, _, ct, _) in entries.items())
    rows = []
    keep = ("graphsvc", "pydantic", "networkx", "fastapi", "starlette", "sortedcontainers")
    for (path, line, func), (_, calls, _, cumulative, _) in entries.items():
        if not any(k in path for k in keep) and "pydantic_core" not in func:
            continue
        if func in PLUMBING:
            continue
        short = path.split("site-packages/")[-1].split("wt-a/")[-1]
        rows.append((cumulative, f"`{short}:{line} {func}`", calls))
    rows.sort(key=lambda r: -r[0])
    return [[name, f"{100 * cum / total:.0f}", f"{calls:,}"] for cum, name, calls in rows[:count]]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--data-dir", type=Path, help="reuse a store here (created if absent)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch)
        data_dir.mkdir(parents=True, exist_ok=True)
        actors = fill(data_dir, args.events)
        for name, stats in profile(data_dir, actors, args.requests).items():
            per_request = 1000 * stats.total_tt / args.requests  # type: ignore[attr-defined]
            print(f"\n{name}: {args.requests} requests, {per_request:.2f} ms each profiled\n")
            print(markdown_table(["function", "cumulative %", "calls"], top(stats)))


if __name__ == "__main__":
    main()
