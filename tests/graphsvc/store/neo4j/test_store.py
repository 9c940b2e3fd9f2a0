"""What only Neo4j shows: labels by kind, native dates, the schema, and raw node and
relationship counts that a second load of the same batch leaves unchanged."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from graphsvc.errors import QueryTimeout
from graphsvc.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    GraphBatch,
    Participant,
    Role,
    Source,
    When,
)
from graphsvc.store.base import TimelineQuery, WriteResult
from graphsvc.store.cypher import load_query
from graphsvc.store.neo4j import Neo4jStore
from tests.neo4j_fixture import Neo4jTarget, wipe


@pytest.fixture
def store(neo4j_target: Neo4jTarget) -> Iterator[Neo4jStore]:
    wipe(neo4j_target)
    opened = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    opened.start()
    yield opened
    opened.close()


@pytest.fixture
def query(neo4j_target: Neo4jTarget):
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    driver = GraphDatabase.driver(neo4j_target.uri, auth=auth)

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = driver.execute_query(
            load_query(name), params, database_=neo4j_target.database
        )
        return [r.data() for r in records]

    yield run
    driver.close()


def test_loading_twice_leaves_raw_counts_unchanged(
    store: Neo4jStore, query, example_batch: GraphBatch
) -> None:
    store.write_batch(example_batch)
    first = query("testing/counts")
    store.write_batch(example_batch)
    assert query("testing/counts") == first
    expected_nodes = (
        len(example_batch.documents) + len(example_batch.actors) + len(example_batch.events)
    )
    stats = store.stats()
    expected_edges = stats.participations + stats.sources + stats.relations
    assert first == [{"nodes": expected_nodes, "relationships": expected_edges}]


def test_labels_by_kind_and_native_dates(
    store: Neo4jStore, query, example_batch: GraphBatch
) -> None:
    store.write_batch(example_batch)
    for actor_id, label in [
        ("person:vladimir-putin", "Person"),
        ("organization:gru", "Organization"),
        ("place:syria", "Place"),
    ]:
        (row,) = query("testing/shape", actor_id=actor_id, event_id="event:sergun-dies")
        assert sorted(row["labels"]) == sorted(["Actor", label])
        assert row["start_type"] == row["end_type"] == "DATE NOT NULL"


def test_schema_is_applied_idempotently(
    store: Neo4jStore, query, neo4j_target: Neo4jTarget
) -> None:
    names = {row["name"] for row in query("testing/schema")}
    assert {"actor_id", "event_id", "document_id", "event_start", "event_end"} <= names
    second = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    second.start()  # a second process starting up applies the same schema again
    second.close()
    assert {row["name"] for row in query("testing/schema")} == names


class _TimingOutSession:
    """What the driver raises when Neo4j stops a read at its `unit_of_work` timeout (the
    real server doing so is shown by the POST /cypher timeout contract test)."""

    def __enter__(self) -> _TimingOutSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def execute_read(self, work: Any) -> Any:
        code = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
        raise neo4j_errors.Neo4jError._hydrate_neo4j(code=code, message="timed out")


def test_a_read_past_the_query_timeout_is_a_408_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Neo4jStore("bolt://127.0.0.1:9", "neo4j", None, query_timeout_seconds=2.5)
    store._schema_applied = True
    monkeypatch.setattr(store, "_session", lambda access: _TimingOutSession())
    with pytest.raises(
        QueryTimeout, match=r"2\.5 s timeout \(GRAPHSVC_QUERY_TIMEOUT_SECONDS\)"
    ) as caught:
        store.timeline(TimelineQuery())
    assert caught.value.status == 408
    store.close()


def test_new_and_rewritten_events_are_stored_alike(
    store: Neo4jStore, query, example_batch: GraphBatch
) -> None:
    """The first load creates events (events/create, positional rows, nulls left out);
    the second merges them with what is stored (events/write, MERGE and SET): both
    must leave the same nodes, labels, native dates and edges."""
    undated = example_batch.events[0].model_copy(
        update={"id": "event:undated-for-test", "when": None, "reported_by": None}
    )
    batch = example_batch.model_copy(update={"events": (*example_batch.events, undated)})
    store.write_batch(batch)
    created = query("testing/events_stored")
    store.write_batch(batch)
    assert query("testing/events_stored") == created
    assert len(created) == len(batch.events)
    by_id = {row["id"]: row for row in created}
    assert "Undated" in by_id[undated.id]["labels"]
    assert "start" not in by_id[undated.id]["props"]
    dated = next(e for e in batch.events if e.when is not None)
    assert "Undated" not in by_id[dated.id]["labels"]
    assert by_id[dated.id]["props"]["start"].to_native() == dated.when.start
    assert store.stats().undated_events == sum(e.when is None for e in batch.events)


def _own_batch(writer: int, n: int, size: int) -> GraphBatch:
    """A batch about an actor of its own, with a document of its own, as loads write."""
    actor, document = f"group:writer-{writer}-{n}", f"doc-writer-{writer}-{n}"
    return GraphBatch(
        documents=(Document(id=document, title=f"Writer {writer} batch {n}"),),
        actors=(Actor(id=actor, name=f"Writer {writer} batch {n}", kind=ActorKind.group),),
        events=tuple(
            Event(
                id=f"event:writer-{writer}-{n}-{i}",
                type="statement",
                summary=f"Writer {writer} batch {n} event {i}",
                when=When(start=date(2020, 1, 1 + i), end=date(2020, 1, 1 + i), precision="day"),
                participants=(Participant(actor=actor, role=Role.agent),),
                sources=(Source(document=document, sentence=f"Event {i}."),),
            )
            for i in range(size)
        ),
    )


def _at_once(work: Callable[[int], None], threads: int) -> list[BaseException]:
    """Run `work(0)` ... `work(threads - 1)` in threads at once; what they raised."""
    failures: list[BaseException] = []

    def run(n: int) -> None:
        try:
            work(n)
        except BaseException as exc:  # returned to the test, which asserts on it
            failures.append(exc)

    started = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return failures


def test_each_write_answers_the_counts_its_own_commit_left(store: Neo4jStore) -> None:
    """Writers at once: a batch's statistics are the graph right after its commit,
    so every answer counts a different number of batches, and the last the whole graph
    (a count read after the commit could also hold the other writer's next batch)."""
    writers, batches, size = 3, 40, 2
    results: list[WriteResult] = []

    def write(writer: int) -> None:
        for n in range(batches):
            results.append(store.write_batch(_own_batch(writer, n, size)))

    assert _at_once(write, writers) == []
    counts = sorted(r.stats.events for r in results)
    assert counts == [size * k for k in range(1, writers * batches + 1)]
    assert sorted(r.stats.documents for r in results) == list(range(1, writers * batches + 1))
    (last,) = [r.stats for r in results if r.stats.events == counts[-1]]
    assert last == store.stats()


def test_each_delete_answers_the_counts_its_own_commit_left(store: Neo4jStore) -> None:
    """Deleters at once: a withdrawal's statistics are the graph right after its own
    commit, so every answer counts a different number of documents left, down to none
    (counts read after the commit could already miss the other deleter's next one)."""
    deleters, documents, size = 3, 20, 2
    for writer in range(deleters):
        for n in range(documents):
            store.write_batch(_own_batch(writer, n, size))
    answers: list[int] = []

    def delete(writer: int) -> None:
        for n in range(documents):
            answers.append(store.delete_document(f"doc-writer-{writer}-{n}").stats.documents)

    assert _at_once(delete, deleters) == []
    assert sorted(answers) == list(range(deleters * documents))
    assert store.stats().documents == 0
