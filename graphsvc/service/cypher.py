"""Read-only Cypher for analysts, behind its guards and limits.

A query passes the length and nesting caps, the parameter checks and the read-only
guard before it reaches the store; it then runs with the server's timeout, row limit
(a caller may ask for less) and answer-size bound in one of a fixed number of slots.
Each running query holds a child process (embedded) or a Neo4j connection and a
thread, so past the slots a caller is told to come back (429) rather than queued
behind queries that may run to their timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from graphsvc.cypher_guard.guard import check_read_only
from graphsvc.cypher_guard.params import check_request
from graphsvc.cypher_guard.shape import check_shape
from graphsvc.errors import QueryTimeout, TooManyRequests
from graphsvc.service.calls import run_in_thread
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import CypherResult

#: How long past its timeout a query's answer may still be sent: the grace a Neo4j call
#: gets for its answer to arrive (`CYPHER_GRACE_SECONDS` in graphsvc.store.neo4j).
ANSWER_GRACE_SECONDS = 0.5


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


def query_timeout(settings: Settings, asked: float | None) -> float:
    """The timeout a query gets: the server's setting, or less if the caller asks."""
    return min(asked or settings.cypher_timeout_seconds, settings.cypher_timeout_seconds)


@dataclass(frozen=True)
class AnswerDeadline:
    """When a query's answer must be ready to send: its timeout and the grace, from the
    moment the request came. An answer ready later is a 408, never a late 200, so the
    work after the query (encoding it) counts against the timeout too."""

    timeout: float
    ends: float

    @classmethod
    def starting_now(cls, settings: Settings, asked: float | None) -> AnswerDeadline:
        timeout = query_timeout(settings, asked)
        return cls(timeout, time.monotonic() + timeout + ANSWER_GRACE_SECONDS)

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise QueryTimeout(
                f"the answer was not ready within {self.timeout + ANSWER_GRACE_SECONDS:g} s "
                f"(the {self.timeout:g} s timeout, GRAPHSVC_CYPHER_TIMEOUT_SECONDS, and a grace "
                f"of {ANSWER_GRACE_SECONDS:g} s); narrow the MATCH, add a LIMIT, or return less"
            )


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
        """Guard the query, bound it by the server's timeout, row limit and answer size,
        then run it in a worker thread while it holds a slot."""
        settings = self.settings
        check_query(settings, query, params)
        timeout = query_timeout(settings, timeout)
        limit = min(limit or settings.cypher_row_limit, settings.cypher_row_limit)
        most_bytes = settings.cypher_max_answer_bytes
        with self.slots.take():
            return await run_in_thread(store.run_cypher, query, params, timeout, limit, most_bytes)
