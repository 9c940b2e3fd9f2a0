"""Resident memory per event of the embedded store, its start-up time and write rate.

    python -m bench.embedded_memory --events 100000 [1000000] [--baseline DIR]
        [--stores DIR] [--no-write]

For each size: one process writes the synthetic events (bench/synthetic.py, 5,000 a
batch, into a fresh data directory: the write rate), then a fresh process opens the
store, which rebuilds the graph from SQLite (the start-up time, wall and CPU), and
reports its resident memory (RSS) before and after; memory per event is the difference
over the events. `--baseline DIR` opens the same file with the `graphsvc` package found
in DIR (e.g. `git worktree add DIR <commit>`), for a before/after table on one file.
`--stores DIR` keeps the written stores in DIR/<events> and reuses one already there
(10^6 events take many minutes to write on a shared machine). Writes the table to
docs/benchmarks.md unless `--no-write`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Embedded store memory (bench/embedded_memory.py)"
BATCH = 5000
ACTORS = 1000
DOCUMENTS = 100


def rss_bytes() -> int:
    """This process's resident set size now (Linux /proc), not the peak."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def write(data_dir: Path, events: int) -> dict[str, float]:
    from bench import synthetic
    from graphsvc.store.embedded import EmbeddedStore

    store = EmbeddedStore(data_dir)
    started = time.perf_counter()
    try:
        for batch in synthetic.batches(events, BATCH, ACTORS, DOCUMENTS):
            store.write_batch(batch)
    finally:
        store.close()
    return {"write_seconds": time.perf_counter() - started}


def load(data_dir: Path) -> dict[str, float]:
    import gc

    from graphsvc.store.embedded import EmbeddedStore

    gc.collect()
    before = rss_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    store = EmbeddedStore(data_dir)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    events = store.stats().events
    gc.collect()
    after = rss_bytes()
    store.close()
    return {
        "events": events,
        "start_seconds": seconds,
        "start_cpu_seconds": cpu,
        "rss_before": before,
        "rss_after": after,
    }


