"""The embedded store's reads, CPU time a call, one code against another on one file.

    python -m bench.embedded_reads --data-dir DIR [--baseline DIR] [--rounds 3] [--no-write]

Opens a store of synthetic events (bench/synthetic.py; `bench.embedded_memory --stores`
keeps one) in a fresh process of each code (`--baseline DIR`: the `graphsvc` package in
DIR, e.g. a `git worktree` of main) and times each read over the 64 busiest actors, in
the store itself (no HTTP: what the store changes, not the app), its heap frozen as the
server freezes it once the store is open (`freeze_loaded_heap`). Kept answers and
timeline counts are dropped before every call, so each call builds its answer as the
first reader after a write does. CPU seconds (the machine is shared), best of the
rounds; **ratio** is this checkout's CPU over the baseline's. Writes the table to
docs/benchmarks.md unless `--no-write`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Embedded store reads (bench/embedded_reads.py)"
BUSIEST = 64
FEW = 8


def _reads(data_dir: Path, rounds: int) -> dict[str, float]:
    from graphsvc.model import EventType
    from graphsvc.service.stores import freeze_loaded_heap
    from graphsvc.store.base import TimelineQuery, Window
    from graphsvc.store.embedded import EmbeddedStore

    store = EmbeddedStore(data_dir)
    freeze_loaded_heap()  # as the server does once its store is open
    graph = store._graph  # the bench drops its kept answers: every call builds one
    counts: Counter[str] = Counter()
    for event in graph.events.values():
        counts.update(p.actor for p in event.participants)
    actors = [a for a, _ in counts.most_common(BUSIEST)]
    events = [key[2] for key in graph.event_keys_of(actors[0])][:BUSIEST]
    window = Window(start=date(2005, 1, 1), end=date(2010, 12, 31))
    actors = [actors[i % len(actors)] for i in range(BUSIEST)]  # a small store: again
    events = [events[i % len(events)] for i in range(BUSIEST)]
    calls: dict[str, Callable[[int], object]] = {
        "timeline of an actor (limit 50)": lambda i: store.timeline(
            TimelineQuery(actor=actors[i], limit=50)
        ),
        "related actors (limit 50)": lambda i: store.related_actors(actors[i], Window(), None, 50),
        "event detail": lambda i: store.get_event(events[i]),
        "paths between two busy actors (max 2 hops)": lambda i: store.find_paths(
            actors[i], actors[(i + 1) % BUSIEST], 2, 10
        ),
        "whole timeline, one type and a window (limit 50; counts scan every event)": (
            lambda i: store.timeline(
                TimelineQuery(types=(list(EventType)[i % 8],), window=window, limit=50)
            )
        ),
    }
    #: The slow reads (hundreds of ms a call) on fewer actors, so a run stays short.
    few = {name for name in calls if name.startswith(("paths", "whole"))}
    found = {}
    for name, call in calls.items():
        best = float("inf")
        count = FEW if name in few else BUSIEST
        for _ in range(rounds):
            spent = 0.0
            for i in range(count):
                graph._answers.clear()
                graph._counts.clear()
                started = time.process_time()
                call(i)
                spent += time.process_time() - started
            best = min(best, spent / count)
        found[name] = best
    store.close()
    return found


def _run(code: Path, data_dir: Path, rounds: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(code), str(ROOT)])}
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        str(data_dir),
        str(rounds),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"reads failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--worker":
        print(json.dumps(_reads(Path(argv[1]), int(argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    args = parser.parse_args(argv)

    from bench.report import markdown_table, update_section

    before = _run(args.baseline, args.data_dir, args.rounds)
    after = _run(ROOT, args.data_dir, args.rounds)
    again = _run(args.baseline, args.data_dir, args.rounds)  # drift shows
    rows = [
        [
            name,
            f"{1e3 * min(before[name], again[name]):.3f}",
            f"{1e3 * after[name]:.3f}",
            f"{after[name] / min(before[name], again[name]):.2f}",
        ]
        for name in after
    ]
    headers = ["read", f"{args.baseline_label} CPU ms a call", "this checkout CPU ms", "ratio"]
    table = markdown_table(headers, rows)
    print(table)
    if not args.no_write:
        from graphsvc.store.embedded import EmbeddedStore

        store = EmbeddedStore(args.data_dir)
        events = store.stats().events
        store.close()
        update_section(
            SECTION,
            f"{events:,} synthetic events (bench/synthetic.py), the same file opened by a "
            "fresh process of each code, its heap then frozen as the server does; each read "
            f"called for the {BUSIEST} busiest actors (the {FEW} busiest for paths and the "
            "whole timeline, hundreds of ms a call) with "
            "the store's kept answers and timeline counts dropped before every call (the "
            "first read after a write), CPU time a call, best of "
            f"{args.rounds} rounds; the baseline ran before and after this checkout and its "
            "better figure is kept. **ratio**: this checkout over the baseline (below 1 "
            "is faster).\n\n" + table,
        )


if __name__ == "__main__":
    main()
