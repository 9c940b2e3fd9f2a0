"""No reader of the Neo4j store sees part of a batch: reads checked against the write
counter, and read again (at last under the write lock) when a commit overlapped them.

Every write transaction takes the database's one write lock (writes/lock) and bumps its
counter as it commits. Neo4j reads are read-committed row by row, so a read that spans
a commit could see part of that batch; a read that finds the counter unchanged around
it saw no commit. See docs/consistency.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from neo4j import ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graphsvc.store.neo4j.statements import run, write_counter

T = TypeVar("T")
Row = dict[str, Any]

#: Reads of one request that overlapped a commit and are retried before answering anyway.
READ_ATTEMPTS = 5


class StillChanging(Exception):
    """Every plain attempt of a read overlapped a commit, so each may have seen part of
    a batch: the caller reads once more holding the write lock (writes/hold), which no
    batch can commit past."""


def consistent(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    """`work`'s answer from a graph no batch committed into while it read.

    A read can see part of a batch, or an edge the batch deleted with its properties
    already gone. Every write transaction bumps the write lock's counter, so a read that
    finds the counter unchanged around it saw no commit; otherwise it reads again (its
    failure too: a torn row may not validate). After READ_ATTEMPTS it raises
    StillChanging, and the caller reads once more under the write lock
    (`under_write_lock`): a long read under steady writes still answers, and never with
    part of a batch.
    """
    for _ in range(READ_ATTEMPTS):
        before = write_counter(tx)
        try:
            result = work(tx)
        except neo4j_errors.GqlError:
            raise  # the driver's or the server's: translated (or retried) further out
        except Exception:
            if write_counter(tx) == before:
                raise  # a real answer (NotFound) or a real failure, not a torn read
            continue
        if write_counter(tx) == before:
            return result
    raise StillChanging(f"a commit overlapped each of {READ_ATTEMPTS} reads")


def under_write_lock(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    """`work` after taking the write lock (writes/hold): no batch commits while it reads,
    so its answer is whole. The last resort of `consistent` and `answer_consistently`."""
    run(tx, "writes/hold")
    return work(tx)


def answer_consistently(run: Callable[[], Row], attempts: int, known: int | None = None) -> Row:
    """The row of one statement that read the write counter before and after its work.

    Equal counters: no batch committed while it read, so it saw none half applied.
    Otherwise it runs again; after `attempts` it raises StillChanging rather than keep
    a row that may be torn (as `consistent` does for the other reads).
    A row with `kept` true, or whose `before` is `known` (the counter of an answer the
    caller keeps), means the statement found the kept answer still standing (the
    counter unchanged, or no change stamp of the actor past `known`) and skipped its
    work (`graphsvc.store.neo4j.kept`): the kept answer stands, whatever `after` says.
    """
    for _ in range(attempts):
        row = run()
        if row.get("kept") or row["before"] in (row["after"], known):
            return row
    raise StillChanging(f"a commit overlapped each of {attempts} reads")
