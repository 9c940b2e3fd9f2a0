"""Error messages in an MCP client's words: the store and service say what fixes an
error in the API's terms ("search with GET /actors?q="), which an agent cannot call; it
calls tools. Each route a message names becomes the tool that does the same, and a
query parameter an argument. A route no tool matches stays as it is (the API can do it).
"""

from __future__ import annotations

import re

#: Route (method, path without its query) -> the tool that does the same.
TOOLS = {
    ("GET", "/actors"): "search_actors",
    ("GET", "/timeline"): "timeline",
    ("GET", "/paths"): "paths",
    ("POST", "/cypher"): "cypher",
}
#: `GET /actors/{id}...` or `GET /events/{id}`: the tools that take such an id.
ID_ROUTES = (
    (re.compile(r"/actors/[^\s/?]+/relations"), "relations"),
    (re.compile(r"/events/[^\s/?]+"), "event"),
    (re.compile(r"/actors/[^\s/?]+"), "relations"),
)
ROUTE = re.compile(r"\b(GET|POST) (/[^\s;,)]*)")
#: The writes an agent makes with ingest_document (records have no tool).
WRITES = re.compile(r"write with POST /records or POST /documents")


def _tool(method: str, path: str) -> str | None:
    bare = path.split("?", 1)[0]
    if path.startswith("/documents?replace"):
        return None  # ingest_document has no replace: only the API can
    if method == "POST" and bare == "/documents":
        return "ingest_document"
    for pattern, tool in ID_ROUTES:
        if method == "GET" and pattern.fullmatch(bare):
            return tool
    return TOOLS.get((method, bare))


def for_tools(message: str) -> str:
    """`message` with the routes it names replaced by the tools that do the same:
    "search with GET /actors?q=" -> "search with the search_actors tool"."""
    message = WRITES.sub("write with the ingest_document tool", message)
    message = message.replace("query parameter ", "argument ")

    def swap(match: re.Match[str]) -> str:
        tool = _tool(match.group(1), match.group(2))
        return match.group(0) if tool is None else f"the {tool} tool"

    return ROUTE.sub(swap, message)
