"""`Client.search` against the real server: typed results, filters under the route's
names, and a bad query raised as the error of its status."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.client import Client
from graphsvc.client.errors import ValidationFailed
from graphsvc.client.models import SearchResults
from graphsvc.model import EventType


def test_search_returns_ranked_typed_results(graph: Client) -> None:
    found = graph.search("Assad step down", limit=5)
    assert isinstance(found, SearchResults)
    assert found.events[0].id == "event:putin-asks-assad-to-step-down"
    assert found.actors[0].id == "person:bashar-al-assad"
    snippet = found.events[0].snippet
    assert snippet is not None
    assert [snippet.text[s:e].lower() for s, e in snippet.marks] == ["assad", "step", "down"]


def test_search_filters_go_under_the_routes_names(graph: Client) -> None:
    typed = graph.search("Assad", type=[EventType.reject], kind="event")
    assert typed.events and typed.actors == [] and typed.documents == []
    assert all(e.type == EventType.reject for e in typed.events)
    dated = graph.search("Assad Putin", since=date(2015, 10, 1), until=date(2015, 10, 31))
    assert dated.events and dated.actors == []
    assert all(e.start is not None and e.start <= date(2015, 10, 31) for e in dated.events)
    by_actor = graph.search("Syria", actor="person:igor-sergun", limit=3)
    assert by_actor.events
    assert all(any(p.id == "person:igor-sergun" for p in e.participants) for e in by_actor.events)


def test_a_query_without_words_raises_saying_so(graph: Client) -> None:
    with pytest.raises(ValidationFailed, match="letters or digits"):
        graph.search("*")
