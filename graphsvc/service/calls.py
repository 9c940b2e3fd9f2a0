"""How an event-loop adapter (the HTTP API, the MCP server) calls the store.

Store calls block (SQLite, a child process, Neo4j's network I/O), so they run in a
worker thread. A store that answers from memory right now
(`GraphStore.answers_from_memory`: the embedded one, while nothing forces it to reload
from disk) answers a short question faster than a thread hop costs, so `ask` calls it
on the event loop itself. A store whose short questions have an awaitable twin
(`awaitable(call)`: Neo4j's kept answers) is awaited instead: a kept answer that stands
is handed out after a reading shared with the requests asking at once, and the request
holds no thread while it waits (a pool thread waiting for the store's own thread was
two hand-overs a request, the largest cost left once answers were kept).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar, cast

import anyio.to_thread

from graphsvc.store.base import GraphStore

T = TypeVar("T")


async def run_in_thread(call: Callable[..., T], *args: Any) -> T:
    """`call(*args)` in the worker-thread pool the web framework uses too (anyio's)."""
    return await anyio.to_thread.run_sync(functools.partial(call, *args))


class HasAwaitables(Protocol):
    """A store with awaitable twins of some of its calls."""

    def awaitable(self, call: Callable[..., Any]) -> Callable[..., Awaitable[Any]] | None: ...


def keeps_answers(store: GraphStore) -> bool:
    """Whether the store hands out the same answer objects while nothing they show
    changed (kept answers: docs/consistency.md)."""
    return store.keeps_answers


async def ask(store: GraphStore, call: Callable[..., T], *args: Any, short: bool = True) -> T:
    """`call(*args)` on the store: here, when the store answers from memory right now
    and the question is `short` (one actor's answers, not a scan of every event); its
    awaitable twin when the store has one for a short question; in a worker thread
    otherwise (I/O, a reload from disk, a write in progress)."""
    if short and store.answers_from_memory():
        return call(*args)
    twin_of = getattr(store, "awaitable", None)
    twin = cast(HasAwaitables, store).awaitable(call) if short and twin_of else None
    if twin is not None:
        return cast(T, await twin(*args))
    return await run_in_thread(call, *args)
