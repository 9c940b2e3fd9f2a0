"""What the client returns: the API's own answer models (`graphsvc.views`), so a caller
gets the very types the server validates its answers against, plus the two small
answers that have no model there."""

from __future__ import annotations

from pydantic import BaseModel

from graphsvc.views import (
    ActorDetail,
    ActorDocumentsPage,
    ActorsPage,
    CypherResult,
    DocumentResult,
    EventDetail,
    EventView,
    PathsResult,
    RelatedActorsPage,
    Schema,
    Stats,
    TimelinePage,
    WriteResult,
)


class Health(BaseModel):
    """GET /health: the process answers."""

    status: str


class Ready(BaseModel):
    """GET /ready: the store answers, and which store it is (`embedded` or `neo4j`)."""

    status: str
    backend: str


__all__ = [
    "ActorDetail",
    "ActorDocumentsPage",
    "ActorsPage",
    "CypherResult",
    "DocumentResult",
    "EventDetail",
    "EventView",
    "Health",
    "PathsResult",
    "Ready",
    "RelatedActorsPage",
    "Schema",
    "Stats",
    "TimelinePage",
    "WriteResult",
]
