"""The plan check reads Neo4j's own EXPLAIN: every read query the project ships passes
it (the operator allow-list is wide enough), and what reaches outside the graph does not."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import GraphDatabase

from graphsvc.cypher_guard.plan import check_plan
from graphsvc.errors import CypherRefused
from graphsvc.store.cypher import load_query, query_files
from tests.neo4j_fixture import Neo4jTarget


@pytest.fixture(scope="module")
def explain(neo4j_target: Neo4jTarget):
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    driver = GraphDatabase.driver(neo4j_target.uri, auth=auth, notifications_min_severity="OFF")

    def run(query: str) -> tuple[str | None, dict[str, Any] | None]:
        with driver.session(database=neo4j_target.database) as session:
            summary = session.run("EXPLAIN " + query).consume()
        return summary.query_type, summary.plan

    yield run
    driver.close()


def test_every_read_query_of_the_project_passes(explain) -> None:
    checked = []
    for name in query_files():
        if name == "schema" or name.startswith("schema_") or name.endswith("_schema"):
            continue  # schema statements, and start-up's wait for indexes (a procedure)
        if name.startswith("search/"):
            # The full-text index procedures: the service escapes each word of a Lucene
            # query string; POST /cypher does not offer them (a language of its own).
            continue
        query_type, plan = explain(load_query(name))
        if query_type != "r" or name.startswith("testing/"):
            continue  # writes and schema are the service's own, never POST /cypher
        check_plan(query_type, plan, "neo4j")
        checked.append(name)
    assert {"timeline/page", "paths/shortest", "stats/count", "explore/shortest_path"} <= set(
        checked
    )


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event) RETURN a.name, count(e) ORDER BY 2 DESC",
        "MATCH p = shortestPath((a:Actor)-[*..6]-(b:Actor)) WHERE a <> b RETURN p LIMIT 1",
        "MATCH (a:Actor) OPTIONAL MATCH (a)-[r]->(b) RETURN a, collect(b) LIMIT 5",
        "MATCH (e:Event) WHERE e.start >= date('2015-01-01') RETURN e ORDER BY e.start SKIP 1",
        "MATCH (a) WHERE EXISTS { MATCH (a)-->(:Event) } RETURN DISTINCT labels(a)",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (a:Actor) CALL (a) { MATCH (a)-->(e) RETURN count(e) AS n } RETURN a.id, n",
        "UNWIND [1, 2, 3] AS x RETURN x UNION RETURN 4 AS x",
        "MATCH (a:Actor {id: 'x'}) RETURN a",
        "MATCH (a)-[*1..3]->(b) RETURN count(*)",
        "MATCH (n) RETURN count(n)",
    ],
)
def test_analyst_reads_pass(explain, query: str) -> None:
    check_plan(*explain(query), "neo4j")


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LoadCSV"),
        ("SHOW SETTINGS", "ShowSettings"),
        ("SHOW TRANSACTIONS", "ShowTransactions"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TerminateTransactions"),
        ("SHOW USERS", "changes the schema or system"),
        ("CALL dbms.listConfig() YIELD name RETURN name", "changes the schema or system"),
        ("CALL db.info()", "db.info"),
        ("CREATE (n)", "writes"),
    ],
)
def test_reaching_outside_is_refused_naming_why(explain, query: str, named: str) -> None:
    with pytest.raises(CypherRefused, match=named):
        check_plan(*explain(query), "neo4j")


def test_an_operator_on_another_database_is_refused() -> None:
    plan = {"operatorType": "ProduceResults@system", "args": {}, "children": []}
    with pytest.raises(CypherRefused, match="database 'system'"):
        check_plan("r", plan, "neo4j")


def test_no_plan_is_refused() -> None:
    with pytest.raises(CypherRefused, match="no plan"):
        check_plan("r", None, "neo4j")
