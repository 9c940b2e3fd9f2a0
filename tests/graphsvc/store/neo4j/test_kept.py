"""Kept answers of the Neo4j store (graphsvc.store.neo4j.kept) and the deadline's kept
threads: an answer is handed out again only while the write counter in Neo4j has not
moved, whichever process wrote; a write anywhere gives the next reader the new graph."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import pytest

from bench import synthetic
from graphsvc.errors import NotFound, StoreUnavailable
from graphsvc.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    EventType,
    GraphBatch,
    Participant,
    Relation,
    RelationType,
    Role,
    Source,
    When,
)
from graphsvc.service.calls import ask
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j.consistency import answer_consistently
from graphsvc.store.neo4j.deadline import Watchdog, call_with_deadline
from graphsvc.store.neo4j.kept import KeptAnswers, Reading, SharedCounter, freeze
from tests.graphsvc.store.neo4j.own_loop import run_on_own_loop
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


def _reading(writes: int, actors: Sequence[str] = ()) -> Reading:
    return Reading(writes=writes, shown_changed=0, stamps=dict.fromkeys(actors, 0))


def test_requests_at_once_share_readings_begun_after_they_arrived() -> None:
    reads: list[tuple[float, list[str]]] = []
    gate = threading.Event()

    def read(actors: list[str], seconds: float) -> Reading:
        reads.append((time.monotonic(), actors))
        gate.wait(5)
        return _reading(len(reads), actors)

    counter = SharedCounter(read, 5.0, _expired)
    arrived: dict[int, float] = {}
    got: dict[int, Reading] = {}

    def ask(i: int) -> None:
        arrived[i] = time.monotonic()
        got[i] = counter.fresh(f"person:{i}")

    askers = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for asker in askers:
        asker.start()
        time.sleep(0.01)
    gate.set()
    for asker in askers:
        asker.join()
    assert len(reads) < 8  # shared
    for i, value in got.items():
        began, actors = reads[value.writes - 1]
        assert began >= arrived[i]  # the read that answered began after
        assert f"person:{i}" in actors and f"person:{i}" in value.stamps  # its actor read


def test_a_kept_answer_stands_only_while_its_actor_and_shown_changed_are_unchanged() -> None:
    reading = Reading(writes=9, shown_changed=3, stamps={X: 5, Y: 7, Z: None})
    assert reading.stands(X, 9)  # the counter has not moved
    assert reading.stands(X, 5) and reading.stands(X, 6)  # moved by batches about others
    assert not reading.stands(Y, 6)  # batch 7 stamped Y
    assert not reading.stands(Z, 6)  # no stamp (or no actor): changed
    assert not reading.stands(W, 6)  # not read in this round
    assert not reading.stands(X, 2)  # batch 3 changed what every answer shows
    assert not reading.stands(X, 10)  # a counter that went back: never trusted


def test_a_failed_or_silent_counter_read_reaches_every_waiter_within_the_bound() -> None:
    def failing(actors: list[str], seconds: float) -> Reading:
        raise StoreUnavailable("away")

    with pytest.raises(StoreUnavailable, match="away"):
        SharedCounter(failing, 1.0, _expired).fresh()

    def silent(actors: list[str], seconds: float) -> Reading:
        return call_with_deadline(lambda w: time.sleep(5) or _reading(0), seconds, _expired)

    counter = SharedCounter(silent, 0.3, _expired)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            counter.fresh(X)
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


# -- change stamps (issue 16): a kept answer goes stale only when its actor's may have ----

X, Y, Z, W, U1, U2 = (f"person:{n}" for n in ("x", "y", "z", "w", "u1", "u2"))
DAY = date(2020, 1, 1)


def _event(
    event_id: str,
    actors: tuple[str, ...],
    documents: tuple[str, ...] = ("doc-1",),
    summary: str | None = None,
    start: date = DAY,
) -> Event:
    return Event(
        id=event_id,
        type=EventType.consult,
        summary=summary or f"Event {event_id}",
        when=When(start=start, end=start, precision="day"),
        participants=tuple(
            Participant(actor=a, role=Role.agent if i == 0 else Role.target)
            for i, a in enumerate(actors)
        ),
        sources=tuple(Source(document=d, sentence=f"{event_id} in {d}.") for d in documents),
    )


def _base() -> GraphBatch:
    """X meets Y (doc-1), Z (doc-2, doc-4) and W (doc-1); X is Z's ally (doc-2) and W's
    leader (doc-3); U1 and U2, never asked about, meet (doc-u) and oppose each other."""
    names = {X: "Ex", Y: "Why", Z: "Zed", W: "Dub", U1: "You One", U2: "You Two"}
    return GraphBatch(
        documents=tuple(
            Document(id=d, title=f"Title {d}")
            for d in ("doc-1", "doc-2", "doc-3", "doc-4", "doc-u")
        ),
        actors=tuple(Actor(id=a, name=n, kind=ActorKind.person) for a, n in names.items()),
        events=(
            _event("event:xy", (X, Y)),
            _event("event:xz", (X, Z), ("doc-2", "doc-4"), start=date(2020, 2, 1)),
            _event("event:xw", (X, W), start=date(2020, 3, 1)),
            _event("event:uu", (U1, U2), ("doc-u",)),
        ),
        relations=(
            Relation(source=X, type=RelationType.ALLY_OF, target=Z, document="doc-2"),
            Relation(source=X, type=RelationType.LEADER_OF, target=W, document="doc-3"),
            Relation(source=U1, type=RelationType.OPPOSES, target=U2, document="doc-u"),
        ),
    )


#: How `_answers` asks: the store's calls in this thread, or `calls.ask` on an event
#: loop as the API does (the awaitable twins: the shared reading awaited, no thread).
ASKING = {"on_loop": False}


@pytest.fixture(params=["in_thread", "on_loop"])
def graph(
    neo4j_target: Neo4jTarget, request: pytest.FixtureRequest
) -> Iterator[tuple[Neo4jStore, Neo4jStore, Neo4jTarget]]:
    """Two stores (two processes) on one Neo4j holding `_base()`; the reader asked
    either way (`ASKING`)."""
    ASKING["on_loop"] = request.param == "on_loop"
    wipe(neo4j_target)
    first, second = _open(neo4j_target), _open(neo4j_target)
    first.write_batch(_base())
    yield first, second, neo4j_target
    first.close()
    second.close()


def _answers(store: Neo4jStore, actor: str = X) -> tuple[Any, Any]:
    if ASKING["on_loop"]:

        async def both() -> tuple[Any, Any]:
            assert store.awaitable(store.timeline) is not None  # the twin is what runs
            return (
                await ask(store, store.timeline, TimelineQuery(actor=actor, limit=50)),
                await ask(store, store.related_actors, actor, Window(), None, 50),
            )

        return run_on_own_loop(both())
    return (
        store.timeline(TimelineQuery(actor=actor, limit=50)),
        store.related_actors(actor, Window(), None, 50),
    )


def _dumped(answers: tuple[Any, Any]) -> tuple[Any, Any]:
    return tuple(a.model_dump(mode="json") for a in answers)  # type: ignore[return-value]


def _kept(reader: Neo4jStore, actor: str = X) -> tuple[Any, Any]:
    """Both answers of `actor`, checked to be kept by `reader`."""
    answers = _answers(reader, actor)
    again = _answers(reader, actor)
    assert again[0] is answers[0] and again[1] is answers[1]
    return answers


def _assert_fresh(
    graph: tuple[Neo4jStore, Neo4jStore, Neo4jTarget],
    write: Callable[[Neo4jStore], object],
    by_reader: bool = False,
) -> tuple[Any, Any]:
    """`write` (by the other store, or by the reader itself) changes X's answers: the
    reader's next answers are the new graph's, as a store that keeps nothing reads it."""
    reader, writer, target = graph
    old = _kept(reader)
    write(reader if by_reader else writer)
    new = _answers(reader)
    nothing_kept = _open(target)
    try:
        expected = _dumped(_answers(nothing_kept))
    finally:
        nothing_kept.close()
    assert _dumped(new) == expected
    assert expected[0] != _dumped(old)[0] or expected[1] != _dumped(old)[1]
    assert _dumped(_answers(reader)) == expected  # and kept (or read) again, the same
    return new


def test_a_new_event_with_the_actor_ends_its_kept_answers(graph) -> None:
    _assert_fresh(graph, lambda s: s.write_batch(GraphBatch(events=(_event("event:x5", (X, U1)),))))
    _assert_fresh(
        graph,
        lambda s: s.write_batch(GraphBatch(events=(_event("event:x6", (U2, X)),))),
        by_reader=True,
    )


@pytest.mark.parametrize(
    "rewritten",
    [
        _event("event:xy", (X, Y), summary="Rewritten summary"),
        _event("event:xy", (X, Y), start=date(2021, 6, 1)),
        _event("event:xy", (X, Y), ("doc-2",)),  # one more source
        _event("event:xy", (Y, X)),  # roles swapped
    ],
)
def test_a_rewritten_event_of_the_actor_ends_its_kept_answers(graph, rewritten: Event) -> None:
    _assert_fresh(graph, lambda s: s.write_batch(GraphBatch(events=(rewritten,))))


def test_an_event_of_a_co_participant_rewritten_ends_the_kept_answers(graph) -> None:
    # Y's event with X, rewritten (as seen from Y's side): X's answers change too.
    reader, _, _ = graph
    _kept(reader, Y)
    _assert_fresh(
        graph,
        lambda s: s.write_batch(GraphBatch(events=(_event("event:xy", (X, Y), summary="From Y"),))),
    )


def test_an_event_moved_to_another_actor_leaves_the_actors_answers(graph) -> None:
    new = _assert_fresh(
        graph,
        lambda s: s.write_batch(GraphBatch(events=(_event("event:xz", (U1, Z), ("doc-2",)),))),
    )
    assert "event:xz" not in {e.id for e in new[0].items}


def test_withdrawn_sources_end_the_kept_answers(graph) -> None:
    # doc-1 replaced by a version that reports nothing: event:xy and event:xw go.
    new = _assert_fresh(
        graph,
        lambda s: s.write_batch(GraphBatch(documents=(Document(id="doc-1"),), replaces=("doc-1",))),
    )
    assert {e.id for e in new[0].items} == {"event:xz"}
    # doc-4 withdrawn: event:xz stays (doc-2 still reports it) with one source fewer.
    new = _assert_fresh(
        graph,
        lambda s: s.write_batch(GraphBatch(documents=(Document(id="doc-4"),), replaces=("doc-4",))),
    )
    assert [len(e.sources) for e in new[0].items] == [1]


def test_a_replaced_event_of_the_actor_ends_its_kept_answers(graph) -> None:
    # doc-1 re-extracted: event:xy comes back with other participants, event:xw goes.
    replaced = GraphBatch(
        documents=(Document(id="doc-1"),),
        events=(_event("event:xy", (X, U1), summary="Re-extracted"),),
        replaces=("doc-1",),
    )
    _assert_fresh(graph, lambda s: s.write_batch(replaced))


@pytest.mark.parametrize(
    "renamed",
    [
        Actor(id=Y, name="Why Renamed", kind=ActorKind.person),
        Actor(id=Y, name="Why", kind=ActorKind.organization),
        Actor(id=Z, name="Zed Renamed", kind=ActorKind.person),  # shown by a relation too
    ],
)
def test_a_co_participant_renamed_ends_the_kept_answers(graph, renamed: Actor) -> None:
    _assert_fresh(graph, lambda s: s.write_batch(GraphBatch(actors=(renamed,))))


def test_the_actor_renamed_ends_its_kept_answers(graph) -> None:
    _assert_fresh(
        graph, lambda s: s.write_batch(GraphBatch(actors=(Actor(id=X, name="Ex 2", kind="group"),)))
    )


@pytest.mark.parametrize(
    "batch",
    [
        GraphBatch(relations=(Relation(source=X, type=RelationType.OPPOSES, target=U1),)),
        GraphBatch(relations=(Relation(source=U2, type=RelationType.MEMBER_OF, target=X),)),
        GraphBatch(  # the same relation, its dates rewritten
            relations=(
                Relation(
                    source=X,
                    type=RelationType.ALLY_OF,
                    target=Z,
                    document="doc-2",
                    since=date(2019, 1, 1),
                ),
            )
        ),
        # doc-3 withdrawn: X's LEADER_OF relation to W goes.
        GraphBatch(documents=(Document(id="doc-3"),), replaces=("doc-3",)),
    ],
)
def test_a_relation_of_the_actor_written_or_removed_ends_its_kept_answers(
    graph, batch: GraphBatch
) -> None:
    _assert_fresh(graph, lambda s: s.write_batch(batch))


def test_actor_merges_end_the_kept_answers(graph) -> None:
    reader, _, _ = graph
    _assert_fresh(graph, lambda s: s.merge_actors(U1, X))  # an actor merged into X
    _assert_fresh(graph, lambda s: s.merge_actors(X, U2))  # X merged into another
    # A batch naming the old id (redirected to U2, which X now is).
    _assert_fresh(graph, lambda s: s.write_batch(GraphBatch(events=(_event("event:x7", (W, X)),))))
    assert _answers(reader)[1].actor.id == U2


def test_a_document_rewritten_shows_as_a_store_that_keeps_nothing_reads_it(graph) -> None:
    # The answers show a source's document id only, not the document's fields: the kept
    # answers must simply equal what a store keeping nothing reads.
    reader, writer, target = graph
    old = _kept(reader)
    writer.write_batch(
        GraphBatch(documents=(Document(id="doc-1", title="New", url="https://a.b/"),))
    )
    nothing_kept = _open(target)
    try:
        assert _dumped(_answers(reader)) == _dumped(_answers(nothing_kept)) == _dumped(old)
    finally:
        nothing_kept.close()


def test_writes_about_other_actors_leave_the_kept_answers_kept(graph) -> None:
    reader, writer, target = graph
    old = _kept(reader)
    unrelated = [
        GraphBatch(events=(_event("event:u3", (U1, U2), ("doc-u",)),)),
        GraphBatch(
            actors=(Actor(id="group:new", name="New", kind=ActorKind.group),),
            events=(_event("event:u4", ("group:new", U1), ("doc-u",)),),
            relations=(Relation(source=U2, type=RelationType.ALLY_OF, target="group:new"),),
        ),
        GraphBatch(events=(_event("event:uu", (U2, U1), ("doc-u",), summary="Rewritten"),)),
        # Y's record sent again unchanged: Y's answers may change (it is stamped), X's not.
        GraphBatch(actors=(Actor(id=Y, name="Why", kind=ActorKind.person),)),
        GraphBatch(documents=(Document(id="doc-u"),), replaces=("doc-u",)),
    ]
    for batch in unrelated:
        for store in (writer, reader):
            store.write_batch(batch)
            now = _answers(reader)
            assert now[0] is old[0] and now[1] is old[1]
    nothing_kept = _open(target)
    try:
        assert _dumped(_answers(nothing_kept)) == _dumped(old)
    finally:
        nothing_kept.close()


def _statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the Cypher files the store's reads send from now on."""
    from graphsvc.store.neo4j import connection

    sent: list[str] = []
    load = connection.load_query

    def counting(name: str) -> str:
        sent.append(name)
        return load(name)

    monkeypatch.setattr(connection, "load_query", counting)
    return sent


