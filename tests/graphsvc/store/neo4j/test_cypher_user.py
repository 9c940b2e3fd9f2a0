"""POST /cypher may run as a Neo4j user of its own (GRAPHSVC_NEO4J_CYPHER_USER): on
Enterprise one with a read-only role. Community has users but no roles, so this checks
that the second user is the one POST /cypher connects as, and the only one."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graphsvc.errors import StoreUnavailable
from graphsvc.model import GraphBatch
from graphsvc.store.base import TimelineQuery
from graphsvc.store.neo4j import Neo4jStore
from tests.neo4j_fixture import Neo4jTarget, wipe

READER = "graphsvc_reader"
READER_PASSWORD = "reader-password-1"


@pytest.fixture
def reader(neo4j_target: Neo4jTarget):
    if not neo4j_target.password:
        pytest.skip("the test Neo4j runs without authentication")
    auth = (neo4j_target.user, neo4j_target.password)
    with GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver:
        driver.execute_query(
            "CREATE OR REPLACE USER $user SET PASSWORD $password CHANGE NOT REQUIRED",
            user=READER,
            password=READER_PASSWORD,
            database_="system",
        )
        yield READER
        driver.execute_query("DROP USER $user IF EXISTS", user=READER, database_="system")


def _store(target: Neo4jTarget, cypher_password: str) -> Neo4jStore:
    return Neo4jStore(
        target.uri,
        target.user,
        target.password,
        target.database,
        cypher_user=READER,
        cypher_password=cypher_password,
    )


def test_cypher_runs_as_its_own_user(
    reader: str, neo4j_target: Neo4jTarget, example_batch: GraphBatch, tmp_path: Path
) -> None:
    wipe(neo4j_target)
    store = _store(neo4j_target, READER_PASSWORD)
    try:
        store.write_batch(example_batch)
        result = store.run_cypher("MATCH (a:Actor) RETURN count(a)", {}, 5.0, 10)
        assert result.rows == [[len(example_batch.actors)]]
    finally:
        store.close()


def test_a_wrong_cypher_password_breaks_cypher_only(
    reader: str, neo4j_target: Neo4jTarget, example_batch: GraphBatch
) -> None:
    wipe(neo4j_target)
    store = _store(neo4j_target, "not-the-password")
    try:
        store.write_batch(example_batch)
        assert store.timeline(TimelineQuery(limit=5)).count > 0
        with pytest.raises(StoreUnavailable, match="refused the credentials"):
            store.run_cypher("MATCH (a:Actor) RETURN count(a)", {}, 5.0, 10)
    finally:
        store.close()
