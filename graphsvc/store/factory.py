"""Pick the backend named in settings. The only place that knows every store class."""

from __future__ import annotations

from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    if settings.backend == "embedded":
        from graphsvc.store.embedded import EmbeddedStore

        return EmbeddedStore(settings.data_dir)
    raise ValueError(f"unknown backend {settings.backend!r}")
