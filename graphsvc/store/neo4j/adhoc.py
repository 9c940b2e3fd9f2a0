"""Read-only Cypher on Neo4j: Neo4j's own plan of the query decides if it may run
(`graphsvc.cypher_guard.plan`), then it runs in a read transaction (writes refused by Neo4j
itself) with the timeout enforced by the server, and at most `row_limit` rows and
`max_bytes` bytes of JSON are read from the stream.

Memory: Neo4j stops a transaction that holds more than `db.memory.transaction.max` of
tracked memory (rows kept by collect, sort, distinct), and a query whose single value
cannot be allocated (a string doubled thirty times) fails with Neo4j's OutOfMemoryError
while Neo4j goes on (the launcher's JVM does not exit on it). Both are transient errors
to the driver, which would run the same query again and again for its retry time:
here they end the call at once as a 413 naming the setting.
"""

from __future__ import annotations

import time
from typing import Any

import neo4j
from neo4j import ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graphsvc.cypher_guard.answer_bytes import AnswerBudget
from graphsvc.cypher_guard.plan import check_plan
from graphsvc.errors import CypherRefused, InvalidCypher, PayloadTooLarge, QueryTimeout
from graphsvc.store.neo4j.deadline import Watchdog
from graphsvc.store.neo4j.errors import SERVER_STATE_CODES
from graphsvc.views import CypherResult

#: Words in the codes of Neo4j's memory errors: the transaction or database memory pool
#: limit (`MemoryPoolOutOfMemoryError`, `TransactionMemoryLimit`,
#: `TransactionOutOfMemoryError`) and the JVM's own (`General.OutOfMemoryError`).
MEMORY_CODE_WORDS = ("OutOfMemory", "MemoryLimit", "MemoryPool")


def _memory_error(exc: neo4j_errors.Neo4jError) -> bool:
    return any(word in (exc.code or "") for word in MEMORY_CODE_WORDS)


def _too_much_memory(exc: neo4j_errors.Neo4jError) -> PayloadTooLarge:
    if (exc.code or "").endswith("General.OutOfMemoryError"):
        what = (
            "a value larger than Neo4j's heap can hold (server.memory.heap.max_size; Neo4j's "
            "per-transaction bound, db.memory.transaction.max, does not count single values)"
        )
    else:
        what = (
            "more memory than Neo4j lets one transaction have (db.memory.transaction.max in "
            "Neo4j's configuration; NEO4J_db_memory_transaction_max in docker-compose.yml)"
        )
    return PayloadTooLarge(
        f"the query needed {what}, so Neo4j stopped it ({exc.message or exc.code}); "
        "return fewer or smaller values"
    )


def _timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"the query ran past its {timeout:g} s timeout (GRAPHSVC_CYPHER_TIMEOUT_SECONDS) "
        "and Neo4j stopped it; "
        "narrow the MATCH or add a LIMIT"
    )


def _node_id(node: Node | None) -> str | None:
    """A node's graphsvc id, or Neo4j's element id for a node without one."""
    return None if node is None else node.get("id") or node.element_id


def json_value(value: Any) -> Any:
    """Driver values as plain JSON: nodes, relationships and paths as maps, dates as ISO."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": json_value(dict(value))}
    if isinstance(value, Relationship):
        return {
            "type": value.type,
            "start": _node_id(value.start_node),
            "end": _node_id(value.end_node),
            "properties": json_value(dict(value)),
        }
    if isinstance(value, Path):
        return {
            "nodes": [json_value(n) for n in value.nodes],
            "relationships": [json_value(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _plan(tx: ManagedTransaction, query: str, params: dict[str, Any], database: str) -> None:
    """EXPLAIN the query (plans it, runs nothing) and refuse it unless the plan only reads."""
    summary = tx.run("EXPLAIN " + query, params).consume()
    check_plan(summary.query_type, summary.plan, database)
    if summary.database and summary.database != database:
        raise CypherRefused(
            f"the query runs on database {summary.database!r}; POST /cypher reads {database!r}"
        )


def run_read_only(
    session: neo4j.Session,
    query: str,
    params: dict[str, Any],
    timeout: float,
    row_limit: int,
    database: str,
    watchdog: Watchdog | None = None,
    max_bytes: int | None = None,
) -> CypherResult:
    """Run `query` read-only; raise PayloadTooLarge past `max_bytes` of answer or Neo4j's
    transaction memory, QueryTimeout past `timeout` (counted from this call, rows read
    included: Neo4j's own timeout does not see a client still converting rows)."""
    deadline = time.monotonic() + timeout

    def take_rows(result: neo4j.Result) -> CypherResult:
        columns = list(result.keys())
        rows: list[list[Any]] = []
        budget = AnswerBudget(max_bytes)
        for record in result:
            if len(rows) == row_limit:
                return CypherResult(columns=columns, rows=rows, truncated=True, row_limit=row_limit)
            if time.monotonic() > deadline:
                raise _timeout(timeout)
            row = [json_value(v) for v in record.values()]
            budget.add(row)
            rows.append(row)
        return CypherResult(columns=columns, rows=rows, truncated=False, row_limit=row_limit)

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> CypherResult:
        if watchdog is not None:
            watchdog.check()
        _plan(tx, query, params, database)
        try:
            return take_rows(tx.run(query, params))
        except neo4j_errors.Neo4jError as exc:
            if _memory_error(exc):
                raise _too_much_memory(exc) from exc  # not a driver error: never retried
            raise

    if watchdog is not None:
        watchdog.watch(session)
    try:
        return session.execute_read(work)
    except neo4j_errors.ClientError as exc:
        code = exc.code or ""
        if code in SERVER_STATE_CODES or isinstance(exc, neo4j_errors.AuthError):
            raise  # the store's error translation makes it a 503
        message = exc.message or str(exc)
        if "TransactionTimedOut" in code or "Transaction.TransactionTimedOut" in code:
            raise _timeout(timeout) from exc
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
            raise CypherRefused(f"Neo4j refused a write in a read transaction: {message}") from exc
        raise InvalidCypher(f"Neo4j: {message} ({code})") from exc
