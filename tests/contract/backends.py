"""Open a store of a named backend on a data directory (the contract's one switch)."""

from __future__ import annotations

from pathlib import Path

from graphsvc.store.base import GraphStore
from graphsvc.store.embedded import EmbeddedStore

BACKENDS = ["embedded"]


def open_backend(name: str, data_dir: Path) -> GraphStore:
    if name == "embedded":
        return EmbeddedStore(data_dir)
    raise ValueError(f"unknown backend {name!r}; known: {BACKENDS}")
