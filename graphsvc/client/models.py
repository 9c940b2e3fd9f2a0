"""What the client returns: the API's own answer models (`graphsvc.views`), so a caller
gets the very types the server validates its answers against."""

from __future__ import annotations

from graphsvc.views import (
    ActorDetail,
    ActorDocumentsPage,
    ActorsPage,
    CypherResult,
    DocumentDeleted,
    DocumentDetail,
    DocumentResult,
    DocumentsPage,
    DocumentSummary,
    EventDetail,
    EventView,
    Health,
    PathsResult,
    Ready,
    RelatedActorsPage,
    Schema,
    SearchResults,
    Stats,
    TimelinePage,
    WriteResult,
)

__all__ = [
    "ActorDetail",
    "ActorDocumentsPage",
    "ActorsPage",
    "CypherResult",
    "DocumentDeleted",
    "DocumentDetail",
    "DocumentResult",
    "DocumentSummary",
    "DocumentsPage",
    "EventDetail",
    "EventView",
    "Health",
    "PathsResult",
    "Ready",
    "RelatedActorsPage",
    "Schema",
    "SearchResults",
    "Stats",
    "TimelinePage",
    "WriteResult",
]
