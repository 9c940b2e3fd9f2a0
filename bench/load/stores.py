"""The stores under load, filled with the synthetic events straight through
`write_batch` before any server starts."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import synthetic
from bench.load.config import DOCUMENTS, PREPARE_BATCH, READ_ACTORS, ROOT


@dataclass(frozen=True)
class Prepared:
    seconds: float
    busy_actors: list[str]


def _busiest(counts: Counter[str]) -> list[str]:
    return [actor for actor, _ in counts.most_common(READ_ACTORS)]


def prepare_embedded_here(data_dir: Path, events: int, actors: int) -> Prepared:
    from graphsvc.store.embedded import EmbeddedStore

    return _fill(EmbeddedStore(data_dir), events, actors, "the embedded store")


def prepare_embedded(data_dir: Path, events: int, actors: int) -> Prepared:
    """In a subprocess, so this client's heap (and its garbage collector) stays small."""
    command = [sys.executable, "-m", "bench.load", "--prepare-embedded", str(data_dir)]
    command += [str(events), str(actors)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"writing the embedded store failed:\n{done.stderr[-3000:]}")
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return Prepared(**fields)


def prepare_neo4j(target: Any, events: int, actors: int) -> Prepared:
    from graphsvc.store.neo4j import Neo4jStore
    from tests.neo4j_fixture import wipe

    wipe(target)
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    return _fill(store, events, actors, "Neo4j")


def _fill(store: Any, events: int, actors: int, name: str) -> Prepared:
    """Write the synthetic events into `store` (closed afterwards); check the count."""
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    try:
        store.start()
        for batch in synthetic.batches(events, PREPARE_BATCH, actors, DOCUMENTS):
            counts.update(p.actor for e in batch.events for p in e.participants)
            store.write_batch(batch)
        written = store.stats().events
    finally:
        store.close()
    if written != events:
        raise RuntimeError(f"{name} holds {written} events, not {events}")
    return Prepared(time.perf_counter() - started, _busiest(counts))
