"""The embedded store's in-memory graph: a networkx MultiDiGraph plus indexes.

Nodes are keyed `(label, id)`. The networkx graph holds actors and their relations
only: an event's links to its actors are its own participants and the actor's sorted
event keys (`_by_actor`), so a million events cost no graph nodes or edges (about
1.4 KB an event in networkx) and paths walk those indexes (`paths`).
Indexes: actors by normalised name and alias (resolving "Putin" to one actor), events
by reporter, and every event's sort key (start, end, id) in order, so timelines need no
sort per request. Same-as candidates and the redirects of merged-away actor ids are
kept beside the graph, not in it: paths never run through a guess or an old id.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import islice

import networkx as nx
from pydantic import BaseModel
from sortedcontainers import SortedList

from graphsvc.errors import NotFound
from graphsvc.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    GraphBatch,
    Participant,
    Relation,
    Role,
    SameAsCandidate,
)
from graphsvc.names import normalise_name
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.claims import names_actor
from graphsvc.store.cursor import SortKey, decode_cursor, encode_cursor, sort_key
from graphsvc.store.embedded.compact import Compactor
from graphsvc.store.embedded.documents import actor_documents
from graphsvc.store.embedded.filters import event_filter, undated_filter
from graphsvc.store.embedded.kept import KeptAnswers
from graphsvc.store.embedded.paths import find_paths
from graphsvc.store.embedded.related import actor_ref
from graphsvc.store.embedded.related_page import related_page
from graphsvc.store.embedded.removals import Removals
from graphsvc.store.embedded.search import search_actors
from graphsvc.store.embedded.trusted import Builders
from graphsvc.store.same_as import candidate_views
from graphsvc.views import (
    ActorDetail,
    ActorDocumentsPage,
    ActorRef,
    EventDetail,
    EventView,
    ParticipantView,
    PathsResult,
    RelatedActorsPage,
    SourceDocument,
    Stats,
    TimelinePage,
)

#: Timeline counts kept between writes (one per distinct filter set).
COUNT_CACHE_SIZE = 256


def _event_key(event: Event) -> SortKey:
    when = event.when
    return sort_key(when.start if when else None, when.end if when else None, event.id)


class MemoryGraph:
    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        self.documents: dict[str, Document] = {}
        self.actors: dict[str, Actor] = {}
        self.events: dict[str, Event] = {}
        self.relations: dict[tuple[str, str, str, str], Relation] = {}
        self.same_as: dict[tuple[str, str], SameAsCandidate] = {}
        #: Merged-away actor id -> the actor it was merged into (never another old id).
        self.merged: dict[str, str] = {}
        self._names: dict[str, set[str]] = defaultdict(set)
        self._reported: dict[str, set[str]] = defaultdict(set)
        #: Events and relations by the document they cite, for the document routes
        #: (list counts, detail, delete): never a scan of every event.
        self._cited: dict[str, set[str]] = defaultdict(set)
        self._given: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
        self._candidates: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._event_order: SortedList = SortedList()
        #: Each actor's events' sort keys in order (the same tuples as `_event_order`),
        #: so an actor's timeline is a slice, not a sort per request.
        self._by_actor: dict[str, SortedList] = {}
        #: Timeline counts by filters (no cursor), valid until the next write.
        self._counts: dict[TimelineQuery, tuple[int, int]] = {}  # count, undated count
        #: Actor timelines and related actors, until a write touches the actor.
        self._answers = KeptAnswers()
        #: Views of an actor (as a reference, as a participant in a role): one object
        #: each, shared by every answer showing it, until the actor changes.
        self._refs: dict[str, ActorRef] = {}
        self._participant_views: dict[tuple[str, Role], ParticipantView] = {}
        #: Running totals for `stats`, which every write answers: never a scan of events.
        #: And dated and undated events by factuality, for unfiltered timeline counts.
        self._totals: Counter[str | tuple[bool, str]] = Counter()
        self._compact = Compactor()

    # -- writing ---------------------------------------------------------------

    def compact(self, record: BaseModel) -> None:
        """Share equal parts of a record about to be applied (see `Compactor`): call it
        as each record is read at start-up, so what it frees is reused at once."""
        self._compact.record(record)

    def builders(self) -> Builders:
        """Builders of stored records for a trusted start-up (`trusted`), compacting into
        this graph's parts as they build."""
        return Builders(self._compact)

    def apply(self, rows: GraphBatch) -> None:
        """Apply merged rows (see `merge_batch`): each replaces its stored version."""
        self._counts.clear()
        compact = self._compact
        for records in (rows.documents, rows.actors, rows.relations, rows.same_as):
            compact.records(records)
        for event in rows.events:
            compact.event(event)
        for document in rows.documents:
            # Not a graph node: paths never run through documents, and nothing else
            # walks event-to-document edges (`Event.sources` holds them).
            self.documents[document.id] = document
        for actor in rows.actors:
            self._put_actor(actor)
        for event in rows.events:
            self._put_event(event)
        for relation in rows.relations:
            self._put_relation(relation)
        for candidate in rows.same_as:
            self.same_as[candidate.key] = candidate
            for end in candidate.key:
                self._candidates[end].add(candidate.key)

    def load(self, rows: GraphBatch) -> None:
        """Fill an empty graph at start-up (the rows as read from SQLite, compacted as
        they were read): what `apply` would hold, with the event indexes built once
        from every key (one sort) instead of an ordered insert per event."""
        if self.events or self.actors or self.documents:
            raise ValueError("load fills an empty graph; apply changes a filled one")
        self.apply(rows.model_copy(update={"events": ()}))
        events = self.events
        keys: list[SortKey] = []
        by_actor: dict[str, list[SortKey]] = defaultdict(list)
        reported, cited = self._reported, self._cited
        # The running totals of `_count`, summed here and added once.
        by_kind: Counter[tuple[bool, str]] = Counter()
        participations = sources = 0
        for event in rows.events:
            event_id = event.id
            events[event_id] = event
            key = _event_key(event)
            keys.append(key)
            participants = event.participants
            participations += len(participants)
            for actor_id in {p.actor for p in participants}:
                by_actor[actor_id].append(key)
            by_kind[event.when is not None, event.factuality] += 1
            if event.reported_by is not None:
                reported[event.reported_by].add(event_id)
            for source in event.sources:
                sources += 1
                cited[source.document].add(event_id)
        totals = self._totals
        totals.update(by_kind)
        totals["undated_events"] += sum(n for (dated, _), n in by_kind.items() if not dated)
        totals["participations"] += participations
        totals["sources"] += sources
        self._event_order = SortedList(keys)
        self._by_actor = {actor_id: SortedList(own) for actor_id, own in by_actor.items()}

    def redirect(self, merged: Mapping[str, str]) -> None:
        """Record merged-away ids and the actors they now resolve to."""
        if merged:
            self._answers.clear()
        self.merged.update(merged)

    def remove(self, removals: Removals) -> None:
        """Drop what a write deletes; events and actors go with their edges."""
        self._counts.clear()
        for document_id in removals.documents:
            self.documents.pop(document_id, None)
        for event_id in removals.events:
            event = self.events.pop(event_id, None)
            if event is not None:
                self._forget_event(event)
        for key in removals.relations:
            relation = self.relations.pop(key, None)
            if relation is not None:
                if relation.document is not None:
                    self._given[relation.document].discard(key)
                self._answers.forget((relation.source, relation.target))
                self.graph.remove_edge(
                    ("Actor", relation.source), ("Actor", relation.target), "|".join(key)
                )
        for candidate_key in removals.same_as:
            self.same_as.pop(candidate_key, None)
            for end in candidate_key:
                self._candidates[end].discard(candidate_key)
        for actor_id in removals.actors:
            actor = self.actors.pop(actor_id, None)
            if actor is not None:
                self._forget_names(actor)
                self._forget_views(actor_id)
                self._answers.clear()
                self.graph.remove_node(("Actor", actor_id))

    def _forget_names(self, actor: Actor) -> None:
        for name in (actor.name, *actor.aliases):
            self._names[normalise_name(name)].discard(actor.id)

    def _forget_views(self, actor_id: str) -> None:
        self._refs.pop(actor_id, None)
        for role in Role:
            self._participant_views.pop((actor_id, role), None)

    def _forget_event(self, event: Event) -> None:
        key = _event_key(event)
        self._event_order.discard(key)
        actor_ids = {p.actor for p in event.participants}
        self._answers.forget(actor_ids)
        for actor_id in actor_ids:
            keys = self._by_actor.get(actor_id)
            if keys is not None:
                keys.discard(key)
        self._count(event, -1)
        if event.reported_by is not None:
            self._reported[event.reported_by].discard(event.id)
        for source in event.sources:
            self._cited[source.document].discard(event.id)

    def _put_actor(self, actor: Actor) -> None:
        old = self.actors.get(actor.id)
        if old is not None:
            self._forget_names(old)
            if (old.name, old.kind) != (actor.name, actor.kind):
                self._answers.clear()  # answers about others show its name and kind
        self._forget_views(actor.id)
        self._answers.forget((actor.id,))
        self.actors[actor.id] = actor
        self.graph.add_node(("Actor", actor.id))
        for name in (actor.name, *actor.aliases):
            self._names[normalise_name(name)].add(actor.id)

    def _put_event(self, event: Event) -> None:
        old = self.events.get(event.id)
        if old is not None:
            self._forget_event(old)
        self.events[event.id] = event
        key = _event_key(event)
        self._event_order.add(key)
        actor_ids = {p.actor for p in event.participants}
        self._answers.forget(actor_ids)
        self._count(event, 1)
        for actor_id in actor_ids:
            keys = self._by_actor.get(actor_id)
            if keys is None:
                keys = self._by_actor[actor_id] = SortedList()
            keys.add(key)
        if event.reported_by is not None:
            self._reported[event.reported_by].add(event.id)
        for source in event.sources:
            self._cited[source.document].add(event.id)

    def _count(self, event: Event, sign: int) -> None:
        totals = self._totals
        totals["undated_events"] += sign * (event.when is None)
        totals["participations"] += sign * len(event.participants)
        totals["sources"] += sign * len(event.sources)
        totals[(event.when is not None, event.factuality)] += sign

    def _put_relation(self, relation: Relation) -> None:
        key = "|".join(relation.key)
        u, v = ("Actor", relation.source), ("Actor", relation.target)
        if self.graph.has_edge(u, v, key):
            self.graph.remove_edge(u, v, key)
        self._answers.forget((relation.source, relation.target))
        self.relations[relation.key] = relation
        if relation.document is not None:
            self._given[relation.document].add(relation.key)
        self.graph.add_edge(u, v, key=key, relation=relation)

    # -- reading ---------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        """The actor of that id, or of the actor it was merged into."""
        actor = self.actors.get(self.merged.get(actor_id, actor_id))
        if actor is None:
            raise NotFound(f"no actor with id {actor_id!r}; search with GET /actors?q=")
        return actor

    def actor_detail(self, actor_id: str) -> ActorDetail:
        actor = self.actor(actor_id)
        touching = self.candidates_of(actor.id)
        refs = {i: self.actor_ref(i) for c in touching for i in c.key}
        views = candidate_views(actor.id, touching, refs)
        return ActorDetail(**actor.model_dump(), same_as_candidates=views)

    def actors_by_names(self, names: Iterable[str]) -> list[Actor]:
        """Actors one of whose normalised names is one of `names` (already normalised)."""
        ids = {i for name in names for i in self._names.get(name, ())}
        return [self.actors[i] for i in sorted(ids)]

    def candidates_of(self, *actor_ids: str) -> list[SameAsCandidate]:
        """Same-as candidates touching any of `actor_ids`, once each."""
        keys = {k for actor_id in actor_ids for k in self._candidates.get(actor_id, ())}
        return [self.same_as[k] for k in sorted(keys)]

    def writers_of(self, document_id: str) -> set[str]:
        """The extractors of the document's event sources: a scan of events, only when
        an article is posted again under a stored id (`graphsvc.store.provenance`)."""
        return {
            s.extractor
            for e in self.events.values()
            for s in e.sources
            if s.document == document_id
        }

    def events_claiming(self, actor_id: str) -> list[Event]:
        """Events one of whose documents' accounts (claims) names the actor: a scan of
        the events with claims, for actor merges only (rare, by hand)."""
        return [e for e in self.events.values() if e.claims and names_actor(e, actor_id)]

    def events_citing(self, document_id: str) -> list[Event]:
        """The events whose sources cite the document, in timeline order."""
        found = [self.events[i] for i in self._cited.get(document_id, ())]
        return sorted(found, key=_event_key)

    def cited_count(self, document_id: str) -> int:
        return len(self._cited.get(document_id, ()))

    def relations_given(self, document_id: str) -> list[Relation]:
        """The relations taken from the document, in key order."""
        return [self.relations[k] for k in sorted(self._given.get(document_id, ()))]

    def events_reported_by(self, actor_id: str) -> list[Event]:
        return [self.events[i] for i in sorted(self._reported.get(actor_id, ()))]

    def relations_of(self, actor_id: str) -> list[Relation]:
        """The actor's relations, either direction, from its edges (no scan of all)."""
        node = ("Actor", actor_id)
        edges = [
            *self.graph.out_edges(node, data="relation"),
            *self.graph.in_edges(node, data="relation"),
        ]
        return [relation for _, _, relation in edges if relation is not None]

    def actor_documents(self, actor_id: str, limit: int) -> ActorDocumentsPage:
        """Where the actor appears (`graphsvc.store.embedded.documents`)."""
        return actor_documents(self, actor_id, limit)

    def actor_ref(self, actor_id: str) -> ActorRef:
        ref = self._refs.get(actor_id)
        if ref is None:
            actor = self.actor(actor_id)
            ref = actor_ref(actor.id, actor.name, actor.kind)
            if actor.id == actor_id:
                self._refs[actor_id] = ref
        return ref

    def _participant_view(self, participant: Participant) -> ParticipantView:
        """Views of stated links are shared (one per actor and role); a resolved or
        inferred link, with its own mention, gets its own."""
        actor_id, role = participant.actor, participant.role
        if participant.basis != "stated" or participant.mention is not None:
            actor = self.actors[actor_id]
            return ParticipantView.model_construct(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                role=role,
                basis=participant.basis,
                mention=participant.mention,
            )
        view = self._participant_views.get((actor_id, role))
        if view is None:
            actor = self.actors[actor_id]
            view = self._participant_views[actor_id, role] = ParticipantView.model_construct(
                id=actor.id, name=actor.name, kind=actor.kind, role=role, basis="stated"
            )
        return view

    def resolve_name(self, name: str) -> set[str]:
        """Actor ids whose name or an alias is `name`, normalised."""
        return set(self._names.get(normalise_name(name), ()))

    def search_actors(self, q: str, limit: int) -> list[Actor]:
        """Exact name or alias first, then word prefix, then substring (`search`)."""
        return search_actors(self.actors, q, limit)

    def event_view(self, event: Event) -> EventView:
        """The view of a stored event: its values were validated on the way in, so
        `model_construct` (no second validation)."""
        when = event.when
        participants = [self._participant_view(p) for p in event.participants]
        return EventView.model_construct(
            id=event.id,
            type=event.type,
            summary=event.summary,
            start=when.start if when else None,
            end=when.end if when else None,
            precision=when.precision if when else None,
            approximate=when.approximate if when else False,
            open_start=when.open_start if when else False,
            date_text=when.text if when else None,
            date_basis=when.basis if when else None,
            confidence=event.confidence,
            factuality=event.factuality,
            reported_by=event.reported_by,
            participants=participants,
            sources=list(event.sources),
        )

    def event_detail(self, event_id: str) -> EventDetail:
        """One event's view with the documents its sources cite, in first-cited order."""
        event = self.events.get(event_id)
        if event is None:
            raise NotFound(f"no event with id {event_id!r}; find events with GET /timeline")
        cited = dict.fromkeys(s.document for s in event.sources)
        documents = [self.documents[i] for i in cited if i in self.documents]
        view = self.event_view(event)
        return EventDetail(
            **{name: getattr(view, name) for name in EventView.model_fields},
            documents=[SourceDocument.of(d) for d in documents],
            claims=list(event.claims),
        )

    def event_keys_of(self, actor_id: str) -> Iterable[SortKey]:
        """The sort keys of the actor's events, in timeline order."""
        keys: Iterable[SortKey] = self._by_actor.get(actor_id, ())
        return keys

    def events_of(self, actor_id: str) -> list[Event]:
        """The actor's events, in timeline order."""
        return [self.events[k[2]] for k in self._by_actor.get(actor_id, ())]

    def timeline(self, query: TimelineQuery) -> TimelinePage:
        if query.actor is not None:
            actor_id = self.actor(query.actor).id
            page = self._answers.get(actor_id, query)
            if page is None:
                page = self._actor_timeline(actor_id, query)
                self._answers.put(actor_id, query, page)
            return page
        keys = self._event_order
        keep = event_filter(self.events, query)
        # Start right after the cursor and stop one past the page, so paging through a
        # whole timeline (an export) costs one pass, not one pass a page.
        position = bisect_right(keys, decode_cursor(query.cursor)) if query.cursor else 0
        page = list(islice(filter(keep, keys.islice(position)), query.limit + 1))
        filters = query.model_copy(update={"cursor": None, "limit": 1})
        counts = self._unfiltered_counts(query) or self._counts.get(filters)
        if counts is None:
            undated = undated_filter(self.events, query)
            counts = self._counts[filters] = (
                sum(1 for k in keys if keep(k)),
                sum(1 for k in keys if undated(k)),
            )
            if len(self._counts) > COUNT_CACHE_SIZE:
                self._counts.pop(next(iter(self._counts)))
        return self._page(page, *counts, query.limit)

    def _unfiltered_counts(self, query: TimelineQuery) -> tuple[int, int] | None:
        """With no filter but factuality, the count and the undated count are in the
        running totals: no scan, even right after a write. None when other filters
        need one."""
        if query.types or query.bases or query.q or query.document or not query.window.is_open:
            return None
        totals = self._totals
        factualities = set(query.factualities)
        undated = sum(totals[(False, f)] for f in factualities)
        dated = sum(totals[(True, f)] for f in factualities)
        return dated + (undated if query.undated else 0), undated

    def _actor_timeline(self, actor_id: str, query: TimelineQuery) -> TimelinePage:
        """One actor's events are few (hundreds): filter them all in one pass, which
        gives the exact count and the page together."""
        keys = self._by_actor.get(actor_id, ())
        matched = list(filter(event_filter(self.events, query), keys))
        undated = sum(1 for k in keys if undated_filter(self.events, query)(k))
        position = bisect_right(matched, decode_cursor(query.cursor)) if query.cursor else 0
        page = matched[position : position + query.limit + 1]
        return self._page(page, len(matched), undated, query.limit)

    def _page(self, keys: list[SortKey], count: int, undated: int, limit: int) -> TimelinePage:
        """`keys`: up to one past the page, so whether a next page exists is known."""
        page = keys[:limit]
        return TimelinePage.model_construct(
            items=[self.event_view(self.events[k[2]]) for k in page],
            count=count,
            undated_count=undated,
            next_cursor=encode_cursor(page[-1]) if len(keys) > limit else None,
        )

    def related_actors(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage:
        """Straight from stored events (no event views): see `RelatedGroups`."""
        me = self.actor_ref(actor_id)
        key = ("related", window, kind, limit)
        page = self._answers.get(me.id, key)
        if page is None:
            page = related_page(self, me, window, kind, limit)
            self._answers.put(me.id, key, page)
        return page

    def find_paths(self, source: str, target: str, max_hops: int, limit: int) -> PathsResult:
        """Shortest paths over actors and events (`graphsvc.store.embedded.paths`)."""
        return find_paths(self, source, target, max_hops, limit)

    def stats(self) -> Stats:
        return Stats(
            documents=len(self.documents),
            actors=len(self.actors),
            events=len(self.events),
            undated_events=self._totals["undated_events"],
            relations=len(self.relations),
            participations=self._totals["participations"],
            sources=self._totals["sources"],
        )
