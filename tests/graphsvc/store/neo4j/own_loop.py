"""Run a coroutine to its end on an event loop of its own, in a thread of its own.

`asyncio.run` refuses to start while the calling thread already runs a loop, and the
browser tests' Playwright keeps one running in the test thread for the whole session:
tests that await the store must not depend on which tests ran before them."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_on_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """The coroutine's result (or its exception, raised here)."""
    with ThreadPoolExecutor(1, thread_name_prefix="own-loop") as runner:
        return runner.submit(asyncio.run, coroutine).result()
