"""How an event-loop adapter (the HTTP API, the MCP server) calls the store.

Store calls block (SQLite, a child process, Neo4j's network I/O), so they run in a
worker thread. A store that keeps answers in memory (the embedded one: `AnswerCache`)
can answer a short question faster than a thread hop costs: while nothing forces it to
reload from disk (`answers_from_memory`), `ask` calls it on the event loop itself.
Other stores (Neo4j) are always called from a thread.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")


async def run_in_thread(call: Callable[..., T], *args: Any) -> T:
    """`call(*args)` in the worker-thread pool the web framework uses too (anyio's)."""
    return await anyio.to_thread.run_sync(functools.partial(call, *args))


def keeps_answers(store: object) -> bool:
    """Whether the store hands out the same answer objects until a write (and answers
    from memory): see `EmbeddedStore.answers_from_memory`."""
    return hasattr(store, "answers_from_memory")


async def ask(store: object, call: Callable[..., T], *args: Any, short: bool = True) -> T:
    """`call(*args)` on the store: here, when the store answers from memory right now
    and the question is `short` (one actor's answers, not a scan of every event); in
    a worker thread otherwise (I/O, a reload from disk, a write in progress)."""
    ready: Callable[[], bool] | None = getattr(store, "answers_from_memory", None)
    if short and ready is not None and ready():
        return call(*args)
    return await run_in_thread(call, *args)
