"""The write guard reads tokens, not text: writes are refused wherever they hide, and
the same words inside strings, comments, names and property keys are not."""

from __future__ import annotations

import pytest

from graphsvc.cypher_guard.guard import check_read_only
from graphsvc.cypher_guard.tokens import significant, tokenize
from graphsvc.errors import CypherRefused, InvalidCypher

REFUSED = [
    ("CREATE (n)", "CREATE"),
    ("create (n)", "CREATE"),
    ("MATCH (a) MERGE (a)-[:ALLY_OF]->(b)", "MERGE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) SET n.name = 'x'", "SET"),
    ("MATCH (n) SET n:Intruder", "SET"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MATCH (n) CALL { WITH n DELETE n } RETURN 1", "DELETE"),
    ("MATCH (n) CALL (n) { SET n.x = 1 } RETURN n", "SET"),
    ("MATCH (n) WITH collect(n) AS ns FOREACH (x IN ns | SET x.y = 1)", "FOREACH"),
    ("LOAD CSV FROM 'https://example.org/a.csv' AS row RETURN row", "LOAD"),
    ("DROP INDEX event_start", "DROP"),
    ("CREATE INDEX i FOR (n:Actor) ON (n.name)", "CREATE"),
    ("USE system SHOW USERS", "USE"),
    ("MATCH (n)\n/* a comment */\nDELETE n", "DELETE"),
    ("CALL dbms.security.createUser('a', 'b', false)", "CALL dbms.security.createUser"),
    ("CALL apoc.create.node(['X'], {})", "CALL apoc.create.node"),
    ("CALL `db`.`create`.setNodeVectorProperty(n, 'p', [1])", "CALL db.create"),
]

ALLOWED = [
    "MATCH (a:Actor) RETURN a.name LIMIT 5",
    'MATCH (a) WHERE a.name = "CREATE" RETURN a',
    "MATCH (a) WHERE a.name = 'DETACH DELETE a' RETURN a",
    "MATCH (a) // SET a.name = 1\nRETURN a",
    "MATCH (a) RETURN a.set, a.remove, a.`delete`",
    "MATCH (a) RETURN {create: 1, merge: a.id} AS m",
    "MATCH (a:`CREATE`)-[:DELETE]->(b:Set) RETURN a",
    "MATCH (a) WHERE a.id = $create RETURN a",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "MATCH (a) CALL { WITH a MATCH (a)--(b) RETURN count(b) AS n } RETURN a.id, n",
    "MATCH (set) RETURN set",
]


@pytest.mark.parametrize(("query", "named"), REFUSED)
def test_writes_are_refused_naming_the_clause(query: str, named: str) -> None:
    with pytest.raises(CypherRefused) as caught:
        check_read_only(query)
    assert caught.value.detail.startswith(named)


@pytest.mark.parametrize("query", ALLOWED)
def test_reads_pass(query: str) -> None:
    check_read_only(query)


@pytest.mark.parametrize("query", ["MATCH (a) WHERE a.name = 'open", "RETURN `open"])
def test_unreadable_queries_are_invalid(query: str) -> None:
    with pytest.raises(InvalidCypher):
        check_read_only(query)


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b"])
def test_a_line_comment_ends_at_every_line_break(breaker: str) -> None:
    """Finding 1 of issue 12: Neo4j ends `//` at a lone `\r`; the guard must not read on."""
    with pytest.raises(CypherRefused) as caught:
        check_read_only(f"//{breaker}LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")
    assert caught.value.detail.startswith("LOAD")


@pytest.mark.parametrize("query", ["SHOW SETTINGS", "show transactions", "SHOW CURRENT USER"])
def test_show_commands_are_refused(query: str) -> None:
    with pytest.raises(CypherRefused):
        check_read_only(query)


def test_tokens_rebuild_the_text_exactly() -> None:
    query = "MATCH (a:`Odd ``name`` `)-->(b) // note\nWHERE a.x <> 'it''s' RETURN $p, 1.5e3"
    tokens = tokenize(query)
    assert "".join(t.text for t in tokens) == query
    kinds = [t.kind for t in significant(tokens)]
    assert "quoted" in kinds and "param" in kinds and "comment" not in kinds
