"""Query strings as the API's parameters read them."""

from __future__ import annotations

from datetime import date

from graphsvc.client.params import query
from graphsvc.model import EventType


def test_dates_lists_enums_and_booleans() -> None:
    pairs = query(
        actor="person:x",
        since=date(2015, 9, 1),
        until="Q3 2015",
        type=[EventType.attack, "death"],
        basis="text,context",
        factuality=("negated",),
        undated=True,
        cursor=None,
    )
    assert pairs == [
        ("actor", "person:x"),
        ("since", "2015-09-01"),
        ("until", "Q3 2015"),
        ("type", "attack"),
        ("type", "death"),
        ("basis", "text,context"),  # a string is one value, not its characters
        ("factuality", "negated"),
        ("undated", "true"),
    ]
    assert query(type=EventType.death, limit=5) == [("type", "death"), ("limit", "5")]
