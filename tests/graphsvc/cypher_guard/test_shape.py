"""Length and nesting are bounded before any parser sees the query (finding 2 of
issue 12: a few hundred nested levels overflow Neo4j's parser, which then never answers)."""

from __future__ import annotations

import pytest

from graphsvc.cypher_guard.shape import check_shape, nesting_depth
from graphsvc.errors import InvalidCypher

#: Query shapes that make Neo4j 5.26's parser or planner recurse once per level.
NESTED = {
    "parentheses": lambda n: "MATCH (a) WHERE " + "(" * n + "1=1" + ")" * n + " RETURN a",
    "lists": lambda n: "RETURN " + "[" * n + "1" + "]" * n,
    "maps": lambda n: "RETURN " + "{a:" * n + "1" + "}" * n,
    "not": lambda n: "MATCH (a) WHERE " + "NOT " * n + "true RETURN a",
    "case": lambda n: "RETURN " + "CASE WHEN true THEN " * n + "1" + " END" * n,
    "properties": lambda n: "WITH {} AS m RETURN m" + ".a" * n,
    "unary_minus": lambda n: "RETURN 0 " + "- " * n + "1",
    "indexes": lambda n: "RETURN [1]" + "[0]" * n,
    "not_in_brackets": lambda n: "RETURN " + "NOT (" * n + "true" + ")" * n,
}


@pytest.mark.parametrize("shape", NESTED)
def test_depth_grows_with_each_kind_of_nesting(shape: str) -> None:
    assert nesting_depth(NESTED[shape](65)) >= 64
    assert nesting_depth(NESTED[shape](10)) <= 21


@pytest.mark.parametrize("shape", NESTED)
def test_too_deep_is_refused_naming_the_setting(shape: str) -> None:
    with pytest.raises(InvalidCypher, match="GRAPHSVC_CYPHER_MAX_DEPTH"):
        check_shape(NESTED[shape](400), max_chars=10_000, max_depth=64)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (e:Event) RETURN e.start, e.end, e.type ORDER BY e.start",
        "MATCH (a) WHERE NOT a.x AND NOT a.y AND NOT a.z RETURN " + ", ".join(["a.p"] * 100),
        "RETURN 1" + " - 1" * 200,
        "MATCH (a)-[:X]->(b)<-[:Y]-(c)-[*1..3]-(d) RETURN count(*)",
        "RETURN CASE WHEN true THEN 1 ELSE 2 END AS end, {end: 1}.end",
    ],
)
def test_ordinary_queries_are_shallow(query: str) -> None:
    assert nesting_depth(query) <= 4
    check_shape(query, max_chars=10_000, max_depth=64)


@pytest.mark.parametrize("query", ["", "   \n"])
def test_empty_is_invalid(query: str) -> None:
    with pytest.raises(InvalidCypher, match="empty"):
        check_shape(query, max_chars=10_000, max_depth=64)


def test_too_long_is_refused_naming_the_setting() -> None:
    with pytest.raises(InvalidCypher, match="GRAPHSVC_CYPHER_MAX_QUERY_CHARS"):
        check_shape("RETURN 1 " + " " * 10_000, max_chars=10_000, max_depth=64)


def test_strings_and_comments_count_too() -> None:
    """No lexer decides what is code: a bracket in a string counts, so none is missed."""
    assert nesting_depth("RETURN '" + "(" * 70 + "'") == 70
    assert nesting_depth("// " + "[" * 70 + "\rRETURN 1") == 70
