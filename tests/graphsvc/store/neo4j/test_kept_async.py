"""The awaitable path of the Neo4j store's kept answers: the shared reading awaited on an
event loop (`SharedCounter.fresh_async`) and a call awaited on a runner thread
(`call_with_deadline_async`), with the same promises as the threads' path: a reading
begun after the request arrived, shared; an error or a silent Neo4j reaching every
waiter within the bound; and no thread held by a waiting request."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from graphsvc.errors import StoreUnavailable
from graphsvc.store.neo4j.deadline import Watchdog, call_with_deadline, call_with_deadline_async
from graphsvc.store.neo4j.deadline import run_detached as detach
from graphsvc.store.neo4j.kept import Reading, SharedCounter
from tests.graphsvc.store.neo4j.own_loop import run_on_own_loop


def _expired() -> StoreUnavailable:
    return StoreUnavailable("gave up")


def _reading(writes: int, actors: list[str]) -> Reading:
    return Reading(writes=writes, shown_changed=0, stamps=dict.fromkeys(actors, 0))


def test_requests_on_a_loop_share_readings_begun_after_they_arrived() -> None:
    reads: list[tuple[float, list[str]]] = []
    gate = threading.Event()

    def read(actors: list[str], seconds: float) -> Reading:
        reads.append((time.monotonic(), actors))
        gate.wait(5)
        return _reading(len(reads), actors)

    counter = SharedCounter(read, 5.0, _expired, detach=detach)
    arrived: dict[int, float] = {}

    async def ask(i: int) -> Reading:
        arrived[i] = time.monotonic()
        return await counter.fresh_async(f"person:{i}")

    async def main() -> list[Reading]:
        # Counted here, on the loop's own thread (`run_on_own_loop` starts it).
        threads_before = threading.active_count()
        tasks = []
        for i in range(8):
            tasks.append(asyncio.create_task(ask(i)))
            await asyncio.sleep(0.01)
        threads_while_waiting = threading.active_count()
        gate.set()
        got = await asyncio.gather(*tasks)
        # Eight requests waited; at most the two rounds' runner threads ran for them.
        assert threads_while_waiting <= threads_before + 2
        return got

    got = run_on_own_loop(main())
    assert len(reads) < 8  # shared
    for i, value in enumerate(got):
        began, actors = reads[value.writes - 1]
        assert began >= arrived[i]  # the read that answered began after it arrived
        assert f"person:{i}" in actors and f"person:{i}" in value.stamps


def test_threads_and_a_loop_asking_at_once_share_one_round() -> None:
    gate = threading.Event()
    reads: list[list[str]] = []

    def read(actors: list[str], seconds: float) -> Reading:
        reads.append(actors)
        gate.wait(5)
        return _reading(len(reads), actors)

    counter = SharedCounter(read, 5.0, _expired, detach=detach)
    first = threading.Thread(target=counter.fresh, args=("person:lead",))
    first.start()  # leads round 1 and holds it at the gate
    time.sleep(0.05)
    from_thread: list[Reading] = []
    joiner = threading.Thread(target=lambda: from_thread.append(counter.fresh("person:t")))
    joiner.start()
    time.sleep(0.05)

    async def main() -> Reading:
        waiting = asyncio.create_task(counter.fresh_async("person:loop"))
        await asyncio.sleep(0.05)
        gate.set()
        return await waiting

    from_loop = run_on_own_loop(main())
    first.join()
    joiner.join()
    assert from_loop.writes == from_thread[0].writes == 2  # both in round 2
    assert reads[1] == ["person:loop", "person:t"]


def test_a_failed_or_silent_reading_reaches_every_loop_waiter_within_the_bound() -> None:
    def failing(actors: list[str], seconds: float) -> Reading:
        raise StoreUnavailable("away")

    async def one(counter: SharedCounter) -> Reading:
        return await counter.fresh_async("person:x")

    with pytest.raises(StoreUnavailable, match="away"):
        run_on_own_loop(one(SharedCounter(failing, 1.0, _expired, detach=detach)))

    def silent(actors: list[str], seconds: float) -> Reading:
        return call_with_deadline(lambda w: time.sleep(5) or _reading(0, []), seconds, _expired)

    counter = SharedCounter(silent, 0.3, _expired, detach=detach)

    async def many() -> list[BaseException | Reading]:
        return await asyncio.gather(*(one(counter) for _ in range(4)), return_exceptions=True)

    started = time.monotonic()
    outcomes = run_on_own_loop(many())
    assert all(isinstance(o, StoreUnavailable) for o in outcomes), outcomes
    assert time.monotonic() - started < 0.3 + 0.5


def test_a_round_that_cannot_start_fails_its_waiters_and_the_next_round_runs() -> None:
    def no_thread(work: object) -> None:
        raise RuntimeError("can't start new thread")

    counter = SharedCounter(lambda a, s: _reading(1, a), 1.0, _expired, detach=no_thread)
    with pytest.raises(RuntimeError, match="new thread"):
        run_on_own_loop(counter.fresh_async("person:x"))
    assert counter.fresh("person:x").writes == 1  # not left waiting on a dead round


def test_an_awaited_call_gives_its_value_its_error_or_the_bound() -> None:
    def boom(watchdog: Watchdog) -> None:
        raise ValueError("boom")

    async def main() -> None:
        assert await call_with_deadline_async(lambda w: 42, 5.0, _expired) == 42
        with pytest.raises(ValueError, match="boom"):
            await call_with_deadline_async(boom, 5.0, _expired)
        watchdogs: list[Watchdog] = []

        def hangs(watchdog: Watchdog) -> None:
            watchdogs.append(watchdog)
            time.sleep(1.0)

        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="gave up"):
            await call_with_deadline_async(hangs, 0.2, _expired)
        assert time.monotonic() - started < 0.2 + 0.5
        assert watchdogs[0].fired  # the connection is cut, no retry runs the work

    run_on_own_loop(main())
