"""Documents as a user sees them: list what was loaded, open one with what was
extracted from it, delete one with the facts only it supports. Re-posting a document
(`ingest`) replaces its facts through the same withdraw a delete makes
(`graphsvc.store.documents`). Blocking: an event-loop adapter calls these from a
worker thread."""

from __future__ import annotations

from graphsvc.service.params import page_limit, window_from
from graphsvc.settings import Settings
from graphsvc.store.base import DocumentQuery, GraphStore
from graphsvc.views import DocumentDeleted, DocumentDetail, DocumentsPage


def list_documents(
    store: GraphStore,
    settings: Settings,
    *,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> DocumentsPage:
    """Stored documents, newest first by publication date (undated last), whose
    publication date falls in `since`..`until` (dates as the timeline reads them) and
    whose title contains `q`; one page after `cursor`."""
    query = DocumentQuery(
        window=window_from(since, until),
        q=q or None,
        limit=page_limit(settings, limit),
        cursor=cursor or None,
    )
    return store.list_documents(query)


def document_detail(store: GraphStore, document_id: str) -> DocumentDetail:
    """The document with its actors, events and relations; NotFound (404) if unknown."""
    return store.document_detail(document_id)


def delete_document(store: GraphStore, document_id: str) -> DocumentDeleted:
    """Delete the document and what only it supports, in one atomic write; events it
    shares keep their other sources. NotFound (404) if unknown."""
    return store.delete_document(document_id)
