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


def fetch(tx: ManagedTransaction, name: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    """A `$ids` lookup, sent only when there are ids: an empty list finds nothing, and
    a statement costs a round trip and Neo4j's per-query work inside the write lock."""
    return run(tx, name, ids=list(ids)) if ids else []


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


def stamp_written(
    tx: ManagedTransaction, writes: int, events: Sequence[str], actors: Sequence[str]
) -> None:
    """writes/stamp_written: the change stamp `writes` on the participants of the events
    just written and on the actors written or ending a relation written, one statement
    for both (chunked like `stamp`, both lists side by side)."""
    events_left, actors_left = iter(events), iter(actors)
    while True:
        event_ids = list(islice(events_left, ROWS_PER_STATEMENT))
        actor_ids = list(islice(actors_left, ROWS_PER_STATEMENT))
        if not event_ids and not actor_ids:
            return
        params = {"writes": writes, "events": event_ids, "actors": actor_ids}
        tx.run(load_query("writes/stamp_written"), params).consume()


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
