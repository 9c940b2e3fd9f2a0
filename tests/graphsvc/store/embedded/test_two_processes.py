"""Two writers on one data directory (a server and `graphsvc load`, or two stores): each
catches up with what the other committed, so nothing one wrote is merged away."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from graphsvc.model import Actor, GraphBatch
from graphsvc.store.base import TimelineQuery
from graphsvc.store.embedded import EmbeddedStore
from graphsvc.store.embedded.sqlite_copy import SqliteCopy
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, server_env

PUTIN = "person:vladimir-putin"


def _alias(name: str) -> GraphBatch:
    return GraphBatch(
        actors=(Actor(id=PUTIN, name="Vladimir Putin", kind="person", aliases=(name,)),)
    )


def test_aliases_written_through_two_stores_both_survive(
    tmp_path: Path, example_batch: GraphBatch
) -> None:
    first, second = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    try:
        first.write_batch(example_batch)
        second.write_batch(_alias("V. V. Putin"))  # second had not seen the examples
        first.write_batch(_alias("Vova"))  # first had not seen second's alias
        for store in (first, second):
            aliases = set(store.get_actor(PUTIN).aliases)
            assert {"Putin", "V. V. Putin", "Vova"} <= aliases
            assert store.stats().events == len(example_batch.events)
    finally:
        first.close()
        second.close()
    reopened = EmbeddedStore(tmp_path)
    try:
        assert {"Putin", "V. V. Putin", "Vova"} <= set(reopened.get_actor(PUTIN).aliases)
    finally:
        reopened.close()


@pytest.mark.e2e
def test_a_running_store_sees_what_the_cli_loaded(tmp_path: Path) -> None:
    running = EmbeddedStore(tmp_path)
    try:
        assert running.stats().events == 0
        env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path))
        subprocess.run(graphsvc("load", str(EXAMPLES)), env=env, check=True, cwd=ROOT)
        page = running.timeline(TimelineQuery(actor=PUTIN))
        assert [e.id for e in page.items] == [
            "event:putin-asks-assad-to-step-down",
            "event:putin-assad-kremlin-meeting",
        ]
    finally:
        running.close()


def test_a_read_during_a_catch_up_waits_for_the_new_graph(
    tmp_path: Path, example_batch: GraphBatch, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that arrives while another reader is reloading what a second process
    committed gets the reloaded graph, never the one being replaced (the page once
    showed an empty timeline right after `graphsvc load` had exited)."""
    running, other = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    try:
        other.write_batch(example_batch)  # another process's commit: `running` is behind
        reading = threading.Event()
        release = threading.Event()
        read_redirects = SqliteCopy.read_redirects

        def held_rebuild(copy: SqliteCopy) -> dict[str, str]:
            reading.set()  # the first reader is mid-reload: the file read, memory not swapped
            assert release.wait(timeout=60)
            return read_redirects(copy)

        monkeypatch.setattr(SqliteCopy, "read_redirects", held_rebuild)
        first = threading.Thread(target=running.get_actor, args=(PUTIN,))
        first.start()
        assert reading.wait(timeout=60)
        monkeypatch.setattr(SqliteCopy, "read_redirects", read_redirects)
        answers: list[list[str]] = []
        second = threading.Thread(
            target=lambda: answers.append(
                [e.id for e in running.timeline(TimelineQuery(actor=PUTIN)).items]
            )
        )
        second.start()
        second.join(timeout=1)  # a reader that does not wait has answered by now
        release.set()
        first.join(timeout=60)
        second.join(timeout=60)
        assert answers == [
            ["event:putin-asks-assad-to-step-down", "event:putin-assad-kremlin-meeting"]
        ]
    finally:
        running.close()
        other.close()
