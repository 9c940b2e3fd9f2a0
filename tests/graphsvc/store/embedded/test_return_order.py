"""The embedded store's Cypher columns in RETURN's order and names (as Neo4j gives
them), read from the query's tokens; what the reader cannot match is left alone."""

from __future__ import annotations

from graphsvc.store.embedded.adhoc import dialect
from graphsvc.store.embedded.return_order import in_return_order


def _reorder(query: str, columns: list[str], row: list[object]) -> tuple[list[str], list[object]]:
    names, rows = in_return_order(query, dialect(query, {"n": "x"}), columns, [row])
    return names, rows[0]


def test_grouping_keys_go_back_after_the_aggregates_written_first() -> None:
    query = "MATCH (a)-->(e) RETURN count(e) AS events, a.kind AS kind LIMIT 5"
    assert _reorder(query, ["kind", "events"], ["person", 3]) == (
        ["events", "kind"],
        [3, "person"],
    )


def test_unaliased_columns_are_named_as_written() -> None:
    query = "MATCH (a)-->(e) RETURN DISTINCT count( e ), a.kind ORDER BY a.kind"
    assert _reorder(query, ["a.kind", "COUNT(e)"], ["person", 3]) == (
        ["count( e )", "a.kind"],
        [3, "person"],
    )


def test_a_property_named_like_a_clause_and_nested_commas_are_items() -> None:
    query = "MATCH (a) WITH a RETURN a.limit AS cap, [a.x, a.y] AS xy, `a b` AS `c d`"
    columns = ["xy", "c d", "cap"]
    assert _reorder(query, columns, [[1, 2], "q", 7]) == (["cap", "xy", "c d"], [7, [1, 2], "q"])


def test_what_cannot_be_matched_is_left_as_grand_cypher_gave_it() -> None:
    for query, columns in [
        ("MATCH (a) RETURN *", ["a"]),
        ("MATCH (a) RETURN a.name AS name", ["a.name", "other"]),
        ("MATCH (a) WHERE a.name = $n RETURN a.name AS x, a.id AS y", ["x", "z"]),
        ("MATCH (a) RETURN a.name AS x, a.id AS x", ["x", "x"]),
    ]:
        row = list(range(len(columns)))
        assert _reorder(query, columns, row) == (columns, row), query
