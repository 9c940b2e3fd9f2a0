"""Run a coroutine function from a synchronous test, whatever else the session runs.

Playwright's sync API (tests/browser.py) keeps an asyncio loop marked as running in the
main thread for as long as its session-scoped browser lives, and `anyio.run` (or
`asyncio.run`) refuses to start inside a running loop. A fresh thread has no loop, so a
test that needs one runs it there and is independent of which tests ran before it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

T = TypeVar("T")


def run_async(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    """`function(*args)` to completion on its own event loop in a new thread."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-loop") as pool:
        return pool.submit(anyio.run, function, *args).result()
