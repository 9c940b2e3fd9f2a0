"""The graph of a first load, merged in memory before Neo4j's importer writes it.

`neo4j-admin database import full` only creates a database: it cannot merge a record
with one already stored. So every batch is merged here first, by the same rules as the
transactional writer (`graphsvc.store.merge`, `check_replaces`, `check_references`,
`withdraw`), and the result is what `graphsvc.store.neo4j.bulk_import` writes out. A
first load has no merged actors (merges come from the API), so no ids redirect.

Plain dicts and one index (document -> events citing it) keep 10^6 events affordable;
the embedded store's graph would also build its reading indexes, unused here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graphsvc.model import Actor, Document, Event, GraphBatch, Relation, SameAsCandidate
from graphsvc.store.merge import merge_batch, withdraw
from graphsvc.store.provenance import check_replaces
from graphsvc.store.references import check_references


class FirstLoadGraph:
    """Documents, actors, events, relations and candidates as a first load leaves them."""

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.actors: dict[str, Actor] = {}
        self.events: dict[str, Event] = {}
        self.relations: dict[tuple[str, str, str, str], Relation] = {}
        self.same_as: dict[tuple[str, str], SameAsCandidate] = {}
        self._citing: defaultdict[str, set[str]] = defaultdict(set)  # document -> events

    def _writers(self, document_id: str) -> set[str]:
        return {
            s.extractor
            for event_id in self._citing.get(document_id, ())
            for s in self.events[event_id].sources
            if s.document == document_id
        }

    def add(self, batch: GraphBatch) -> None:
        """Merge one batch, whole or not at all: every check runs before anything
        changes, as one write transaction of the Neo4j store would."""
        check_replaces(batch, self.documents.get, self._writers)
        check_references(
            batch,
            known_actors=lambda ids: {i for i in ids if i in self.actors},
            known_documents=lambda ids: {i for i in ids if i in self.documents},
        )
        replaced = set(batch.replaces)
        touched = {e for d in replaced for e in self._citing.get(d, ())}
        gone_relations = [r for r in self.relations.values() if r.document in replaced]
        changed, gone = withdraw(
            replaced, (self.events[i] for i in sorted(touched)), gone_relations
        )

        def event(event_id: str) -> Event | None:
            return changed[event_id] if event_id in changed else self.events.get(event_id)

        rows = merge_batch(batch, self.documents.get, self.actors.get, event)
        for key in gone:
            del self.relations[key]
        for event_id, kept in changed.items():
            if kept is None:
                self._put_event(event_id, None)
            else:
                self._put_event(event_id, kept)
        self._apply(rows)

    def _apply(self, rows: GraphBatch) -> None:
        for document in rows.documents:
            self.documents[document.id] = document
        for actor in rows.actors:
            self.actors[actor.id] = actor
        for new in rows.events:
            self._put_event(new.id, new)
        for relation in rows.relations:
            self.relations[relation.key] = relation
        for candidate in rows.same_as:
            self.same_as[candidate.key] = candidate

    def _put_event(self, event_id: str, event: Event | None) -> None:
        old = self.events.pop(event_id, None)
        if old is not None:
            for source in old.sources:
                self._citing[source.document].discard(event_id)
        if event is not None:
            self.events[event_id] = event
            for source in event.sources:
                self._citing[source.document].add(event_id)

    def add_all(self, batches: Iterable[GraphBatch]) -> None:
        for batch in batches:
            self.add(batch)
