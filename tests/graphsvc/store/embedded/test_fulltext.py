"""The embedded store's FTS5 index: built on first open of a file written before it
existed, kept in step by triggers with writes of any process, rolled back with a
failed batch, and living in the SQLite file (not in memory)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graphsvc.errors import StoreUnavailable
from graphsvc.model import GraphBatch
from graphsvc.service.search import search
from graphsvc.settings import Settings
from graphsvc.store.embedded import EmbeddedStore
from graphsvc.store.embedded.fulltext import DROP
from graphsvc.store.embedded.sqlite_copy import SqliteCopy
from graphsvc.store.embedded.store import DATABASE_FILE

SETTINGS = Settings()
STEP_DOWN = "event:putin-asks-assad-to-step-down"


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}


def _as_before_search(path: Path) -> None:
    """The file as a store written before search existed left it: no index, no triggers."""
    with sqlite3.connect(path, isolation_level=None) as db:
        for statement in DROP:
            db.execute(statement)
    assert not {t for t in _tables(path) if t.startswith("search")}


def test_a_store_written_before_search_is_indexed_on_first_open(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    store = EmbeddedStore(tmp_path)
    store.write_batch(example_batch)
    store.close()
    _as_before_search(tmp_path / DATABASE_FILE)

    reopened = EmbeddedStore(tmp_path)
    try:
        results = search(reopened, SETTINGS, "Assad step down")
        assert results.events[0].id == STEP_DOWN
        assert results.actors[0].id == "person:bashar-al-assad"
        assert results.documents  # titles too
        with sqlite3.connect(tmp_path / DATABASE_FILE) as db:
            (events,) = db.execute("SELECT count(*) FROM events").fetchone()
            (summaries,) = db.execute("SELECT count(*) FROM search_summaries").fetchone()
        assert summaries == events == len(example_batch.events)
    finally:
        reopened.close()


def test_writes_of_another_process_are_indexed_by_the_file_itself(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    """The triggers live in the file: a writer that is not this store (another process,
    or a bare SqliteCopy) keeps the index in step too."""
    store = EmbeddedStore(tmp_path)
    try:
        other = SqliteCopy(tmp_path / DATABASE_FILE)
        other.commit(example_batch, example_batch.counts())
        other.close()
        assert search(store, SETTINGS, "Assad step down").events[0].id == STEP_DOWN
    finally:
        store.close()


def test_a_failed_batch_leaves_no_index_entries(tmp_path: Path, example_batch: GraphBatch) -> None:
    path = tmp_path / DATABASE_FILE
    copy = SqliteCopy(path)
    with sqlite3.connect(path, isolation_level=None) as db:
        # A batch whose last statement fails: the index rows of its events go too.
        db.execute(
            "CREATE TRIGGER fail_batches BEFORE INSERT ON batches BEGIN"
            " SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    with pytest.raises(StoreUnavailable):
        copy.commit(example_batch, example_batch.counts())
    copy.close()
    with sqlite3.connect(path) as db:
        for table in ("events", "search_keys", "search_summaries", "search_sentences"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table


def test_the_index_is_rebuilt_when_its_version_is_older(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    store = EmbeddedStore(tmp_path)
    store.write_batch(example_batch)
    store.close()
    with sqlite3.connect(tmp_path / DATABASE_FILE, isolation_level=None) as db:
        db.execute("DELETE FROM search_summaries")  # stale, as an older version may leave it
        db.execute("UPDATE search_meta SET version = 0")
    reopened = EmbeddedStore(tmp_path)
    try:
        assert search(reopened, SETTINGS, "Assad step down").events[0].id == STEP_DOWN
    finally:
        reopened.close()


def test_a_write_that_skips_the_store_is_indexed_on_the_next_open(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    """A writer that changes the tables directly (an older graphsvc, a hand edit) is
    still heard: the file's triggers queue the change, the next open indexes it."""
    store = EmbeddedStore(tmp_path)
    store.write_batch(example_batch)
    store.close()
    event = next(e for e in example_batch.events if e.id == STEP_DOWN)
    renamed = event.model_copy(update={"summary": "Putin asks for a quiet handover"})
    with sqlite3.connect(tmp_path / DATABASE_FILE, isolation_level=None) as db:
        db.execute(
            "INSERT OR REPLACE INTO events VALUES (?, ?)",
            (renamed.id, renamed.model_dump_json().encode()),
        )
    reopened = EmbeddedStore(tmp_path)
    try:
        assert search(reopened, SETTINGS, "handover").events[0].id == STEP_DOWN
        with sqlite3.connect(tmp_path / DATABASE_FILE) as db:
            assert db.execute("SELECT count(*) FROM search_queue").fetchone() == (0,)
    finally:
        reopened.close()
