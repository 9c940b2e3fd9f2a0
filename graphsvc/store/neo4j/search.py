"""Full-text search on Neo4j: the queries of cypher/search/, one read transaction, the
hits built as the embedded store builds them (`graphsvc.store.fulltext`)."""

from __future__ import annotations

from neo4j import ManagedTransaction

from graphsvc.model import Actor, Document
from graphsvc.store.base import SearchQuery
from graphsvc.store.fulltext import (
    SCAN_LIMIT,
    actor_hit,
    document_hit,
    event_hit,
    lucene_query,
)
from graphsvc.store.neo4j.statements import run
from graphsvc.store.neo4j.views import event_view
from graphsvc.views import SearchResults


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def search(tx: ManagedTransaction, query: SearchQuery) -> SearchResults:
    """Each kind the query wants, by its own index, filtered and cut in Cypher."""
    text, terms, limit = lucene_query(query.terms), query.terms, query.limit
    since, until = _iso(query.window.since), _iso(query.window.until)
    actors = []
    if query.wants("actor"):
        rows = run(tx, "search/actors", query=text, limit=limit)
        actors = [actor_hit(Actor(**row["actor"]), row["score"], terms) for row in rows]
    events = []
    if query.wants("event"):
        rows = run(
            tx,
            "search/events",
            query=text,
            scan=SCAN_LIMIT,
            types=[t.value for t in query.types],
            since=since,
            until=until,
            actor=query.actor,
            limit=limit,
        )
        events = [event_hit(event_view(row["event"]), row["score"], terms) for row in rows]
    documents = []
    if query.wants("document"):
        rows = run(
            tx,
            "search/documents",
            query=text,
            scan=SCAN_LIMIT,
            since=since,
            until=until,
            limit=limit,
        )
        documents = [document_hit(Document(**row["document"]), row["score"], terms) for row in rows]
    return SearchResults(
        q=" ".join(terms), terms=list(terms), actors=actors, events=events, documents=documents
    )