ANSWER_STATEMENTS = {"timeline/page_for_actor", "related/summary"}


def test_a_batch_about_another_actor_costs_a_kept_answer_no_statement(
    graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared reading (counter, then stamps) hands out X's kept answers after a batch
    about U1 and U2 only, with no answer statement sent; a batch about X then gives the
    new graph's answers, read by the statements."""
    reader, writer, target = graph
    old = _kept(reader)
    sent = _statements(monkeypatch)
    writer.write_batch(GraphBatch(events=(_event("event:u5", (U1, U2), ("doc-u",)),)))
    for _ in range(2):
        now = _answers(reader)
        assert now[0] is old[0] and now[1] is old[1]
    assert not ANSWER_STATEMENTS & set(sent), sent
    writer.write_batch(GraphBatch(events=(_event("event:x8", (X, U1)),)))
    new = _answers(reader)
    assert set(sent) >= ANSWER_STATEMENTS
    assert "event:x8" in {e.id for e in new[0].items}
    assert new[0].count == old[0].count + 1
    nothing_kept = _open(target)
    try:
        assert _dumped(new) == _dumped(_answers(nothing_kept))
    finally:
        nothing_kept.close()


def test_a_kept_answer_asked_on_a_loop_takes_no_pool_thread_and_no_statement(
    graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`calls.ask` awaits the twin: a kept answer that stands comes from the shared
    reading alone, with neither an answer statement nor a thread of the pool."""
    from graphsvc.service import calls

    reader, writer, _ = graph
    old = _kept(reader)
    writer.write_batch(GraphBatch(events=(_event("event:u6", (U1, U2), ("doc-u",)),)))
    sent = _statements(monkeypatch)

    async def no_pool(*args: object) -> object:
        raise AssertionError("a pool thread was used")

    monkeypatch.setattr(calls, "run_in_thread", no_pool)

    async def both() -> tuple[Any, Any]:
        return (
            await ask(reader, reader.timeline, TimelineQuery(actor=X, limit=50)),
            await ask(reader, reader.related_actors, X, Window(), None, 50),
        )

    now = run_on_own_loop(both())
    assert now[0] is old[0] and now[1] is old[1]
    assert sent == ["writes/version_stamps"] * len(sent) and sent, sent


def test_loop_readers_beside_a_writer_see_each_batch_whole_once_acknowledged(graph) -> None:
    """Readers on an event loop, asking for the timelines of the batches a writer
    commits meanwhile, see each batch whole or not at all, and whole once it was
    acknowledged before they asked (the checker of bench/load, in one process)."""
    reader, writer, _ = graph
    size, batches = 5, 12
    acked: list[str] = []
    in_flight: list[str] = []
    problems: list[str] = []

    rounds = [0]  # reading rounds the readers finished

    def write() -> None:
        for n in range(batches):
            # A round of reads between two batches, however slow the machine: the
            # readers must overlap the writes, not only read after the last.
            deadline = time.monotonic() + 60
            while rounds[0] < n and time.monotonic() < deadline:
                time.sleep(0.001)
            actor = f"person:batch-{n}"
            in_flight.append(actor)
            events = tuple(_event(f"event:b{n}-{i}", (actor, X)) for i in range(size))
            actors = (Actor(id=actor, name=f"Batch {n}", kind=ActorKind.person),)
            writer.write_batch(GraphBatch(actors=actors, events=events))
            acked.append(actor)

    async def check(actor: str, was_acked: bool) -> None:
        try:
            page = await ask(reader, reader.timeline, TimelineQuery(actor=actor, limit=50))
            found = [e.id for e in page.items if e.id.startswith("event:b")]
        except NotFound:
            found = []
        if len(found) not in (0, size) or (was_acked and len(found) != size):
            problems.append(f"{actor}: {len(found)} of {size} (acknowledged: {was_acked})")

    async def readers(done: threading.Event) -> int:
        checks = 0
        while not done.is_set() or checks < 4:
            targets = [(a, True) for a in acked[-3:]] + [(a, False) for a in in_flight[-2:]]
            await asyncio.gather(*(check(a, was) for a, was in targets))
            # X takes part in every batch: its page holds its 3 events and whole batches.
            x_page = await ask(reader, reader.timeline, TimelineQuery(actor=X, limit=500))
            if (x_page.count - 3) % size:
                problems.append(f"{X}: {x_page.count} events")
            checks += len(targets) + 1
            rounds[0] += 1
            await asyncio.sleep(0)
        return checks

    done = threading.Event()
    thread = threading.Thread(target=lambda: (write(), done.set()))
    thread.start()
    try:
        checks = run_on_own_loop(readers(done))
    finally:
        thread.join()
    assert not problems, problems
    assert checks > batches
    assert len(acked) == batches


def test_a_retryable_failure_of_the_shared_reading_reads_again_in_a_transaction(
    stores: tuple[Neo4jStore, Neo4jStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shared reading goes out as an auto-commit query, which the driver does not
    retry; a failure the driver would retry is read again in a managed transaction."""
    import neo4j
    from neo4j import exceptions as neo4j_errors

    reader, _ = stores
    original = neo4j.Session.run
    failed: list[str] = []

    def flaky(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        if not failed:
            failed.append("once")
            raise neo4j_errors.SessionExpired("the connection was lost")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(neo4j.Session, "run", flaky)
    reading = reader._stamps_now([ACTOR, "person:nobody"], 5.0)
    assert failed == ["once"]
    assert reading.writes >= 1 and reading.stamps[ACTOR] is not None
    assert reading.stamps["person:nobody"] is None
