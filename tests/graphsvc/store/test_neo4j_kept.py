"""Kept answers of the Neo4j store (graphsvc.store.neo4j_kept) and the deadline's kept
threads: an answer is handed out again only while the write counter in Neo4j has not
moved, whichever process wrote; a write anywhere gives the next reader the new graph."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from bench import synthetic
from graphsvc.errors import NotFound, StoreUnavailable
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.deadline import Watchdog, call_with_deadline
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j_kept import KeptAnswers, SharedCounter, freeze
from graphsvc.store.neo4j_reads import answer_consistently
from tests.neo4j_fixture import Neo4jTarget, wipe

ACTOR = "person:synthetic-1"


def _batches() -> list:
    return list(synthetic.batches(200, 100, 10, 5))


def _open(target: Neo4jTarget) -> Neo4jStore:
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    store.start()
    return store


@pytest.fixture
def stores(neo4j_target: Neo4jTarget) -> Iterator[tuple[Neo4jStore, Neo4jStore]]:
    """Two stores on one Neo4j, as two server processes would have."""
    wipe(neo4j_target)
    first, second = _open(neo4j_target), _open(neo4j_target)
    first.write_batch(_batches()[0])
    yield first, second
    first.close()
    second.close()


def test_an_answer_is_kept_while_no_batch_commits(stores: tuple[Neo4jStore, Neo4jStore]) -> None:
    reader, _ = stores
    query = TimelineQuery(actor=ACTOR, limit=50)
    page = reader.timeline(query)
    assert page.items
    assert reader.timeline(query) is page
    related = reader.related_actors(ACTOR, Window(), None, 50)
    assert related.items
    assert reader.related_actors(ACTOR, Window(), None, 50) is related
    assert reader.timeline(TimelineQuery(actor=ACTOR, limit=5)) is not page  # other params


def test_a_write_by_another_process_ends_the_kept_answer(
    stores: tuple[Neo4jStore, Neo4jStore],
) -> None:
    reader, writer = stores
    query = TimelineQuery(actor=ACTOR, limit=1000)
    page = reader.timeline(query)
    related = reader.related_actors(ACTOR, Window(), None, 1000)
    batch = _batches()[1]  # events of their own, on the same actors
    involving = [e for e in batch.events if any(p.actor == ACTOR for p in e.participants)]
    assert involving
    writer.write_batch(batch)
    after = reader.timeline(query)
    assert after is not page
    assert after.count == page.count + len(involving)
    assert {e.id for e in involving} <= {e.id for e in after.items}
    again = reader.related_actors(ACTOR, Window(), None, 1000)
    assert again is not related
    assert sum(r.shared_events for r in again.items) > sum(r.shared_events for r in related.items)
    assert reader.timeline(query) is after  # kept again at the new counter


def test_an_unknown_actor_is_still_404_when_answers_are_kept(
    stores: tuple[Neo4jStore, Neo4jStore],
) -> None:
    reader, _ = stores
    reader.timeline(TimelineQuery(actor=ACTOR))
    for _ in range(2):
        with pytest.raises(NotFound):
            reader.timeline(TimelineQuery(actor="person:nobody"))
        with pytest.raises(NotFound):
            reader.related_actors("person:nobody", Window(), None, 50)


def test_a_row_with_the_known_counter_stands_for_the_kept_answer() -> None:
    calls: list[int] = []

    def unchanged() -> dict[str, int]:
        calls.append(1)
        return {"before": 4, "after": 5}  # a commit landed after the counter was read

    assert answer_consistently(unchanged, attempts=5, known=4)["before"] == 4
    assert len(calls) == 1


def test_kept_answers_are_bounded_and_never_go_back_to_an_older_counter() -> None:
    kept = KeptAnswers(size=2)
    kept.keep("a", 3, "a3")
    kept.keep("a", 2, "a2")  # read before a3: not kept over it
    assert kept.get("a") == (3, "a3")
    kept.keep("b", 3, "b3")
    kept.get("a")
    kept.keep("c", 3, "c3")  # "b", the least recently used, goes
    assert kept.get("b") is None
    assert len(kept) == 2
    assert freeze({"x": [1, {"y": 2}]}) == freeze({"x": (1, {"y": 2})})


def test_deadline_threads_are_kept_between_calls() -> None:
    seen = {call_with_deadline(lambda w: threading.get_ident(), 5, _expired) for _ in range(20)}
    assert len(seen) == 1


def test_an_abandoned_call_does_not_hold_the_next_one() -> None:
    release = threading.Event()

    def hang(watchdog: Watchdog) -> None:
        release.wait(10)

    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="gave up"):
        call_with_deadline(hang, 0.2, _expired)
    assert time.monotonic() - started < 1
    assert call_with_deadline(lambda w: 7, 5, _expired) == 7
    release.set()
    with pytest.raises(ValueError, match="boom"):
        call_with_deadline(_boom, 5, _expired)


def _boom(watchdog: Watchdog) -> None:
    raise ValueError("boom")


def _expired() -> StoreUnavailable:
    return StoreUnavailable("gave up")


def test_requests_at_once_share_counter_reads_begun_after_they_arrived() -> None:
    reads: list[float] = []
    gate = threading.Event()

    def read(seconds: float) -> int:
        reads.append(time.monotonic())
        gate.wait(5)
        return len(reads)

    counter = SharedCounter(read, 5.0, _expired)
    arrived: dict[int, float] = {}
    got: dict[int, int] = {}

    def ask(i: int) -> None:
        arrived[i] = time.monotonic()
        got[i] = counter.fresh()

    askers = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for asker in askers:
        asker.start()
        time.sleep(0.01)
    gate.set()
    for asker in askers:
        asker.join()
    assert len(reads) < 8  # shared
    for i, value in got.items():
        assert reads[value - 1] >= arrived[i]  # the read that answered began after


def test_a_failed_or_silent_counter_read_reaches_every_waiter_within_the_bound() -> None:
    def failing(seconds: float) -> int:
        raise StoreUnavailable("away")

    with pytest.raises(StoreUnavailable, match="away"):
        SharedCounter(failing, 1.0, _expired).fresh()

    def silent(seconds: float) -> int:
        return call_with_deadline(lambda w: time.sleep(5) or 0, seconds, _expired)

    counter = SharedCounter(silent, 0.3, _expired)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            counter.fresh()
        except StoreUnavailable as exc:
            errors.append(exc)

    started = time.monotonic()
    askers = [threading.Thread(target=ask) for _ in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(errors) == 4
    assert time.monotonic() - started < 0.3 + 0.5
