"""MCP tool errors tell an agent which tool fixes them, not which HTTP route: the
store's and service's own messages, as they are raised, read through `for_tools`."""

from __future__ import annotations

import pytest
from mcp.server.mcpserver.exceptions import ToolError

from graphsvc.errors import GraphsvcError
from graphsvc.mcp.hints import for_tools
from graphsvc.mcp.tools import api_errors
from graphsvc.service.keys import check_write_key
from graphsvc.settings import Settings
from graphsvc.store import open_store


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "no actor with id 'person:x'; search with GET /actors?q=",
            "no actor with id 'person:x'; search with the search_actors tool",
        ),
        (
            "no event with id 'event:x'; find events with GET /timeline",
            "no event with id 'event:x'; find events with the timeline tool",
        ),
        (
            "actor person:a was merged into person:b already; GET /actors/person:b shows it",
            "actor person:a was merged into person:b already; the relations tool shows it",
        ),
        (
            "DELETE at offset 0: POST /cypher runs read-only queries "
            "(write with POST /records or POST /documents)",
            "DELETE at offset 0: the cypher tool runs read-only queries "
            "(write with the ingest_document tool)",
        ),
        ("query parameter since: not a date", "argument since: not a date"),
        # No tool replaces a document: only the API does, so the route stays.
        ("ask to replace it (POST /documents?replace=true)", None),
    ],
)
def test_routes_become_the_tools_that_do_the_same(message: str, expected: str | None) -> None:
    assert for_tools(message) == (expected or message)


def _tool_error(call) -> str:
    with pytest.raises(ToolError) as raised, api_errors():
        call()
    return str(raised.value)


def test_the_stores_own_errors_name_tools(tmp_path) -> None:
    store = open_store(Settings(data_dir=tmp_path))
    store.start()
    try:
        actor = _tool_error(lambda: store.get_actor("person:nobody"))
        event = _tool_error(lambda: store.get_event("event:nothing"))
    finally:
        store.close()
    for words in (actor, event):
        assert "GET /" not in words and "POST /" not in words, words
    assert actor == (
        "Not found (404): no actor with id 'person:nobody'; search with the search_actors tool"
    )
    assert "find events with the timeline tool" in event


def test_a_write_refused_for_want_of_a_key_names_the_cypher_tool() -> None:
    settings = Settings(read_key="read-only-key-0123")
    with pytest.raises(GraphsvcError) as raised:
        check_write_key(settings, "read-only-key-0123")
    assert "POST /cypher" in raised.value.detail  # the API's words...
    assert "the cypher tool" in for_tools(raised.value.detail)  # ...and an agent's
