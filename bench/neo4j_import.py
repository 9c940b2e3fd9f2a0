"""A first load through Neo4j's importer, next to the transactional writer.

    .venv/bin/python -m bench.neo4j_import [--sizes 100000 1000000] [--no-write]
                                           [--no-transactional]

For each size: the synthetic events of bench/synthetic.py (as bench/neo4j_load.py
writes them) merged in memory (`FirstLoadGraph`), written as the importer's CSV files,
and imported by `neo4j-admin database import full` run from the test Neo4j's Maven jars
into a fresh Neo4j home. Then, in the same run, the same events through the store's
transactional writer into a running Neo4j (bench/neo4j_load.py's `batched_load`), so
the two ways of a first load are compared on one machine state. Prints a table and
writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import synthetic
from bench.neo4j_load import ACTORS, BATCH_SIZE, DOCUMENTS, PAGE_CACHE, WARM_UP, batched_load
from bench.neo4j_load import HEAP as NEO4J_HEAP
from bench.report import markdown_table, update_section
from graphsvc.store.neo4j.admin_import import run_import
from graphsvc.store.neo4j.bulk_import import write_import_files
from graphsvc.store.neo4j.first_load import FirstLoadGraph
from tests.neo4j_fixture import _launcher, neo4j_target

HEAP = "2g"


def imported(size: int, admin: list[str], work: Path) -> list[object]:
    """Seconds merging, writing files and in the importer for `size` events."""
    began = time.perf_counter()
    graph = FirstLoadGraph()
    graph.add_all(synthetic.batches(size, BATCH_SIZE, ACTORS, DOCUMENTS))
    merged = time.perf_counter()
    files = write_import_files(graph, work / f"csv-{size}")
    written = time.perf_counter()
    home = work / f"home-{size}"
    (home / "conf").mkdir(parents=True)
    run = run_import(
        admin, files, "neo4j", {"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    )
    load = os.getloadavg()[0]
    return [
        "neo4j-admin database import full",
        f"{size:,}",
        f"{merged - began:.1f}",
        f"{written - merged:.1f}",
        f"{run.seconds:.1f}",
        f"{size / run.seconds:,.0f}",
        f"{load:.1f}",
    ]


def transactional(sizes: list[int]) -> dict[int, list[object]]:
    """The same events through the store's writer, one transaction a batch, by size."""
    rows: dict[int, list[object]] = {}
    target_iter = neo4j_target(page_cache=PAGE_CACHE, heap=NEO4J_HEAP)
    target = next(target_iter)
    try:
        batched_load(target, WARM_UP)
        for size in sizes:
            result = batched_load(target, size)
            rows[size] = [
                f"store writer, {BATCH_SIZE:,} events a transaction",
                f"{size:,}",
                "-",
                "-",
                f"{result.seconds:.1f} (in write_batch)",
                f"{size / result.seconds:,.0f}",
                f"{os.getloadavg()[0]:.1f}",
            ]
            print(rows[size], flush=True)
    finally:
        target_iter.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    parser.add_argument(
        "--no-transactional",
        action="store_true",
        help="skip the transactional writer's rows (the comparison of the same run)",
    )
    args = parser.parse_args()
    admin = _launcher().admin_command(heap=HEAP)
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory(prefix="graphsvc-import-") as work:
        for size in args.sizes:
            rows.append(imported(size, admin, Path(work)))
            print(rows[-1], flush=True)
    if not args.no_transactional:
        writer_rows = transactional(args.sizes)
        rows = [row for size in args.sizes for row in (rows.pop(0), writer_rows[size])]
    headers = [
        "loader",
        "events",
        "seconds merging (generation included)",
        "seconds writing CSV",
        "seconds importing or writing",
        "events/s",
        "load average (1 min)",
    ]
    table = Table(*headers, title="Neo4j first load through the importer")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console().print(table)
    notes = (
        "Same synthetic events as the Neo4j bulk load section (2 participants, 1 source "
        f"each, {ACTORS:,} actors, {DOCUMENTS} documents), merged in memory by the "
        "writer's rules, written as CSV, then imported by neo4j-admin (Community 5.26.30, "
        f"from the Maven jars of tests/neo4j, heap {HEAP}) into an empty database. "
        "The store writer's rows are the same events in the same run through the transactional "
        f"writer (bench/neo4j_load.py: page cache {PAGE_CACHE}, heap {NEO4J_HEAP}, after a "
        f"{WARM_UP:,}-event warm-up), timed inside write_batch; the importer's seconds are "
        "the neo4j-admin process alone."
    )
    if not args.no_write:
        update_section(
            "Neo4j first load through the importer (bench/neo4j_import.py)",
            notes + "\n\n" + markdown_table(headers, rows),
        )


if __name__ == "__main__":
    main()