def _run(code: Path, *args: str) -> dict[str, float]:
    """This file's `--worker` in a fresh process, importing `graphsvc` from `code`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), str(ROOT)])}
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_once(events: int, stores: Path | None, scratch: Path) -> tuple[Path, dict[str, float]]:
    """A store of `events` written by this checkout, or the one kept in `stores`."""
    data_dir = (stores or scratch) / str(events)
    done = data_dir / "written.json"
    if done.exists():
        return data_dir, json.loads(done.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    written = _run(ROOT, "write", str(data_dir), str(events))
    done.write_text(json.dumps(written))
    return data_dir, written


def fresh_copy(data_dir: Path, into: Path) -> Path:
    """A copy of the kept store's file (SQLite's backup: WAL content included), so a
    code that stamps the file at its first open leaves the kept store as written and
    every run measures the same first open."""
    import sqlite3

    from graphsvc.store.embedded import DATABASE_FILE

    into.mkdir(parents=True, exist_ok=True)
    target = into / DATABASE_FILE
    for stale in (
        target,
        target.with_name(f"{DATABASE_FILE}-wal"),
        target.with_name(f"{DATABASE_FILE}-shm"),
    ):
        stale.unlink(missing_ok=True)
    with sqlite3.connect(data_dir / DATABASE_FILE) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return into


def measure(code: Path, data_dir: Path, events: int) -> dict[str, float]:
    loaded = _run(code, "load", str(data_dir))
    if loaded["events"] != events:
        raise RuntimeError(f"the store holds {loaded['events']} events, not {events}")
    return loaded


def row(label: str, events: int, found: dict[str, float]) -> list[object]:
    grown = found["rss_after"] - found["rss_before"]
    return [
        label,
        f"{events:,}",
        f"{found['write_seconds']:.1f}",
        f"{events / found['write_seconds']:,.0f}",
        f"{found['start_seconds']:.1f}",
        f"{found['start_cpu_seconds']:.1f}",
        f"{found['rss_after'] / 2**20:,.0f}",
        f"{grown / events / 1024:.2f}",
    ]


#: What the rebuild does, for the section (kept with the table it explains).
HOW = (
    "How the rebuild works now (`EmbeddedStore._rebuild`, `MemoryGraph.load`): a file "
    "stamped as written by code of this records format (`records_format`: a fingerprint "
    "of the stored models' JSON schemas and validators, and the last batch, kept by "
    "every commit in its own transaction) is read without validation: each record's "
    "JSON (orjson) is typed back by builders generated from the models' field "
    "annotations (`store/embedded/trusted.py`: dates, enums, nested models; a field "
    "added later is built like the others, one left out of an older record takes its "
    "default), its parts shared as they are built (a participant in a role and a date "
    "interval by their JSON, days, literals and short strings). A file without the "
    "stamp, of another format, or with a batch written by code that does not keep the "
    "stamp is validated as before and stamped after; a stamped record that does not "
    "fit its model falls back to validation. The SQLite file stays the only truth (no "
    "snapshot): crash safety is unchanged. The cyclic garbage collector is off while "
    "the graph is built, and the event indexes are built once from all the sort keys. "
    "Memory: events are not networkx nodes, and equal frozen parts of events are one "
    "object (`store/embedded/compact.py`). What is left of the start-up is building the "
    "records in Python (about as much CPU as pydantic's validation, but the sharing "
    "that validation left to a second pass is done while building), orjson's parsing, "
    "and the indexes."
)

#: This checkout opens each copy twice: the file as written (no stamp: validated, then
#: stamped) and again (stamped: read without validation). A baseline without the stamp
#: validates at every open: once.
OPENS = ("first open (validated, then stamped)", "reopened (stamped: not validated)")

HEADERS = [
    "code",
    "events",
    "write s",
    "events/s written",
    "start-up s (rebuild from SQLite)",
    "start-up CPU s",
    "RSS MiB after start-up",
    "KiB per event",
]


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--worker":
        job, data_dir, *rest = argv[1:]
        found = write(Path(data_dir), int(rest[0])) if job == "write" else load(Path(data_dir))
        print(json.dumps(found))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100_000])
    parser.add_argument("--baseline", type=Path, help="also measure the graphsvc in DIR")
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument(
        "--baseline-events",
        type=int,
        nargs="+",
        help="measure the baseline at these counts only (default: every --events)",
    )
    parser.add_argument("--stores", type=Path, help="keep (and reuse) the written stores here")
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    args = parser.parse_args(argv)

    from bench.report import markdown_table, update_section

    codes = [(args.baseline_label, args.baseline)] if args.baseline else []
    codes.append(("this checkout", ROOT))
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphsvc-memory-") as scratch:
        for events in args.events:
            data_dir, written = write_once(events, args.stores, Path(scratch))
            for label, code in codes:
                if (
                    code is args.baseline
                    and args.baseline_events
                    and events not in args.baseline_events
                ):
                    continue
                copy = fresh_copy(data_dir, Path(scratch) / "copy")
                opens = [label] if code is args.baseline else [f"{label}, {o}" for o in OPENS]
                for opened in opens:
                    rows.append(row(opened, events, written | measure(code, copy, events)))
                    print(" | ".join(str(c) for c in rows[-1]), flush=True)
    table = markdown_table(HEADERS, rows)
    print(table)
    if not args.no_write:
        update_section(
            SECTION,
            "Synthetic events (bench/synthetic.py: 2 participants and 1 source each, "
            f"{ACTORS:,} actors, {DOCUMENTS} documents), written {BATCH:,} a batch into "
            "a fresh store by one process (the write columns: one store a size, the "
            "same file for every row of that size, kept from an earlier run when "
            "`--stores` holds one: the SQLite file's format is the same); a fresh process "
            "of each code then opens it (rebuilding the graph from SQLite). **start-up "
            "CPU s** is that process's CPU time over the rebuild: the machine is shared "
            "(2 cores, other jobs), so wall times depend on its load and CPU times are "
            "the ones to compare. **KiB per event** is the growth of that process's "
            "resident memory over the rebuild, over the events; memory is not noisy. "
            f"1-minute load average as the run ended: {os.getloadavg()[0]:.1f} (above 2, "
            "the processes measured waited for a core).\n\n" + table + "\n\n" + HOW,
        )


if __name__ == "__main__":
    main()
