"""Open a store of a named backend (the contract's one switch)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graphsvc.store.base import GraphStore
from graphsvc.store.embedded import EmbeddedStore

if TYPE_CHECKING:
    from tests.neo4j_fixture import Neo4jTarget

BACKENDS = ["embedded", "neo4j"]


def open_backend(name: str, data_dir: Path, neo4j: Neo4jTarget | None = None) -> GraphStore:
    """A started store; for neo4j, a new driver on the shared test server."""
    if name == "embedded":
        return EmbeddedStore(data_dir)
    if name == "neo4j":
        from graphsvc.store.neo4j import Neo4jStore

        assert neo4j is not None, "the neo4j backend needs the neo4j_target fixture"
        store = Neo4jStore(neo4j.uri, neo4j.user, neo4j.password, neo4j.database)
        store.start()
        return store
    raise ValueError(f"unknown backend {name!r}; known: {BACKENDS}")
