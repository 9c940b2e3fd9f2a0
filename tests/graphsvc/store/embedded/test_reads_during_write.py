"""Readers of the embedded store do not wait for a writer's SQLite commit (its fsync):
while this process holds the file, nobody else can commit, so reads answer from memory;
and they still see another process's commit made before the write began."""

from __future__ import annotations

import threading
from pathlib import Path

from graphsvc.model import Actor, GraphBatch
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import EmbeddedStore
from graphsvc.store.embedded.sqlite_copy import SqliteCopy

PUTIN = "person:vladimir-putin"
WAIT = 30  # seconds: a bound for a stuck test, not a measurement


def _actor(actor_id: str, name: str) -> GraphBatch:
    return GraphBatch(actors=(Actor(id=actor_id, name=name, kind="person"),))


def test_a_read_answers_while_a_commit_is_under_way(
    tmp_path: Path, example_batch: GraphBatch, monkeypatch
) -> None:
    store = EmbeddedStore(tmp_path)
    try:
        store.write_batch(example_batch)
        before = store.timeline(TimelineQuery(actor=PUTIN))
        in_commit, release = threading.Event(), threading.Event()
        commit, data_version = SqliteCopy.commit, SqliteCopy.data_version
        touched_during_commit: list[str] = []

        def slow_commit(self: SqliteCopy, *args: object, **kwargs: object) -> int:
            in_commit.set()
            assert release.wait(WAIT)
            return commit(self, *args, **kwargs)

        def watched_version(self: SqliteCopy) -> int:
            # The connection is the writer's while it commits: SQLite would make this
            # call wait for the commit and its fsync.
            if in_commit.is_set() and not release.is_set():
                touched_during_commit.append(threading.current_thread().name)
            return data_version(self)

        monkeypatch.setattr(SqliteCopy, "commit", slow_commit)
        monkeypatch.setattr(SqliteCopy, "data_version", watched_version)
        writer = threading.Thread(target=store.write_batch, args=(_actor("person:new", "New"),))
        writer.start()
        try:
            assert in_commit.wait(WAIT)
            assert store.answers_from_memory()
            answers: list[object] = []
            reader = threading.Thread(
                target=lambda: answers.append(store.timeline(TimelineQuery(actor=PUTIN)))
            )
            reader.start()
            reader.join(WAIT)
            assert answers == [before], "the read waited for the commit"
            assert touched_during_commit == []
        finally:
            release.set()
            writer.join(WAIT)
        assert store.get_actor("person:new").name == "New"
    finally:
        store.close()


def test_another_process_commit_is_seen_by_the_next_read(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    running, other = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    try:
        running.write_batch(example_batch)
        assert running.answers_from_memory()
        other.write_batch(_actor("person:elsewhere", "Written elsewhere"))
        assert not running.answers_from_memory()  # the file moved: the pool reloads
        assert running.get_actor("person:elsewhere").name == "Written elsewhere"
        assert running.answers_from_memory()
    finally:
        running.close()
        other.close()
