"""POST /cypher on each store, over HTTP: reads answer, writes are refused before they
run and change nothing, a long query is stopped, a syntax error says what is wrong."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphsvc.api import create_app
from graphsvc.errors import CypherRefused, InvalidCypher
from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore

WRITES = {
    "create": "CREATE (n:Actor {id: 'person:intruder', name: 'Intruder'})",
    "merge": "MERGE (n:Actor {id: 'person:vladimir-putin'}) RETURN n",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "subquery": "MATCH (a:Actor) CALL (a) { SET a.name = 'changed' } RETURN a.name",
    "lowercase_in_subquery": "MATCH (a) CALL { with a\n  detach delete a } RETURN 1",
    "procedure": "CALL dbms.security.createUser('x', 'y', false)",
    "load_csv": "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
}
#: Past a 0.5 s timeout on each store: grand-cypher has no UNWIND, Neo4j is quick at joins.
SLOW = {
    "embedded": "MATCH (a) MATCH (b) MATCH (c) MATCH (d) MATCH (e) RETURN a.id, b.id, c.id, e.id",
    "neo4j": "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n",
}


@pytest.fixture
def client(loaded: GraphStore, tmp_path) -> TestClient:
    settings = Settings(data_dir=tmp_path, cypher_timeout_seconds=5.0, cypher_row_limit=1000)
    with TestClient(create_app(settings, store=loaded)) as client:
        yield client


def test_a_read_answers_with_columns_and_rows(
    client: TestClient, example_batch: GraphBatch
) -> None:
    response = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.name LIMIT 5"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["a.name"]
    assert len(body["rows"]) == 5 and body["truncated"] is False
    assert {row[0] for row in body["rows"]} <= {a.name for a in example_batch.actors}


def test_parameters_labels_and_relationships(client: TestClient) -> None:
    query = (
        "MATCH (a:Person)-[r:PARTICIPATED_IN]->(e:Event) WHERE a.id = $actor "
        "RETURN e.id, r.role ORDER BY e.id"
    )
    response = client.post(
        "/cypher", json={"query": query, "params": {"actor": "person:vladimir-putin"}}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [
        ["event:ft-reports-step-down-request", "participant"],
        ["event:putin-asks-assad-to-step-down", "agent"],
        ["event:putin-assad-kremlin-meeting", "participant"],
    ]


@pytest.mark.parametrize(
    ("query", "columns", "types"),
    [
        # An aggregate before its grouping key: grand-cypher put the key first.
        (
            "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) "
            "RETURN count(e) AS events, a.kind AS kind",
            ["events", "kind"],
            (int, str),
        ),
        (
            "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) RETURN count(e), a.kind",
            ["count(e)", "a.kind"],
            (int, str),
        ),
        (
            "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) "
            "RETURN collect(a.id) AS who, e.id AS event",
            ["who", "event"],
            (list, str),
        ),
        (
            "MATCH (a:Actor {id: $id}) RETURN a.kind AS kind, a.name AS name",
            ["kind", "name"],
            (str, str),
        ),
    ],
)
def test_columns_come_in_the_order_of_the_return_clause(
    client: TestClient, query: str, columns: list[str], types: tuple[type, ...]
) -> None:
    response = client.post(
        "/cypher", json={"query": query, "params": {"id": "person:vladimir-putin"}}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == columns
    assert body["rows"]
    for row in body["rows"]:
        assert [type(value) for value in row] == list(types), row


def test_a_node_comes_back_with_labels_and_properties(client: TestClient) -> None:
    query = "MATCH (a:Actor) WHERE a.id = 'person:igor-sergun' RETURN a"
    (row,) = client.post("/cypher", json={"query": query}).json()["rows"]
    assert row[0]["labels"] == ["Actor", "Person"]
    assert row[0]["properties"]["name"] == "Igor Sergun"


def test_the_row_limit_truncates(client: TestClient) -> None:
    body = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id", "limit": 3}).json()
    assert len(body["rows"]) == 3 and body["truncated"] is True and body["row_limit"] == 3


@pytest.mark.parametrize("name", WRITES)
def test_writes_get_400_and_change_nothing(client: TestClient, loaded: GraphStore, name: str):
    before = loaded.stats()
    response = client.post("/cypher", json={"query": WRITES[name]})
    assert response.status_code == 400, response.text
    assert response.json()["title"] == "Cypher refused: read-only"
    assert "read-only" in response.json()["detail"]
    assert loaded.stats() == before
    names = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.name"}).json()
    assert "changed" not in {row[0] for row in names["rows"]}


def test_a_write_past_the_guard_is_still_refused_by_the_store(loaded: GraphStore) -> None:
    """The guard runs first in the API; the store refuses on its own too (Neo4j: the read
    transaction; embedded: grand-cypher has no write clauses)."""
    before = loaded.stats()
    with pytest.raises((CypherRefused, InvalidCypher)):
        loaded.run_cypher("CREATE (n:Actor {id: 'person:x'}) RETURN n", {}, 5.0, 10)
    assert loaded.stats() == before


def test_a_query_past_the_timeout_gets_408(client: TestClient, backend: str) -> None:
    response = client.post("/cypher", json={"query": SLOW[backend], "timeout": 0.5})
    assert response.status_code == 408, response.text
    assert "0.5 s timeout" in response.json()["detail"]
    # The store still answers afterwards.
    follow = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id LIMIT 1"})
    assert follow.status_code == 200


def test_a_syntax_error_gets_400_with_the_parser_message(client: TestClient, backend: str):
    response = client.post("/cypher", json={"query": "MATCH (a:Actor RETURN a"})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    if backend == "neo4j":
        assert detail.startswith("Neo4j: Invalid input 'RETURN'")
        assert "Neo.ClientError.Statement.SyntaxError" in detail
    else:
        assert detail.startswith("embedded Cypher (grand-cypher): ")
        assert "line 1, column 16, near 'RETURN a'" in detail
