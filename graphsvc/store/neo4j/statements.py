"""Running the `cypher/` files inside a driver transaction: every statement the Neo4j
store sends goes through here, by name and with parameters, never as built text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from neo4j import ManagedTransaction

from graphsvc.store.cypher import load_query

#: Rows per UNWIND statement inside a batch's transaction.
ROWS_PER_STATEMENT = 2000


def native(value: Any) -> Any:
    """Driver temporal values (and those inside maps and lists) as Python ones."""
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v) for v in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    return [native(record.data()) for record in tx.run(load_query(name), params)]


def run_batched(tx: ManagedTransaction, name: str, rows: Sequence[Any]) -> None:
    """`UNWIND $rows` in chunks, so one huge batch never becomes one huge statement."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, ROWS_PER_STATEMENT)):
        tx.run(load_query(name), rows=chunk).consume()


def stamp(
    tx: ManagedTransaction, name: str, writes: int, items: Sequence[Any], param: str = "ids"
) -> None:
    """A writes/stamp_* statement, its list (`$ids`, or `param`) in chunks: the change
    stamp `writes` on the actors those items lead to (`graphsvc.store.neo4j.kept`)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, ROWS_PER_STATEMENT)):
        tx.run(load_query(name), {"writes": writes, param: chunk}).consume()


def known(tx: ManagedTransaction, name: str, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are stored, by a writes/known_* query (ids only, in one list)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    return set(tx.run(load_query(name), ids=wanted).single(strict=True)["ids"])


def write_counter(tx: ManagedTransaction) -> int:
    """The write counter (writes/version): bumped by every write transaction."""
    (row,) = run(tx, "writes/version")
    return int(row["writes"])


def record_row(record: Any) -> dict[str, Any]:
    """A driver record as a dict of its values as decoded: `Record.data()` walks every
    nested value again with ABC `isinstance` checks (about 1,700 values a timeline page),
    which was the largest Python cost of an answer; the statements return maps, lists
    and scalars only, so nothing needs converting."""
    return dict(zip(record.keys(), record.values(), strict=True))
