"""Kept answers of the Neo4j store under writers, in one process, without HTTP: how many
reads still send their answer statement while batches about other actors commit.

`python -m bench.load.kept_reads` fills the test Neo4j (or NEO4J_URI, emptied:
GRAPHSVC_TESTS_MAY_WIPE=1) with synthetic events, then runs reader threads over the
busiest actors' timelines while writer threads write batches each about an actor of its
own (as bench.load's writers do), and prints one JSON line. The statement count is by
name (`load_query` of the store's plumbing), so it does not depend on the machine's
load the way the rates do; run it with PYTHONPATH=<another checkout> to compare code.

`--readers-on` says how the readers ask: `threads` call the store in threads of their
own; `pool` and `loop` are tasks on one event loop, as the API's requests are, `pool`
calling the store in a pool thread (what the routes did before the awaitable twins) and
`loop` through `graphsvc.service.calls.ask` (the twins, where the code has them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from bench import synthetic
from graphsvc.model import Actor, ActorKind, Event, GraphBatch, Participant, Role, Source, When
from graphsvc.store.base import TimelineQuery
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j import connection as plumbing

ANSWER = "timeline/page_for_actor"
#: A document of bench.synthetic, stored by the fill.
DOCUMENT = "synthetic-doc-0"


def _batches(writer: int, size: int) -> Iterator[GraphBatch]:
    """Batches about an actor of their own each, dated apart, as bench.load writes."""
    n = 0
    while True:
        actor = f"group:kept-batch-{writer}-{n}"
        day = date(2020, 1, 1) + timedelta(days=(writer * 7919 + n) % 2000)
        yield GraphBatch(
            actors=(Actor(id=actor, name=f"Kept batch {writer}-{n}", kind=ActorKind.group),),
            events=tuple(
                Event(
                    id=f"event:kept-batch-{writer}-{n}-{i}",
                    type="statement",
                    summary=f"Kept batch {writer}-{n} event {i}",
                    when=When(start=day, end=day, precision="day"),
                    participants=(Participant(actor=actor, role=Role.agent),),
                    sources=(Source(document=DOCUMENT, sentence=f"Batch {writer}-{n} {i}."),),
                )
                for i in range(size)
            ),
        )
        n += 1


def _counting(sent: Counter[str]) -> Callable[[str], str]:
    load = plumbing.load_query

    def counting(name: str) -> str:
        sent[name] += 1
        return load(name)

    return counting


def run(store: Neo4jStore, actors: list[str], args: argparse.Namespace) -> dict[str, float]:
    for actor in actors:  # every answer kept once before the clock starts
        store.timeline(TimelineQuery(actor=actor, limit=50))
    sent: Counter[str] = Counter()
    plumbing.load_query = _counting(sent)  # type: ignore[assignment]
    stop = threading.Event()
    latencies: list[float] = []
    batches = [0]

    def reader(offset: int) -> None:
        turn = offset
        while not stop.is_set():
            started = time.perf_counter()
            store.timeline(TimelineQuery(actor=actors[turn % len(actors)], limit=50))
            latencies.append(time.perf_counter() - started)
            turn += 1

    def writer(index: int) -> None:
        for batch in _batches(index, args.batch_events):
            if stop.is_set():
                return
            store.write_batch(batch)
            batches[0] += 1

    async def task(offset: int, on_loop: bool) -> None:
        from graphsvc.service.calls import ask, run_in_thread

        turn = offset
        while not stop.is_set():
            started = time.perf_counter()
            query = TimelineQuery(actor=actors[turn % len(actors)], limit=50)
            if on_loop:
                await ask(store, store.timeline, query)
            else:
                await run_in_thread(store.timeline, query)
            latencies.append(time.perf_counter() - started)
            turn += 1

    async def tasks(on_loop: bool) -> None:
        asyncio.get_running_loop().call_later(args.seconds, stop.set)
        await asyncio.gather(*(task(i * 7, on_loop) for i in range(args.readers)))

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(args.writers)]
    if args.readers_on == "threads":
        threads += [threading.Thread(target=reader, args=(i * 7,)) for i in range(args.readers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    if args.readers_on == "threads":
        time.sleep(args.seconds)
    else:
        asyncio.run(tasks(on_loop=args.readers_on == "loop"))
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    reads = len(latencies)
    return {
        "reads_per_s": round(reads / elapsed, 1),
        "p50_ms": round(latencies[reads // 2] * 1000, 1),
        "p99_ms": round(latencies[int(reads * 0.99)] * 1000, 1),
        "batches_per_s": round(batches[0] / elapsed, 2),
        "answer_statements_per_read": round(sent[ANSWER] / reads, 3),
        "shared_reads_per_read": round(
            (sent["writes/version"] + sent["writes/version_stamps"]) / reads, 3
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--busy", type=int, default=64, help="actors read")
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--batch-events", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--readers-on", choices=("threads", "pool", "loop"), default="threads")
    args = parser.parse_args()

    from tests.neo4j_fixture import neo4j_target, wipe

    targets = neo4j_target()
    target = next(targets)
    try:
        wipe(target)
        store = Neo4jStore(target.uri, target.user, target.password, target.database)
        store.start()
        counts: Counter[str] = Counter()
        for batch in synthetic.batches(args.events, 5000, args.actors, 10):
            counts.update(p.actor for e in batch.events for p in e.participants)
            store.write_batch(batch)
        actors = [actor for actor, _ in counts.most_common(args.busy)]
        try:
            print(json.dumps(run(store, actors, args)), flush=True)
        finally:
            store.close()
    finally:
        targets.close()


if __name__ == "__main__":
    main()
