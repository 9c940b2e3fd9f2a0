"""The Neo4j backend: `Neo4jStore` and the modules it is built of, one job each
(plumbing, errors, deadlines, consistency, kept answers, schema, reads' views, writes,
ad-hoc Cypher). Imports no other backend."""

from graphsvc.store.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
