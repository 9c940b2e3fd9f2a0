"""What a load run is given: its settings, and the constants every part shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECTION = "Load test (bench/load)"
STORES = ("embedded", "neo4j")
PREPARE_BATCH = 5000
ACTORS = 1000
DOCUMENTS = 100
READ_ACTORS = 64  # readers cycle through the busiest synthetic actors
TIMELINE_LIMIT = 50
CHECK_LIMIT = 1000  # a batch holds fewer events, so one page shows all of it
REQUEST_TIMEOUT = 30.0
STARTUP_TIMEOUT = 300.0  # the embedded store rebuilds its graph from SQLite first
STOP_TIMEOUT = 20.0
ERROR_SAMPLES = 5
CHECK_SAMPLES = 10


@dataclass(frozen=True)
class LoadConfig:
    events: int = 100_000
    seconds: float = 20.0
    warmup: float = 2.0
    #: Each store scenario with the writers, untimed, before the store's phases
    #: (`phases.warm_store`).
    store_warmup: float = 10.0
    readers: int = 16
    writers: int = 2
    batch_events: int = 50
    stores: tuple[str, ...] = STORES
    api_key: str | None = None
    client: str = "raw"
    workers: int = 1

    @property
    def actors(self) -> int:
        """1,000 actors at 10^5 events (200 events an actor); fewer for tiny runs."""
        return min(ACTORS, max(20, self.events // 100))
