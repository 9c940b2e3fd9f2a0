"""Bulk-load synthetic events into a real Neo4j with the store's writer.

    .venv/bin/python -m bench.neo4j_load [--sizes 100000 1000000] [--batch-size 5000]
                                         [--no-write] [--page-cache 2g] [--heap 2g]

Starts the Neo4j of tests/neo4j/ (with a page cache and heap sized for the load, not the
tests' 64 MiB and 1 GiB) unless NEO4J_URI points at one (which it empties).
Seconds are those spent in `write_batch` (the synthetic events are generated between
calls, outside the clock; the wall time with generation is printed too). Prints a table
and writes it to docs/benchmarks.md.

The writer of before the one-statement event writes (`OldWriterStore`, and the naive
one-transaction-an-event load) is no longer in the tree: production kept four Cypher
files and two row builders alive only for it. For that before-figure, run this bench at
commit b306a88 (the last with `OldWriterStore`; `--old-size`, `--naive-size`) in a
worktree of its own, on the same machine, and compare events/s.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from bench import synthetic
from bench.report import markdown_table, update_section
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j import statements as neo4j_statements
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


def _store(target: Neo4jTarget) -> Neo4jStore:
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    store.start()
    return store


@dataclass(frozen=True)
class Measured:
    seconds: float  # in write_batch
    wall: float  # with the synthetic events generated


def batched_load(target: Neo4jTarget, size: int, batch_size: int = 0) -> Measured:
    """Seconds in `write_batch`, one transaction per batch of events."""
    wipe(target)
    store = _store(target)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="events a batch")
    parser.add_argument(
        "--rows-per-statement",
        type=int,
        default=neo4j_statements.ROWS_PER_STATEMENT,
        help="UNWIND rows a statement (measure before changing the store's default)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    parser.add_argument("--page-cache", default=PAGE_CACHE, help="of the Neo4j started here")
    parser.add_argument("--heap", default=HEAP, help="JVM heap of the Neo4j started here")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=WARM_UP,
        help="events the writer loads, unmeasured, before the measured runs",
    )
    args = parser.parse_args()
    # The store's one knob of statement size, set for this process before any load.
    neo4j_statements.ROWS_PER_STATEMENT = args.rows_per_statement

    label = f"store: {args.batch_size:,} events a transaction"
    rows: list[list[object]] = []
    target_iter = neo4j_target(page_cache=args.page_cache, heap=args.heap)
    target = next(target_iter)
    started = time.perf_counter()
    try:
        if args.warm_up:
            batched_load(target, args.warm_up)
        for size in args.sizes:
            result = batched_load(target, size, batch_size=args.batch_size)
            load = os.getloadavg()[0]
            print(
                f"{label}: {size:,} events in {result.seconds:.1f} s "
                f"({result.wall:.1f} s with generation)",
                flush=True,
            )
            rate = size / result.seconds
            rows.append(
                [
                    label,
                    f"{size:,}",
                    f"{result.seconds:.1f}",
                    f"{result.wall:.1f}",
                    f"{rate:,.0f}",
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
        "emptied database each time, after the writer loaded "
        f"{args.warm_up:,} events unmeasured (the JVM compiles Neo4j's hot code meanwhile). "
        "The writer is `Neo4jStore.write_batch`: under the write lock, merge reads of "
        "what the batch names (ids only for the reference check), then new events created "
        "from positional rows with their edges in one `UNWIND` pass (`events/create`, "
        f"{args.rows_per_statement:,} rows a statement; stored ones merged by "
        "`events/write`), statistics from the count store. Seconds are those spent in "
        "`write_batch`: the bench's synthetic events (pydantic models) are generated "
        "between calls, and the wall time with them is the next column. The writer of "
        "before (four statements for events, statistics by scanning) is measured by this "
        "bench at commit b306a88, which still has it. The machine has 2 cores shared with "
        "other engineers' jobs, so figures are noisy: the last column is the 1-minute load "
        "average as each load ended (above 2, the writer and Neo4j waited for a core). "
        f"Whole run: {whole:.0f} s."
    )
    if not args.no_write:
        update_section(
            "Neo4j bulk load (bench/neo4j_load.py)",
            notes + "\n\n" + markdown_table(headers, rows),
        )


if __name__ == "__main__":
    main()
