"""The embedded store on a full disk: a clear 507, nothing written, nothing forgotten.

SQLite itself says the disk is full: `PRAGMA max_page_count` on the store's own
connection caps the database at its current size (a real SQLITE_FULL), and, where the
test may mount one, a tiny tmpfs runs out of space for real (ENOSPC). Either way the
batch is rolled back, the graph in memory is unchanged, reads go on working, and the
same batch is written once there is room again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.errors import InsufficientStorage, StoreUnavailable
from graphsvc.model import Actor, Event, GraphBatch, Participant, Source, When
from graphsvc.settings import Settings
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import DATABASE_FILE, EmbeddedStore
from graphsvc.store.embedded.sqlite_copy import write_failure
from graphsvc.views import Stats
from loaders.records import parse_jsonl
from tests.conftest import EXAMPLES

PUTIN = "person:vladimir-putin"
DOC = "newsweek-putin-assad-step-down"
EVENTS = 400
NO_LIMIT = 1_073_741_823  # SQLite's largest max_page_count
NDJSON = {"content-type": "application/x-ndjson"}


def _examples() -> GraphBatch:
    return parse_jsonl(EXAMPLES.read_text(encoding="utf-8").splitlines())


def _big_batch() -> GraphBatch:
    """New events with long sentences (far more than a few free pages hold), and a new
    alias for an actor already stored: a merged row that must not change either."""
    filler = "The report goes on at some length about the meeting. " * 20
    events = tuple(
        Event(
            id=f"event:full-disk-{i}",
            type="consult",
            summary=f"Meeting {i} on a full disk",
            when=When(start=date(2016, 2, 1), end=date(2016, 2, 29), precision="month"),
            participants=(Participant(actor=PUTIN),),
            sources=(Source(document=DOC, sentence=f"{filler}Meeting {i}."),),
        )
        for i in range(EVENTS)
    )
    putin = Actor(id=PUTIN, name="Vladimir Putin", kind="person", aliases=("V. V. Putin",))
    return GraphBatch(actors=(putin,), events=events)


def _records(batch: GraphBatch) -> bytes:
    return b"\n".join(
        orjson.dumps({"record": kind, **item.model_dump(mode="json", exclude_none=True)})
        for kind, items in (("actor", batch.actors), ("event", batch.events))
        for item in items
    )


def _cap_pages(store: EmbeddedStore, pages: int | None = None) -> None:
    """Cap the database at `pages` (default: its current size) on the store's connection."""
    db = store._copy._db  # the pragma holds per connection: it must be the store's own
    if pages is None:
        (pages,) = db.execute("PRAGMA page_count").fetchone()
    (now,) = db.execute(f"PRAGMA max_page_count = {int(pages)}").fetchone()
    assert now == pages


def _reopened_stats(data_dir: Path) -> Stats:
    """What the file holds: a new store rebuilt from SQLite alone."""
    store = EmbeddedStore(data_dir)
    try:
        (check,) = store._copy._db.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok"
        return store.stats()
    finally:
        store.close()


def _assert_unchanged(store: EmbeddedStore, before: Stats, aliases: tuple[str, ...]) -> None:
    assert store.stats() == before
    assert store.get_actor(PUTIN).aliases == aliases
    page = store.timeline(TimelineQuery(actor=PUTIN, undated=True))
    assert page.items and not any(e.id.startswith("event:full-disk-") for e in page.items)
    assert store.search_actors("Putin", 5)[0].id == PUTIN


def test_sqlite_full_is_insufficient_storage_and_writes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    try:
        store.write_batch(_examples())
        before, aliases = store.stats(), store.get_actor(PUTIN).aliases
        batches_before = store._copy.batch_count()
        _cap_pages(store)

        with pytest.raises(InsufficientStorage) as caught:
            store.write_batch(_big_batch())
        assert caught.value.status == 507
        assert "database or disk is full" in caught.value.detail
        assert "nothing of it was written" in caught.value.detail
        assert str(store.path) in caught.value.detail
        _assert_unchanged(store, before, aliases)
        assert store._copy.batch_count() == batches_before
        assert _reopened_stats(tmp_path) == before  # the file holds nothing of it either
        store.check_ready()

        _cap_pages(store, NO_LIMIT)
        written = store.write_batch(_big_batch())
        assert written.stats.events == before.events + EVENTS
        assert "V. V. Putin" in store.get_actor(PUTIN).aliases
    finally:
        store.close()
    assert _reopened_stats(tmp_path).events == before.events + EVENTS


