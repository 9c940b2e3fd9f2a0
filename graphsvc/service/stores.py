"""The store a server runs on: opened from the settings once for the life of the
process, and served even when the backend is away at start-up (its answers are 503
until it is back, and /ready says so), rather than refusing to start.

Once it is open, the server process's heap is frozen (`freeze_loaded_heap`): the graph
the embedded store loaded lives as long as the process, so the cyclic garbage collector
is kept from walking its millions of objects on every full pass (seconds at 10^5
events, felt as p99 latency); refcounting still frees them. That is process-wide, so
it is done here, by the servers' entry point, never in a store's constructor (a test
or a CLI command opening many stores would freeze all their garbage too)."""

from __future__ import annotations

import gc
import logging

from graphsvc.errors import StoreUnavailable
from graphsvc.settings import Settings
from graphsvc.store import GraphStore, open_store


def open_for_serving(settings: Settings, log: logging.Logger) -> GraphStore:
    """The configured store, started if its backend answers; a warning if not."""
    store = open_store(settings)
    try:
        store.start()
    except StoreUnavailable as exc:
        log.warning("store not ready at start-up: %s", exc.detail)
    freeze_loaded_heap()
    return store


def freeze_loaded_heap() -> None:
    """Collect once, then move every object alive now out of the collector's passes."""
    gc.collect()
    gc.freeze()
