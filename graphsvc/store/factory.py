"""Pick the backend named in settings. The only place that knows every store class."""

from __future__ import annotations

from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """Open the configured store; call its `start()` before use."""
    if settings.backend == "neo4j":
        from graphsvc.store.neo4j import Neo4jStore

        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
        cypher_password = settings.neo4j_cypher_password
        assert settings.neo4j_uri  # checked by Settings
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            password,
            settings.neo4j_database,
            max_retry_seconds=settings.neo4j_max_retry_seconds,
            query_timeout_seconds=settings.query_timeout_seconds,
            write_timeout_seconds=settings.neo4j_write_timeout_seconds,
            cypher_user=settings.neo4j_cypher_user,
            cypher_password=cypher_password.get_secret_value() if cypher_password else None,
        )
    from graphsvc.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.data_dir, cypher_memory_mb=settings.cypher_child_memory_mb)
