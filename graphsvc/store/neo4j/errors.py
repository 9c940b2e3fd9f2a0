"""Driver and server errors as the service's own, at the Neo4j store's boundary.

`StoreUnavailable` (503 with a retry hint, naming the URI) when Neo4j cannot answer:
away, a connection lost mid-transaction, a transient error still failing after the
driver's retries; `QueryTimeout` (408) when Neo4j stopped a read at its timeout. A
commit whose outcome is unknown says so. Anything else (a bad query is a bug) passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import exceptions as neo4j_errors

from graphsvc.errors import QueryTimeout, StoreUnavailable

#: Driver and server errors that mean "Neo4j cannot answer now", never "bad request":
#: connection refused or lost (the driver's own, or a socket error it let through), a
#: full connection pool, and the server's transient errors (still failing after the
#: driver's retries) and database errors (the server failed, not the query).
UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.ConnectionPoolError,
    neo4j_errors.TransientError,
    neo4j_errors.DatabaseError,
    OSError,
)
#: Client errors about the server's state, not the query (a transaction the server ended
#: as it shuts down, a database that is not there): the store is away, not the query bad.
SERVER_STATE_CODES = frozenset(
    {
        "Neo.ClientError.Transaction.Terminated",
        "Neo.ClientError.Transaction.LockClientStopped",
        "Neo.ClientError.Database.DatabaseNotFound",
    }
)


def message(exc: Exception) -> str:
    """The driver's message, with the server's status code when there is one."""
    code = getattr(exc, "code", None)
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{text} ({code})" if code else text


def timed_out(exc: Exception) -> bool:
    """Neo4j stopped the transaction at its timeout (`unit_of_work(timeout=...)`)."""
    return isinstance(exc, neo4j_errors.ClientError) and "TransactionTimedOut" in (exc.code or "")


def unavailable(exc: Exception) -> bool:
    if isinstance(exc, UNAVAILABLE):
        return True
    return isinstance(exc, neo4j_errors.ClientError) and exc.code in SERVER_STATE_CODES


@contextmanager
def translate(
    uri: str, *, writing: bool, query_timeout: float, write_timeout: float
) -> Iterator[None]:
    """Driver errors as StoreUnavailable naming the URI; others pass unchanged."""
    try:
        yield
    except neo4j_errors.AuthError as exc:
        raise StoreUnavailable(f"Neo4j at {uri} refused the credentials: {exc}") from exc
    except neo4j_errors.IncompleteCommit as exc:
        # The connection dropped after COMMIT was sent: Neo4j may have committed.
        raise StoreUnavailable(
            f"Neo4j at {uri} went away while committing the batch, so it may or may "
            "not be written; loading it again is safe (loads are idempotent): "
            f"{message(exc)}"
        ) from exc
    except Exception as exc:
        if writing and timed_out(exc):
            raise StoreUnavailable(
                f"Neo4j stopped the write at its {write_timeout:g} s timeout "
                "(GRAPHSVC_NEO4J_WRITE_TIMEOUT_SECONDS) and rolled it back; nothing of "
                "the batch was written: retry, or split it"
            ) from exc
        if not writing and timed_out(exc):
            raise QueryTimeout(
                f"the query ran past its {query_timeout:g} s timeout "
                "(GRAPHSVC_QUERY_TIMEOUT_SECONDS) and Neo4j stopped it; narrow the request"
            ) from exc
        if not unavailable(exc):
            raise
        what = "; nothing of the batch was written, retry later" if writing else ""
        raise StoreUnavailable(f"Neo4j at {uri} is unavailable{what}: {message(exc)}") from exc
