"""At most N POST /cypher queries at once, per app: each holds a child process (embedded)
or a Neo4j connection and a thread, so past N a client is told to come back (429)
rather than queued behind queries that may run to their timeout."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graphsvc.errors import TooManyRequests


class CypherSlots:
    """A counter on the event loop's thread: taking and giving back never wait."""

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
