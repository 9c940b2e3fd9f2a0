"""What the embedded store's full-text index costs and how fast it answers.

    python -m bench.search_index [--events 20000] [--no-write]

Writes the same synthetic events (bench/synthetic.py, with news-like sentences of ~25
words from a fixed vocabulary) into two fresh stores, one with the FTS5 index and its
triggers, one with them dropped after opening (the store before search): the write
time and the SQLite file's size of each, then the median time of GET /search's use case
(`graphsvc.service.search.search`) for a few queries on the indexed one. Writes the
table to docs/benchmarks.md unless `--no-write`.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench import synthetic
from bench.report import update_section
from graphsvc.model import Event, GraphBatch, Source
from graphsvc.service.search import search
from graphsvc.settings import Settings
from graphsvc.store.embedded import EmbeddedStore, sqlite_copy
from graphsvc.store.embedded.fulltext import DROP
from graphsvc.store.embedded.store import DATABASE_FILE

SECTION = "Search index cost (bench/search_index.py)"
BATCH = 5000
ACTORS = 1000
DOCUMENTS = 100
WORDS = [
    "government",
    "army",
    "ceasefire",
    "talks",
    "minister",
    "president",
    "rebels",
    "city",
    "border",
    "troops",
    "agreement",
    "sanctions",
    "election",
    "protest",
    "police",
    "court",
    "company",
    "shares",
    "market",
    "bank",
    "oil",
    "gas",
    "exports",
    "port",
    "strike",
    "union",
    "officials",
    "said",
    "on",
    "monday",
    "tuesday",
    "after",
    "before",
    "during",
    "week",
    "month",
    "year",
    "attack",
    "killed",
    "wounded",
    "arrested",
    "met",
    "visited",
    "signed",
    "rejected",
]
INTRO = (
    "Synthetic events (bench/synthetic.py, 5,000 a batch, one news-like sentence of 25 "
    "words each and an 8-word summary), written by one process into a fresh store with the "
    "FTS5 index and its triggers, and into one with them dropped (the store before search). "
    "The machine is shared (2 cores): compare the rows of one run, not runs.\n\n"
)
QUERIES = ["ceasefire", "ceasefire talks border", "minister signed agreement", "exports"]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + "."


def _worded(events: Iterator[Event]) -> Iterator[Event]:
    rng = random.Random(11)
    for event in events:
        source = event.sources[0]
        summary = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
        sources = (Source(document=source.document, sentence=_sentence(rng)),)
        yield event.model_copy(update={"summary": summary, "sources": sources})


def _batches(count: int) -> Iterator[GraphBatch]:
    first = True
    items: list[Event] = []
    for event in _worded(synthetic.events(count, ACTORS, DOCUMENTS)):
        items.append(event)
        if len(items) == BATCH:
            yield _batch(items, first)
            first, items = False, []
    if items:
        yield _batch(items, first)


def _batch(items: list[Event], first: bool) -> GraphBatch:
    extra = {"actors": synthetic.actors(ACTORS), "documents": synthetic.documents(DOCUMENTS)}
    return GraphBatch(events=tuple(items), **(extra if first else {}))


def _write(data_dir: Path, events: int, indexed: bool) -> tuple[float, int]:
    store = EmbeddedStore(data_dir)
    kept = sqlite_copy.reindex_search
    if not indexed:
        with sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None) as db:
            for statement in DROP:
                db.execute(statement)
        sqlite_copy.reindex_search = lambda db: None  # as before search: nothing to index
    started = time.perf_counter()
    for batch in _batches(events):
        store.write_batch(batch)
    seconds = time.perf_counter() - started
    sqlite_copy.reindex_search = kept
    store.close()
    with sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seconds, (data_dir / DATABASE_FILE).stat().st_size


def _search_ms(data_dir: Path, q: str, runs: int = 30) -> float:
    store = EmbeddedStore(data_dir)
    settings = Settings()
    try:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            search(store, settings, q)
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        plain, indexed = Path(folder) / "plain", Path(folder) / "indexed"
        plain_s, plain_size = _write(plain, args.events, indexed=False)
        index_s, index_size = _write(indexed, args.events, indexed=True)
        rows = [
            "| store | events | write s | events/s | SQLite file MiB |",
            "|---|---|---|---|---|",
            f"| without the index | {args.events:,} | {plain_s:.1f} | "
            f"{args.events / plain_s:,.0f} | {plain_size / 2**20:.1f} |",
            f"| with the index | {args.events:,} | {index_s:.1f} | "
            f"{args.events / index_s:,.0f} | {index_size / 2**20:.1f} |",
            "",
            "| query (limit 20 of each kind) | median ms |",
            "|---|---|",
        ]
        rows += [f"| `{q}` | {_search_ms(indexed, q):.1f} |" for q in QUERIES]
    table = "\n".join(rows)
    print(table)
    if not args.no_write:
        update_section(SECTION, INTRO + table)


if __name__ == "__main__":
    main()
