"""The Neo4j store in several processes at once (uvicorn workers), and the one-statement
reads' consistency check."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest
from neo4j import GraphDatabase

from graphsvc.model import Event, GraphBatch, Participant, Source
from graphsvc.store.base import TimelineQuery
from graphsvc.store.cypher import load_query, statements
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j.consistency import StillChanging, answer_consistently
from tests.neo4j_fixture import Neo4jTarget, wipe

PROCESSES = 4


def _start_one(target: Neo4jTarget) -> str:
    """In a child process: open a store and apply the schema, as a worker does."""
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    try:
        store.start()
        return "ok"
    except Exception as exc:  # reported to the parent, which fails the test
        return f"{type(exc).__name__}: {exc}"
    finally:
        store.close()


def _run(target: Neo4jTarget, query: str) -> list[dict[str, Any]]:
    auth = (target.user, target.password) if target.password else None
    with GraphDatabase.driver(target.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(query, database_=target.database)
        return [r.data() for r in records]


def test_stores_starting_together_in_several_processes_all_start(
    neo4j_target: Neo4jTarget,
) -> None:
    wipe(neo4j_target)
    for statement in statements("testing/drop_schema"):
        _run(neo4j_target, statement)
    context = multiprocessing.get_context("spawn")  # as uvicorn starts its workers
    with context.Pool(PROCESSES) as pool:
        outcomes = pool.map(_start_one, [neo4j_target] * PROCESSES)
    assert outcomes == ["ok"] * PROCESSES
    names = {row["name"] for row in _run(neo4j_target, load_query("testing/schema"))}
    assert {"event_id", "actor_id", "document_id", "write_lock_id"} <= names


def _event(event_id: str, start: str | None) -> Event:
    return Event.model_validate(
        {
            "id": event_id,
            "type": "consult",
            "summary": "A consultation.",
            "when": None if start is None else {"start": start, "end": start, "precision": "day"},
            "confidence": 0.9,
            "participants": [Participant(actor="person:a", role="agent")],
            "sources": [Source(document="doc:1", sentence="They met.")],
        }
    )


def test_undated_events_are_counted_by_label_and_relabelled_on_start(
    neo4j_target: Neo4jTarget,
) -> None:
    wipe(neo4j_target)
    store = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    store.start()
    base = GraphBatch.model_validate(
        {
            "actors": [{"id": "person:a", "name": "A", "kind": "person"}],
            "documents": [{"id": "doc:1", "title": "One"}],
        }
    )
    store.write_batch(base)
    store.write_batch(GraphBatch(events=(_event("event:1", None), _event("event:2", None))))
    assert store.stats().undated_events == 2
    store.write_batch(GraphBatch(events=(_event("event:1", "2015-09-30"),)))
    assert store.stats().undated_events == 1
    page = store.timeline(TimelineQuery(actor="person:a", undated=True))
    assert [e.id for e in page.items] == ["event:1", "event:2"] and page.count == 2
    store.close()

    _run(neo4j_target, "MATCH (e:Undated) REMOVE e:Undated")  # as written before the label
    reopened = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    reopened.start()
    assert reopened.stats().undated_events == 1
    reopened.close()


def test_a_statement_that_saw_a_commit_is_run_again() -> None:
    rows = iter([{"before": 1, "after": 2, "n": "torn"}, {"before": 2, "after": 2, "n": "whole"}])
    assert answer_consistently(lambda: next(rows), attempts=5)["n"] == "whole"
    steady = iter({"before": i, "after": i + 1, "n": i} for i in range(5))
    with pytest.raises(StillChanging):  # no torn row kept: the caller reads under the lock
        answer_consistently(lambda: next(steady), attempts=5)
    calls: list[int] = []

    def still() -> dict[str, Any]:
        calls.append(1)
        return {"before": 7, "after": 7}

    answer_consistently(still, attempts=5)
    assert len(calls) == 1


@pytest.fixture(autouse=True)
def _schema_back(neo4j_target: Neo4jTarget):
    """Leave the schema in place for the tests after these."""
    yield
    store = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    store.start()
    store.close()
