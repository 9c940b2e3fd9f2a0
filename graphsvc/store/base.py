"""The one seam between the service and a graph backend.

Both `EmbeddedStore` and (later) `Neo4jStore` implement `GraphStore` and pass the same
contract tests, so the API and CLI never know which one they talk to.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graphsvc.limits import MAX_HOPS, MAX_LIMIT
from graphsvc.model import (
    SHOWN_FACTUALITIES,
    Actor,
    ActorKind,
    DateBasis,
    EventType,
    Factuality,
    GraphBatch,
)
from graphsvc.views import (
    CypherResult,
    PathsResult,
    RelatedActorsPage,
    Stats,
    TimelinePage,
    WriteResult,
)

__all__ = ["MAX_HOPS", "MAX_LIMIT", "GraphStore", "TimelineQuery", "Window"]


class Window(BaseModel):
    """A closed date range with open ends; keeps what overlaps it."""

    model_config = ConfigDict(frozen=True)

    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """True when [start, end] meets the window; an open end on either side is unbounded."""
        if self.until is not None and start is not None and start > self.until:
            return False
        return not (self.since is not None and end is not None and end < self.since)


class TimelineQuery(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: str | None = None
    window: Window = Window()
    types: tuple[EventType, ...] = ()
    bases: tuple[DateBasis, ...] = Field(
        default=(),
        description="Keep dated events whose date has one of these bases; empty: all.",
    )
    factualities: tuple[Factuality, ...] = Field(
        default=SHOWN_FACTUALITIES,
        description="Keep events of these factualities; negated and possible ones only when asked.",
    )
    q: str | None = Field(default=None, description="Case-insensitive text in the summary.")
    undated: bool = Field(default=False, description="Append undated events after dated ones.")
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT)
    cursor: str | None = None


class GraphStore(Protocol):
    """Persist batches atomically and answer relationship and timeline queries."""

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        """Commit the whole batch or nothing; raise InvalidInput for unknown references."""
        ...

    def get_actor(self, actor_id: str) -> Actor: ...

    def search_actors(self, q: str, limit: int) -> list[Actor]: ...

    def timeline(self, query: TimelineQuery) -> TimelinePage: ...

    def related_actors(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage: ...

    def find_paths(self, source: str, target: str, max_hops: int, limit: int) -> PathsResult: ...

    def run_cypher(
        self, query: str, params: dict[str, Any], timeout: float, row_limit: int
    ) -> CypherResult:
        """A read-only query (already through the write guard) with a timeout, at most
        `row_limit` rows; raise InvalidCypher, CypherRefused or QueryTimeout."""
        ...

    def stats(self) -> Stats: ...

    def start(self) -> None:
        """Connect and prepare (schema); raise StoreUnavailable when the backend is away."""
        ...

    def check_ready(self) -> None:
        """Raise StoreUnavailable when the backend cannot answer."""
        ...

    def close(self) -> None: ...
