"""The Neo4j store's schema: constraints, indexes, the write lock's node and the
backfill of what older versions did not store, applied once per process at start."""

from __future__ import annotations

import time

import neo4j
from neo4j import exceptions as neo4j_errors

from graphsvc.store.cypher import load_query, statements

#: Longest wait, at start-up, for indexes Neo4j is filling (the full-text indexes, first
#: created on a graph written before them, are filled from what is stored).
INDEX_WAIT_SECONDS = 300

#: Tries of one schema statement that another process is applying at the same moment.
SCHEMA_ATTEMPTS = 5


def apply_statement(session: neo4j.Session, statement: str) -> None:
    """One `IF NOT EXISTS` schema statement, safe when several processes start together
    (uvicorn workers): Neo4j may refuse the second of two identical statements racing
    each other, as an equivalent rule that already exists or a transient conflict; the
    rule is there either way once the other commits, so it is tried again, then let be."""
    for attempt in range(1, SCHEMA_ATTEMPTS + 1):
        try:
            session.run(statement).consume()
            return
        except neo4j_errors.ClientError as exc:
            if "AlreadyExists" not in (exc.code or ""):
                raise
            return
        except neo4j_errors.TransientError:
            if attempt == SCHEMA_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)


def apply_schema(session: neo4j.Session) -> None:
    """Every schema statement (idempotent), then the backfill, in `session`."""
    for statement in (*statements("schema"), *statements("writes/lock_schema")):
        apply_statement(session, statement)
    session.execute_write(lambda tx: tx.run(load_query("schema_backfill")).consume())
    # A search on an index still filling fails: answer only once they are online.
    session.run(load_query("schema_await"), seconds=INDEX_WAIT_SECONDS).consume()
