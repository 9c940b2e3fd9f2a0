"""The store a server runs on: opened from the settings once for the life of the
process, and served even when the backend is away at start-up (its answers are 503
until it is back, and /ready says so), rather than refusing to start."""

from __future__ import annotations

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
    return store
