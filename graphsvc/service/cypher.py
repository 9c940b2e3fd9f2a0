"""Read-only Cypher for analysts, behind its guards and limits.

A query passes the length and nesting caps, the parameter checks and the read-only
guard before it reaches the store; it then runs with the server's timeout and row limit
(a caller may ask for less) in one of a fixed number of slots. Each running query holds
a child process (embedded) or a Neo4j connection and a thread, so past the slots a
caller is told to come back (429) rather than queued behind queries that may run to
their timeout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from graphsvc.adhoc.guard import check_read_only
from graphsvc.adhoc.params import check_request
from graphsvc.adhoc.shape import check_shape
from graphsvc.errors import TooManyRequests
from graphsvc.service.calls import run_in_thread
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import CypherResult


class CypherSlots:
    """At most `size` queries at once: a counter on the event loop's thread, so taking
    and giving back never wait."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.free = size

    @contextmanager
    def take(self) -> Iterator[None]:
        if self.free <= 0:
            raise TooManyRequests(
                f"{self.size} POST /cypher queries are running, the most at once "
                "(setting GRAPHSVC_CYPHER_MAX_CONCURRENT); retry in a moment"
            )
        self.free -= 1
        try:
            yield
        finally:
            self.free += 1


def check_query(settings: Settings, query: str, params: dict[str, Any]) -> None:
    """The guards, cheapest first: length and nesting, parameters, read-only."""
    check_shape(query, settings.cypher_max_query_chars, settings.cypher_max_depth)
    check_request(query, params)
    check_read_only(query)


class GuardedCypher:
    """Read-only Cypher with one set of slots (one per server: the HTTP API and the MCP
    server each have theirs)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.slots = CypherSlots(settings.cypher_max_concurrent)

    async def run(
        self,
        store: GraphStore,
        query: str,
        params: dict[str, Any],
        timeout: float | None = None,
        limit: int | None = None,
    ) -> CypherResult:
        """Guard the query, bound it by the server's timeout and row limit, then run it
        in a worker thread while it holds a slot."""
        settings = self.settings
        check_query(settings, query, params)
        timeout = min(timeout or settings.cypher_timeout_seconds, settings.cypher_timeout_seconds)
        limit = min(limit or settings.cypher_row_limit, settings.cypher_row_limit)
        with self.slots.take():
            return await run_in_thread(store.run_cypher, query, params, timeout, limit)
