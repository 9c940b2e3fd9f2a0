"""The Neo4j store's full-text indexes: a graph written before they existed (no such
indexes) gets them, filled from what is stored, when a store next starts."""

from __future__ import annotations

from neo4j import GraphDatabase

from graphsvc.model import GraphBatch
from graphsvc.service.search import search
from graphsvc.settings import Settings
from graphsvc.store.cypher import load_query
from graphsvc.store.neo4j import Neo4jStore
from tests.neo4j_fixture import Neo4jTarget, wipe

FULLTEXT = ("event_summary", "source_sentence", "actor_names", "document_title")


def _open(target: Neo4jTarget) -> Neo4jStore:
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    store.start()
    return store


def _run(target: Neo4jTarget, statement: str) -> list[dict]:
    auth = (target.user, target.password) if target.password else None
    with GraphDatabase.driver(target.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(statement, database_=target.database)
        return [r.data() for r in records]


def test_a_graph_written_before_search_is_indexed_at_start(
    neo4j_target: Neo4jTarget, example_batch: GraphBatch
) -> None:
    wipe(neo4j_target)
    store = _open(neo4j_target)
    store.write_batch(example_batch)
    store.close()
    for name in FULLTEXT:  # as a graph of an earlier version: data, no full-text index
        _run(neo4j_target, f"DROP INDEX {name} IF EXISTS")
    names = {row["name"] for row in _run(neo4j_target, load_query("testing/schema"))}
    assert not names & set(FULLTEXT)

    reopened = _open(neo4j_target)
    try:
        names = {row["name"] for row in _run(neo4j_target, load_query("testing/schema"))}
        assert set(FULLTEXT) <= names
        results = search(reopened, Settings(), "Assad step down")
        assert results.events[0].id == "event:putin-asks-assad-to-step-down"
        assert results.actors[0].id == "person:bashar-al-assad"
        assert results.documents
    finally:
        reopened.close()
