"""Bulk-load synthetic events into a real Neo4j: the store's batched writer against a
naive writer that commits one transaction per event, measured in the same run.

    .venv/bin/python -m bench.neo4j_load [--sizes 10000 100000] [--naive-size 10000]

Starts the Neo4j of tests/neo4j/ unless NEO4J_URI points at one (which it empties).
Prints a table and writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from neo4j import GraphDatabase
from rich.console import Console
from rich.table import Table

from bench import synthetic
from bench.report import markdown_table, update_section
from graphsvc.store.cypher import load_query
from graphsvc.store.neo4j import Neo4jStore, event_row, participant_rows, source_rows
from tests.neo4j_fixture import Neo4jTarget, neo4j_target, wipe

BATCH_SIZE = 5000
ACTORS = 1000
DOCUMENTS = 100


def _store(target: Neo4jTarget) -> Neo4jStore:
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    store.start()
    return store


def batched_load(target: Neo4jTarget, size: int) -> float:
    """Seconds for the store's writer: one transaction per batch of BATCH_SIZE events."""
    wipe(target)
    store = _store(target)
    started = time.perf_counter()
    for batch in synthetic.batches(size, BATCH_SIZE, ACTORS, DOCUMENTS):
        store.write_batch(batch)
    elapsed = time.perf_counter() - started
    assert store.stats().events == size
    store.close()
    return elapsed


def naive_load(target: Neo4jTarget, size: int) -> float:
    """Seconds for one write transaction per event (same queries, one row each)."""
    wipe(target)
    store = _store(target)
    store.write_batch(next(synthetic.batches(0, 1, ACTORS, DOCUMENTS)))  # actors, documents
    auth = (target.user, target.password) if target.password else None
    queries = [
        ("events/upsert", lambda e: [event_row(e)]),
        ("events/link_participants", lambda e: participant_rows([e])),
        ("events/link_sources", lambda e: source_rows([e])),
    ]
    with (
        GraphDatabase.driver(target.uri, auth=auth) as driver,
        driver.session(database=target.database) as session,
    ):
        started = time.perf_counter()
        for event in synthetic.events(size, ACTORS, DOCUMENTS):

            def work(tx, event=event) -> None:
                for name, rows in queries:
                    tx.run(load_query(name), rows=rows(event)).consume()

            session.execute_write(work)
        elapsed = time.perf_counter() - started
    assert store.stats().events == size
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--naive-size", type=int, default=10_000)
    args = parser.parse_args()

    rows: list[list[object]] = []
    target_iter = neo4j_target()
    target = next(target_iter)
    try:
        measured: dict[tuple[str, int], float] = {}
        runs: list[tuple[str, int, Callable[[Neo4jTarget, int], float]]] = [
            ("naive: 1 transaction per event", args.naive_size, naive_load),
            *(
                (f"batched: {BATCH_SIZE} events per transaction", n, batched_load)
                for n in args.sizes
            ),
        ]
        for label, size, load in runs:
            seconds = load(target, size)
            measured[(label, size)] = seconds
            rows.append([label, f"{size:,}", f"{seconds:.1f}", f"{size / seconds:,.0f}"])
        naive_rate = args.naive_size / measured[runs[0][:2]]
        for row, (label, size, _) in zip(rows, runs, strict=True):
            row.append(f"{(size / measured[(label, size)]) / naive_rate:.1f}x")
    finally:
        target_iter.close()

    headers = ["writer", "events", "seconds", "events/s", "vs naive"]
    table = Table(*headers, title="Neo4j bulk load")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console().print(table)
    notes = (
        "Synthetic events with 2 participants and 1 source each, over "
        f"{ACTORS:,} actors and {DOCUMENTS} documents, written into the Neo4j of "
        "`tests/neo4j/` (Community 5.26, in-process, Bolt on loopback). The batched writer "
        "is `Neo4jStore.write_batch` (merge reads, `UNWIND $rows` writes, one transaction "
        "per batch); the naive writer runs the same queries with one row each, one "
        "transaction per event. Ratios are against the naive writer in the same run."
    )
    update_section(
        "Neo4j bulk load (bench/neo4j_load.py)", notes + "\n\n" + markdown_table(headers, rows)
    )


if __name__ == "__main__":
    main()
