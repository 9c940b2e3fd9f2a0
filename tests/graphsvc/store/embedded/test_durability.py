"""A process killed mid-write loses no acknowledged batch and leaves no partial batch.

The writer acknowledges a batch only after SQLite commits it; SIGKILL lands while later
batches are being written. On restart every batch is either whole or absent.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphsvc.errors import NotFound
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import DATABASE_FILE, EmbeddedStore
from tests.graphsvc.store.embedded import write_batches

#: Kills a writer process mid-write.
pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[4]


def _kill_writer_after(data_dir: Path, acks_wanted: int, extra_delay: float) -> list[int]:
    writer = subprocess.Popen(
        [sys.executable, str(Path(write_batches.__file__)), str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acked: list[int] = []
    assert writer.stdout is not None
    try:
        for line in writer.stdout:
            acked.append(int(line.split()[1]))
            if len(acked) >= acks_wanted:
                break
        time.sleep(extra_delay)  # land the kill inside a later batch's write
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert len(acked) >= acks_wanted, "the writer died before acknowledging enough batches"
    return acked


def _batch_presence(store: EmbeddedStore, n: int) -> tuple[int, int]:
    actors = 0
    for i in range(write_batches.ACTORS):
        try:
            store.get_actor(f"person:b{n}-a{i}")
            actors += 1
        except NotFound:
            pass
    events = store.timeline(TimelineQuery(q=f"Meeting {n}.", limit=1000)).count
    return actors, events


def test_sigkill_keeps_acknowledged_batches_whole(tmp_path: Path) -> None:
    for round_number, delay in enumerate((0.0, 0.05, 0.13)):
        data_dir = tmp_path / f"round-{round_number}"
        acked = _kill_writer_after(data_dir, acks_wanted=3, extra_delay=delay)

        with sqlite3.connect(data_dir / DATABASE_FILE) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        store = EmbeddedStore(data_dir)
        try:
            stats = store.stats()
            batches = stats.documents
            assert batches >= len(acked), "an acknowledged batch is missing"
            expected_events = batches * write_batches.EVENTS
            assert stats.events == expected_events, "a batch was half written"
            assert stats.actors == batches * write_batches.ACTORS
            assert stats.participations == 2 * expected_events
            assert stats.sources == expected_events
            for n in acked:
                actors, events = _batch_presence(store, n)
                assert (actors, events) == (write_batches.ACTORS, write_batches.EVENTS)
        finally:
            store.close()
