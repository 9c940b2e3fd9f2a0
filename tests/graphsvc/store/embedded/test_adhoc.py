"""The embedded Cypher dialect: what Neo4j users write, as grand-cypher reads it."""

from __future__ import annotations

import pytest

from graphsvc.errors import InvalidCypher
from graphsvc.store.embedded.adhoc import dialect


def test_parameters_become_literals() -> None:
    text = dialect(
        "MATCH (a) WHERE a.name = $name AND a.n > $n AND a.id IN $ids RETURN a",
        {"name": 'Say "hi"', "n": 2, "ids": ["x", "y"]},
    )
    assert text == (
        'MATCH (a) WHERE a.name = "Say \\"hi\\"" AND a.n > 2 AND a.id IN ["x", "y"] RETURN a'
    )


def test_single_quotes_comments_and_aggregates() -> None:
    text = dialect("MATCH (a) // who\nWHERE a.name = 'O\\'Brien' RETURN count(a)", {})
    assert text == 'MATCH (a)  \nWHERE a.name = "O\'Brien" RETURN COUNT(a)'


@pytest.mark.parametrize(
    ("params", "message"),
    [({}, "not given"), ({"p": {"a": 1}}, "takes strings"), ({"p": [[1]]}, "takes strings")],
)
def test_bad_parameters_are_named(params: dict, message: str) -> None:
    with pytest.raises(InvalidCypher, match=message):
        dialect("MATCH (a) WHERE a.id = $p RETURN a", params)