def test_api_answers_507_and_stats_stay(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as client:
        loaded = client.post("/records", content=EXAMPLES.read_bytes(), headers=NDJSON)
        assert loaded.status_code == 200, loaded.text
        before = client.get("/stats").json()
        _cap_pages(client.app.state.store)

        body = _records(_big_batch())
        response = client.post("/records", content=body, headers=NDJSON)
        assert response.status_code == 507, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 507 and problem["title"] == "Insufficient storage"
        assert "full" in problem["detail"] and "nothing of it was written" in problem["detail"]
        assert client.get("/stats").json() == before
        assert client.get("/ready").status_code == 200
        timeline = client.get("/timeline", params={"actor": PUTIN})
        assert timeline.status_code == 200

        _cap_pages(client.app.state.store, NO_LIMIT)
        response = client.post("/records", content=body, headers=NDJSON)
        assert response.status_code == 200, response.text
        assert response.json()["stats"]["events"] == before["events"] + EVENTS


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (13, InsufficientStorage),  # SQLITE_FULL
        (778, InsufficientStorage),  # SQLITE_IOERR_WRITE: ENOSPC on some paths
        (4874, InsufficientStorage),  # SQLITE_IOERR_SHMSIZE
        (5, StoreUnavailable),  # SQLITE_BUSY: another process holds the write lock
        (8, StoreUnavailable),  # SQLITE_READONLY
        (None, StoreUnavailable),
    ],
)
def test_which_sqlite_errors_mean_a_full_disk(code: int | None, expected: type) -> None:
    exc = sqlite3.OperationalError("some failure")
    if code is not None:
        exc.sqlite_errorcode = code
    error = write_failure(exc, Path("/data/graph.sqlite3"), "the batch")
    assert type(error) is expected
    assert "/data/graph.sqlite3" in error.detail and "some failure" in error.detail


# -- a real tiny filesystem --------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs, when this process may mount one (root with CAP_SYS_ADMIN)."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if os.geteuid() != 0 or not mount or not umount:
        pytest.skip("a real full disk needs root and mount(8) to mount a tiny tmpfs")
    disk = tmp_path / "disk"
    disk.mkdir()
    tag = f"graphsvc-test-{uuid.uuid4().hex[:8]}"
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=4m,mode=0700", tag, str(disk)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip() or result.returncode}")
    try:
        yield disk
    finally:
        subprocess.run([umount, "-l", str(disk)], capture_output=True, check=False)


def _fill(disk: Path) -> Path:
    """Take every free block of the filesystem with one file; return it."""
    filler = disk / "filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == 28, exc  # ENOSPC
    return filler


def test_a_really_full_filesystem(tiny_disk: Path) -> None:
    data_dir = tiny_disk / "data"
    store = EmbeddedStore(data_dir)
    try:
        store.write_batch(_examples())
        before, aliases = store.stats(), store.get_actor(PUTIN).aliases
        filler = _fill(tiny_disk)

        with pytest.raises(InsufficientStorage) as caught:
            store.write_batch(_big_batch())
        print(f"\non a full tmpfs: {caught.value.detail}")
        assert "nothing of it was written" in caught.value.detail
        _assert_unchanged(store, before, aliases)
        store.check_ready()

        filler.unlink()
        written = store.write_batch(_big_batch())
        assert written.stats.events == before.events + EVENTS
    finally:
        store.close()
    assert (data_dir / DATABASE_FILE).exists()
    assert _reopened_stats(data_dir).events == before.events + EVENTS
