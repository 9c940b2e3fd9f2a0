"""Bulk-load synthetic events into a real Neo4j: the store's writer against the writer
of before issue 16 (kept here as `OldWriterStore`), measured in the same run.

    .venv/bin/python -m bench.neo4j_load [--sizes 100000 1000000] [--old-size 100000]
                                         [--batch-size 5000] [--naive-size 0] [--no-write]
                                         [--page-cache 2g] [--heap 2g]

Starts the Neo4j of tests/neo4j/ (with a page cache and heap sized for the load, not the
tests' 64 MiB and 1 GiB) unless NEO4J_URI points at one (which it empties).
Seconds are those spent in `write_batch` (the synthetic events are generated between
calls, outside the clock; the wall time with generation is printed too). Prints a table
and writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from neo4j import GraphDatabase
from rich.console import Console
from rich.table import Table

from bench import synthetic
from bench.report import markdown_table, update_section
from graphsvc.model import Actor, Document, GraphBatch
from graphsvc.store import neo4j as neo4j_store
from graphsvc.store.cypher import load_query
from graphsvc.store.merge import merge_batch
from graphsvc.store.neo4j import (
    Neo4jStore,
    _event_model,
    _run,
    _run_batched,
    actor_row,
    document_row,
    event_row,
    participant_rows,
    relation_row,
    same_as_row,
    source_rows,
)
from graphsvc.store.redirect import actor_ids, redirect_batch
from graphsvc.store.references import check_references
from graphsvc.views import Stats, WriteResult
from tests.neo4j_fixture import Neo4jTarget, neo4j_target, wipe

BATCH_SIZE = 5000
#: Neo4j's page cache and heap for the bench: the graph of 10^6 events (about 1 GB of
#: store files and indexes) outgrows the tests' 64 MiB page cache.
PAGE_CACHE = "2g"
HEAP = "2g"
#: Events each writer loads before the measured runs: the JVM compiles Neo4j's hot code
#: in the first tens of thousands of events, which would otherwise count against
#: whichever writer runs first.
WARM_UP = 20_000
ACTORS = 1000
DOCUMENTS = 100


class OldWriterStore(Neo4jStore):
    """`Neo4jStore.write_batch` as it was before issue 16, for the ratio in the same run:
    reads of everything a batch names, then four statements for its events (nodes, the
    old edges cleared, participations, sources), then statistics counted by scanning."""

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        def work(tx: Any, writes: int) -> None:
            self._old_write_batch(tx, batch)
            _run(tx, "writes/stamp_all", writes=writes)  # no change stamps of its own

        self._write(work)
        (row,) = self._read(lambda tx: _run(tx, "stats/count_by_scan"))
        return WriteResult(written=batch.counts(), stats=Stats(**row))

    @staticmethod
    def _old_write_batch(tx: Any, batch: GraphBatch) -> None:
        if batch.replaces:
            _run(tx, "documents/withdraw", ids=list(batch.replaces))
        named = sorted(actor_ids(batch))
        merged = (
            {row["id"]: row["into"] for row in _run(tx, "actors/redirects", ids=named)}
            if named
            else {}
        )
        redirected = redirect_batch(batch, merged)
        batch = redirected.batch

        def present(name: str, ids: set[str], key: str) -> set[str]:
            return {row[key]["id"] for row in _run(tx, name, ids=sorted(ids))} if ids else set()

        check_references(
            batch,
            known_actors=lambda ids: present("actors/get_many", set(ids), "actor"),
            known_documents=lambda ids: present("documents/get_many", set(ids), "document"),
        )
        documents = {
            row["document"]["id"]: Document(**row["document"])
            for row in _run(tx, "documents/get_many", ids=[d.id for d in batch.documents])
        }
        wanted = [*(a.id for a in batch.actors), *redirected.absorbed]
        actors = {
            row["actor"]["id"]: Actor(**row["actor"])
            for row in _run(tx, "actors/get_many", ids=wanted)
        }
        events = {
            row["event"]["id"]: _event_model(row["event"])
            for row in _run(tx, "events/get_many", ids=[e.id for e in batch.events])
        }
        rows = merge_batch(batch, documents.get, actors.get, events.get, redirected.absorbed)
        _run_batched(tx, "documents/upsert", [document_row(d) for d in rows.documents])
        _run_batched(tx, "actors/upsert", [actor_row(a) for a in rows.actors])
        _run_batched(tx, "events/upsert", [event_row(e) for e in rows.events])
        if rows.events:
            _run(tx, "events/clear_links", ids=[e.id for e in rows.events])
        _run_batched(tx, "events/link_participants", participant_rows(rows.events))
        _run_batched(tx, "events/link_sources", source_rows(rows.events))
        _run_batched(tx, "relations/upsert", [relation_row(r) for r in rows.relations])
        _run_batched(tx, "same_as/upsert", [same_as_row(c) for c in rows.same_as])


def _store(target: Neo4jTarget, kind: type[Neo4jStore] = Neo4jStore) -> Neo4jStore:
    store = kind(target.uri, target.user, target.password, target.database)
    store.start()
    return store


@dataclass(frozen=True)
class Measured:
    seconds: float  # in write_batch
    wall: float  # with the synthetic events generated


def batched_load(
    target: Neo4jTarget, size: int, kind: type[Neo4jStore] = Neo4jStore, batch_size: int = 0
) -> Measured:
    """Seconds in `write_batch` of `kind`, one transaction per batch of events."""
    wipe(target)
    store = _store(target, kind)
    writing = 0.0
    started = time.perf_counter()
    for batch in synthetic.batches(size, batch_size or BATCH_SIZE, ACTORS, DOCUMENTS):
        began = time.perf_counter()
        store.write_batch(batch)
        writing += time.perf_counter() - began
    wall = time.perf_counter() - started
    assert store.stats().events == size
    store.close()
    return Measured(writing, wall)


def naive_load(target: Neo4jTarget, size: int) -> Measured:
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
    return Measured(elapsed, elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--old-size", type=int, default=100_000, help="events for the writer before issue 16"
    )
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="events a batch")
    parser.add_argument(
        "--rows-per-statement",
        type=int,
        default=neo4j_store.ROWS_PER_STATEMENT,
        help="UNWIND rows a statement (measure before changing the store's default)",
    )
    parser.add_argument("--naive-size", type=int, default=0, help="1 transaction an event")
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    parser.add_argument("--page-cache", default=PAGE_CACHE, help="of the Neo4j started here")
    parser.add_argument("--heap", default=HEAP, help="JVM heap of the Neo4j started here")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=WARM_UP,
        help="events each writer loads, unmeasured, before the measured runs",
    )
    args = parser.parse_args()
    neo4j_store.ROWS_PER_STATEMENT = args.rows_per_statement

    old_label = f"before issue 16: {BATCH_SIZE:,} events a transaction"
    new_label = f"store: {args.batch_size:,} events a transaction"
    runs: list[tuple[str, int, Callable[[Neo4jTarget, int], Measured]]] = [
        (old_label, args.old_size, lambda t, n: batched_load(t, n, OldWriterStore)),
        *(
            (new_label, n, lambda t, n: batched_load(t, n, batch_size=args.batch_size))
            for n in args.sizes
        ),
    ]
    if args.naive_size:
        runs.insert(0, ("naive: 1 transaction an event", args.naive_size, naive_load))
    rows: list[list[object]] = []
    target_iter = neo4j_target(page_cache=args.page_cache, heap=args.heap)
    target = next(target_iter)
    loads: list[float] = []
    started = time.perf_counter()
    try:
        for kind in (OldWriterStore, Neo4jStore):
            if args.warm_up:
                batched_load(target, args.warm_up, kind)
        measured: list[Measured] = []
        for label, size, load in runs:
            result = load(target, size)
            loads.append(os.getloadavg()[0])
            measured.append(result)
            print(
                f"{label}: {size:,} events in {result.seconds:.1f} s "
                f"({result.wall:.1f} s with generation)",
                flush=True,
            )
        old_index = next(i for i, run in enumerate(runs) if run[0] == old_label)
        old_rate = args.old_size / measured[old_index].seconds
        for (label, size, _), result, load in zip(runs, measured, loads, strict=True):
            rate = size / result.seconds
            rows.append(
                [
                    label,
                    f"{size:,}",
                    f"{result.seconds:.1f}",
                    f"{result.wall:.1f}",
                    f"{rate:,.0f}",
                    f"{rate / old_rate:.1f}x",
                    f"{load:.1f}",
                ]
            )
    finally:
        target_iter.close()
    whole = time.perf_counter() - started
    print(f"whole run: {whole:.0f} s", flush=True)

    headers = [
        "writer",
        "events",
        "seconds in write_batch",
        "seconds with generation",
        "events/s",
        f"vs before issue 16 at {args.old_size:,}",
        "load average (1 min) at the end",
    ]
    table = Table(*headers, title="Neo4j bulk load")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console().print(table)
    notes = (
        "Synthetic events with 2 participants and 1 source each, over "
        f"{ACTORS:,} actors and {DOCUMENTS} documents, written into the Neo4j of "
        "`tests/neo4j/` (Community 5.26, in-process, Bolt on loopback, page cache "
        f"{args.page_cache} and heap {args.heap} unless NEO4J_URI named another: the "
        "tests' 64 MiB page cache no longer holds the graph at 10^6 events), from an "
        "emptied database each time, after each writer loaded "
        f"{args.warm_up:,} events unmeasured (the JVM compiles Neo4j's hot code meanwhile, "
        "which would count against whichever writer ran first). The store's writer is "
        "`Neo4jStore.write_batch`: under the write lock, merge reads of what the batch "
        "names (ids only for the reference check), then new events created from "
        "positional rows with their edges in one `UNWIND` pass (`events/create`, "
        f"{args.rows_per_statement:,} rows a statement; stored ones merged by "
        "`events/write`), statistics from the count store. The writer before issue 16 "
        "(`OldWriterStore` in the bench) wrote events, cleared edges, participations and "
        "sources in four statements and counted statistics by scanning. Seconds are "
        "those spent in `write_batch`: the bench's synthetic events (pydantic models) are "
        "generated between calls, and the wall time with them is the next column. Ratios "
        f"are events/s against the writer before issue 16 at {args.old_size:,} events in "
        "the same run. The machine has 2 cores shared with other engineers' jobs, so "
        "figures are noisy: the last column is the 1-minute load average as each load "
        f"ended (above 2, the writer and Neo4j waited for a core). Whole run: {whole:.0f} s."
    )
    if not args.no_write:
        update_section(
            "Neo4j bulk load (bench/neo4j_load.py)",
            notes + "\n\n" + markdown_table(headers, rows),
        )


if __name__ == "__main__":
    main()
