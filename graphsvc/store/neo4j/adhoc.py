"""Read-only Cypher on Neo4j: Neo4j's own plan of the query decides if it may run
(`graphsvc.cypher_guard.plan`), then it runs in a read transaction (writes refused by Neo4j
itself) with the timeout enforced by the server, and at most `row_limit` rows are read
from the stream."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from graphsvc.cypher_guard.plan import check_plan
from graphsvc.errors import CypherRefused, InvalidCypher, QueryTimeout
from graphsvc.store.neo4j.deadline import Watchdog
from graphsvc.store.neo4j.errors import SERVER_STATE_CODES
from graphsvc.views import CypherResult


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
) -> CypherResult:
    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> CypherResult:
        if watchdog is not None:
            watchdog.check()
        _plan(tx, query, params, database)
        result = tx.run(query, params)
        columns = list(result.keys())
        rows: list[list[Any]] = []
        for record in result:
            if len(rows) == row_limit:
                return CypherResult(columns=columns, rows=rows, truncated=True, row_limit=row_limit)
            rows.append([json_value(v) for v in record.values()])
        return CypherResult(columns=columns, rows=rows, truncated=False, row_limit=row_limit)

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
            raise QueryTimeout(
                f"the query ran past its {timeout:g} s timeout (GRAPHSVC_CYPHER_TIMEOUT_SECONDS) "
                "and Neo4j stopped it; "
                "narrow the MATCH or add a LIMIT"
            ) from exc
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
            raise CypherRefused(f"Neo4j refused a write in a read transaction: {message}") from exc
        raise InvalidCypher(f"Neo4j: {message} ({code})") from exc
