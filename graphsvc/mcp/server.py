"""`graphsvc mcp`: an MCP server over the store the API uses, on stdio or streamable HTTP.

The store is built from Settings as `graphsvc serve` builds it (GRAPHSVC_BACKEND picks
embedded or Neo4j) and opened once for the life of the process.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mcp.server.mcpserver import MCPServer

from graphsvc.http.ports import browser_url
from graphsvc.http.server import run
from graphsvc.mcp import resources, tools
from graphsvc.mcp.sessions import pooled_app, sdk_app
from graphsvc.service.keys import log_access_model
from graphsvc.service.stores import open_for_serving
from graphsvc.settings import Settings
from graphsvc.store import GraphStore

log = logging.getLogger("graphsvc.mcp")

#: Where the streamable HTTP transport answers.
HTTP_PATH = "/mcp"

INSTRUCTIONS = """\
graphsvc is a knowledge graph of actors (people, organisations, places, groups) and dated
events extracted from news, each fact with the sentence and document it comes from.
Find actor ids with search_actors, then ask timeline, relations, paths or event. Every
date carries its precision (day, week, month, quarter, ...) and basis: "stated" (the text
says it) or "inferred" (from the publication date or context); cite the source sentence
and document when you state a fact. Undated events are listed only with undated=true.
The cypher tool runs read-only Cypher; graphsvc://explore/* resources hold examples and
graphsvc://schema the vocabularies."""


def build_server(settings: Settings, store: GraphStore, *, over_http: bool) -> MCPServer:
    server: MCPServer = MCPServer(
        "graphsvc",
        title="graphsvc event timeline knowledge graph",
        instructions=INSTRUCTIONS,
        version="0.1.0",
        log_level=settings.log_level.upper(),  # type: ignore[arg-type]
    )
    tools.register(server, store, settings, over_http=over_http)
    resources.register(server)
    return server


@contextmanager
def opened_store(settings: Settings) -> Iterator[GraphStore]:
    """The configured store, started; one that is away at start-up is served anyway
    (its tools answer 503 until it is back), as `graphsvc serve` does."""
    store = open_for_serving(settings, log)
    try:
        yield store
    finally:
        store.close()


def http_app(server: MCPServer, settings: Settings, host: str) -> Any:
    """The SDK's streamable HTTP app at /mcp, one per key with its own bounded sessions
    (`graphsvc.mcp.sessions`), behind the key check."""
    return pooled_app(settings, lambda: sdk_app(server, settings, host, HTTP_PATH))


def run_stdio(settings: Settings) -> None:
    """Serve on stdin/stdout until the parent closes them; logs go to stderr."""
    with opened_store(settings) as store:
        build_server(settings, store, over_http=False).run("stdio")


def run_http(settings: Settings, host: str, port: int) -> None:
    """Serve streamable HTTP on host:port with `graphsvc serve`'s connection limits."""
    with opened_store(settings) as store:
        server = build_server(settings, store, over_http=True)
        url = f"{browser_url(host, port)}{HTTP_PATH}"
        print(f"graphsvc mcp: serving {url}; Ctrl-C stops it", file=sys.stderr, flush=True)
        log_access_model(log, settings, mcp=True)
        run(http_app(server, settings, host), settings, host, port)
