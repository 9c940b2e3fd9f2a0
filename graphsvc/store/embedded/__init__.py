"""The embedded backend: `EmbeddedStore` (SQLite for durability, an in-memory graph for
reads) and the modules it is built of. Imports no other backend."""

from graphsvc.store.embedded.store import DATABASE_FILE, EmbeddedStore

__all__ = ["DATABASE_FILE", "EmbeddedStore"]
