"""Neo4jStore: the production backend, over the official driver.

Every query is a `cypher/` file, always parameterised. A batch is written in one
`execute_write` transaction that first takes the database's one write lock
(`writes/lock`) and then reads what it replaces (`writes`); readers take no lock but
check the write counter around their work (`consistency`), and the hot answers are kept
by that counter (`kept`). The plumbing (drivers, deadlines, error translation) is
`Neo4jConnection`; docs/consistency.md tells the whole protocol.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import neo4j
from neo4j import ManagedTransaction

from graphsvc.errors import NotFound, QueryTimeout, StoreUnavailable
from graphsvc.model import Actor, ActorKind, Document, GraphBatch
from graphsvc.names import normalise_name
from graphsvc.store.base import (
    DocumentQuery,
    SearchQuery,
    TimelineQuery,
    Window,
    bounded_ids,
    normalised_names,
)
from graphsvc.store.cursor import decode_cursor, encode_cursor, sort_key
from graphsvc.store.documents import (
    build_detail,
    decode_document_cursor,
    encode_document_cursor,
)
from graphsvc.store.neo4j import search as fulltext
from graphsvc.store.neo4j import writes
from graphsvc.store.neo4j.adhoc import run_read_only
from graphsvc.store.neo4j.connection import (
    CONNECT_SECONDS,
    CYPHER_GRACE_SECONDS,
    READ_GRACE_SECONDS,
    Neo4jConnection,
)
from graphsvc.store.neo4j.deadline import Watchdog, call_with_deadline
from graphsvc.store.neo4j.records import read_candidates, relation_model
from graphsvc.store.neo4j.statements import run
from graphsvc.store.neo4j.views import event_view, not_found, related_page
from graphsvc.store.paths import PATH_CAP, canonical_paths
from graphsvc.store.rows import claims_model
from graphsvc.store.same_as import candidate_views
from graphsvc.views import (
    ActorDetail,
    ActorDocument,
    ActorDocumentsPage,
    ActorRef,
    CypherResult,
    DocumentDeleted,
    DocumentDetail,
    DocumentsPage,
    DocumentSummary,
    EventDetail,
    EventView,
    PathEdge,
    PathNode,
    PathsResult,
    RelatedActorsPage,
    SearchResults,
    SourceDocument,
    Stats,
    TimelinePage,
    WriteResult,
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


A = TypeVar("A")


@dataclass(frozen=True)
class _Read(Generic[A]):
    """One hot read: its statement, parameters, how its row becomes the answer, and the
    actor the answer is about (None: not kept, the statement answers every time)."""

    name: str
    params: dict[str, Any]
    build: Callable[[dict[str, Any]], A]
    actor: str | None


class Neo4jStore(Neo4jConnection):
    """`GraphStore` on Neo4j (see `Neo4jConnection` for the constructor)."""

    #: Hot answers (an actor's timeline pages and related actors) are kept by the write
    #: counter and handed out again, the same object, while it stands (`kept`).
    keeps_answers: ClassVar[bool] = True

    def answers_from_memory(self) -> bool:
        """Never: every answer asks Neo4j, if only for the write counter (the API awaits
        the hot reads' twins, `awaitable`, and calls the others from its thread pool)."""
        return False

    def start(self) -> None:
        """Apply the schema now; raise StoreUnavailable (naming the URI) if Neo4j is away."""

        def call(watchdog: Watchdog) -> None:
            with self._translate():
                self._ensure_schema(watchdog)

        seconds = self._query_timeout + READ_GRACE_SECONDS
        call_with_deadline(call, seconds, lambda: self._silent(seconds))

    # -- writing -------------------------------------------------------------------

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        # The counts come from the write transaction itself (`writes.write_batch`).
        counts = self._write(lambda tx, counter: writes.write_batch(tx, counter, batch))
        return WriteResult(written=batch.counts(), stats=Stats(**counts))

    def merge_actors(self, actor_id: str, into: str) -> Actor:
        """Merge in one write transaction (see `graphsvc.store.actor_merge`)."""
        return self._write(lambda tx, counter: writes.merge_actors(tx, counter, actor_id, into))

    def delete_document(self, document_id: str) -> DocumentDeleted:
        """Delete in one write transaction (`writes.delete_document`)."""
        plan, actors, counts = self._write(
            lambda tx, counter: writes.delete_document(tx, counter, document_id)
        )
        return DocumentDeleted(
            document=document_id,
            removed_events=list(plan.dropped),
            kept_events=[e.id for e in plan.kept],
            removed_relations=len(plan.relations),
            removed_actors=actors,
            stats=Stats(**counts),
        )

    # -- reading -------------------------------------------------------------------

    def list_documents(self, query: DocumentQuery) -> DocumentsPage:
        after = None
        if query.cursor:
            published, document_id = decode_document_cursor(query.cursor)
            after = {"published": _iso(published), "id": document_id}
        params = {
            "since": _iso(query.window.since),
            "until": _iso(query.window.until),
            "q": query.q.lower() if query.q else None,
            "after": after,
            "limit": query.limit + 1,
        }
        (row,) = self._read(lambda tx: run(tx, "documents/list", **params))
        found = row["items"]
        items = [DocumentSummary(**item) for item in found[: query.limit]]
        last = items[-1] if items else None
        cursor = (
            encode_document_cursor(last.published, last.id)
            if last is not None and len(found) > query.limit
            else None
        )
        return DocumentsPage(items=items, count=row["total"], next_cursor=cursor)

    def document_detail(self, document_id: str) -> DocumentDetail:
        def work(tx: ManagedTransaction) -> DocumentDetail:
            rows = run(tx, "documents/detail", id=document_id)
            if not rows:
                raise NotFound(writes.NO_DOCUMENT.format(document_id))
            (row,) = rows
            relation_rows = run(tx, "documents/relations", id=document_id)
            refs = {r["id"]: ActorRef(**r) for r in row["reporters"]}
            for r in relation_rows:
                for end in (r["source_actor"], r["target_actor"]):
                    refs[end["id"]] = ActorRef(**end)
            events = [event_view(e) for e in row["events"]]
            document = Document(**row["document"])
            summary = DocumentSummary.of(document, len(events))
            relations = [relation_model(r) for r in relation_rows]
            return build_detail(summary, events, relations, refs)

        return self._read(work)

    @staticmethod
    def _actor(tx: ManagedTransaction, actor_id: str) -> Actor:
        rows = run(tx, "actors/get", id=actor_id)
        if not rows:
            raise NotFound(f"no actor with id {actor_id!r}; search with GET /actors?q=")
        return Actor(**rows[0]["actor"])

    def get_actor(self, actor_id: str) -> Actor:
        return self._read(lambda tx: self._actor(tx, actor_id))

    def actor_detail(self, actor_id: str) -> ActorDetail:
        def work(tx: ManagedTransaction) -> ActorDetail:
            actor = self._actor(tx, actor_id)
            candidates, refs = read_candidates(run(tx, "same_as/of_actors", ids=[actor.id]))
            views = candidate_views(actor.id, candidates, refs)
            return ActorDetail(**actor.model_dump(), same_as_candidates=views)

        return self._read(work)

    def actors_by_names(self, names: Iterable[str]) -> list[Actor]:
        wanted = normalised_names(names)
        if not wanted:
            return []
        rows = self._read(lambda tx: run(tx, "actors/by_names", names=wanted))
        return [Actor(**row["actor"]) for row in rows]

    def get_documents(self, ids: Iterable[str]) -> list[Document]:
        wanted = bounded_ids(ids)
        if not wanted:
            return []
        rows = self._read(lambda tx: run(tx, "documents/get_many", ids=wanted))
        found = {row["document"]["id"]: Document(**row["document"]) for row in rows}
        return [found[i] for i in wanted if i in found]

    def actor_documents(self, actor_id: str, limit: int) -> ActorDocumentsPage:
        def work(tx: ManagedTransaction) -> ActorDocumentsPage:
            me = self._actor(tx, actor_id)
            (row,) = run(tx, "actors/documents", actor_id=me.id, limit=limit)
            return ActorDocumentsPage(
                actor=ActorRef(id=me.id, name=me.name, kind=me.kind),
                items=[ActorDocument(**item) for item in row["items"]],
                count=row["total"],
            )

        return self._read(work)

    def search_actors(self, q: str, limit: int) -> list[Actor]:
        needle = normalise_name(q)
        if q.strip() and not needle:
            return []
        rows = self._read(lambda tx: run(tx, "actors/search", needle=needle, limit=limit))
        return [Actor(**row["actor"]) for row in rows]

    def awaitable(self, call: Callable[..., Any]) -> Callable[..., Awaitable[Any]] | None:
        """The awaitable twin of `call` when it has one (`graphsvc.service.calls.ask`): a
        kept answer then waits for the shared reading on the caller's event loop, with
        no thread of its own, and a statement on a runner thread that wakes the loop."""
        if getattr(call, "__self__", None) is not self:
            return None
        twins: dict[object, Callable[..., Awaitable[Any]]] = {
            Neo4jStore.timeline: self.timeline_async,
            Neo4jStore.related_actors: self.related_actors_async,
        }
        return twins.get(getattr(call, "__func__", None))

    def timeline(self, query: TimelineQuery) -> TimelinePage:
        """One statement an answer (timeline/answer*), the write counter read inside it."""
        read = self._timeline_read(query)
        if read.actor is None:
            return read.build(self._answer(read.name, read.params))
        return self._kept_answer(read.name, read.params, read.build, read.actor)

    async def timeline_async(self, query: TimelineQuery) -> TimelinePage:
        """`timeline` awaited on an event loop (`awaitable`)."""
        read = self._timeline_read(query)
        if read.actor is None:
            return read.build(await self._answer_async(read.name, read.params))
        return await self._kept_answer_async(read.name, read.params, read.build, read.actor)

    def _timeline_read(self, query: TimelineQuery) -> _Read[TimelinePage]:
        after = None
        if query.cursor:
            start, end, event_id = decode_cursor(query.cursor)
            after = {"start": start.isoformat(), "end": end.isoformat(), "id": event_id}
        params = {
            "actor": query.actor,
            "types": [t.value for t in query.types],
            "bases": list(query.bases),
            "factualities": list(query.factualities),
            "q": query.q.lower() if query.q else None,
            "document": query.document,
            "since": _iso(query.window.since),
            "until": _iso(query.window.until),
            "undated": query.undated,
            "after": after,
            "limit": query.limit + 1,
        }

        def page(row: dict[str, Any]) -> TimelinePage:
            if query.actor is not None and row["actor_id"] is None:
                raise not_found(query.actor)
            found = row["events"]
            items = [event_view(e) for e in found[: query.limit]]
            last = items[-1] if items else None
            cursor = (
                encode_cursor(sort_key(last.start, last.end, last.id))
                if len(found) > query.limit and last
                else None
            )
            return TimelinePage.model_construct(
                items=items,
                count=row["count"],
                undated_count=row["undated_count"],
                next_cursor=cursor,
            )

        # From the actor's node when there is one (its answers are kept): the general
        # query scans every event.
        if query.actor is None:
            return _Read("timeline/page", params, page, None)
        return _Read("timeline/page_for_actor", params, page, query.actor)

    def search(self, query: SearchQuery) -> SearchResults:
        """By the full-text indexes of cypher/schema.cypher (cypher/search/*)."""
        return self._read(lambda tx: fulltext.search(tx, query))

    def get_event(self, event_id: str) -> EventDetail:
        rows = self._read(lambda tx: run(tx, "events/get", id=event_id))
        if not rows:
            raise NotFound(f"no event with id {event_id!r}; find events with GET /timeline")
        view = event_view(rows[0]["event"])
        return EventDetail(
            **{name: getattr(view, name) for name in EventView.model_fields},
            documents=[SourceDocument(**d) for d in rows[0]["documents"]],
            claims=list(claims_model(rows[0]["event"].get("claims"))),
        )

    def related_actors(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage:
        """Grouped in Neo4j (related/summary), one statement an answer."""
        read = self._related_read(actor_id, window, kind, limit)
        return self._kept_answer(read.name, read.params, read.build, actor_id)

    async def related_actors_async(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage:
        """`related_actors` awaited on an event loop (`awaitable`)."""
        read = self._related_read(actor_id, window, kind, limit)
        return await self._kept_answer_async(read.name, read.params, read.build, actor_id)

    def _related_read(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> _Read[RelatedActorsPage]:
        params = {
            "actor_id": actor_id,
            "since": _iso(window.since),
            "until": _iso(window.until),
            "kind": None if kind is None else str(kind),
            "limit": limit,
        }

        def page(row: dict[str, Any]) -> RelatedActorsPage:
            if row["me"] is None:
                raise not_found(actor_id)
            return related_page(row)

        return _Read("related/summary", params, page, actor_id)

    def find_paths(self, source: str, target: str, max_hops: int, limit: int) -> PathsResult:
        def work(tx: ManagedTransaction) -> PathsResult:
            refs = [self._actor(tx, actor_id) for actor_id in (source, target)]
            result = PathsResult(
                source=ActorRef(id=refs[0].id, name=refs[0].name, kind=refs[0].kind),
                target=ActorRef(id=refs[1].id, name=refs[1].name, kind=refs[1].kind),
                max_hops=max_hops,
                paths=[],
            )
            if refs[0].id == refs[1].id:
                return result
            rows = run(tx, "paths/shortest", source=refs[0].id, target=refs[1].id, cap=PATH_CAP)
            candidates = [
                (
                    [PathNode(**n) for n in row["nodes"]],
                    [[PathEdge(**e)] for e in row["edges"]],
                )
                for row in rows
                if len(row["edges"]) <= max_hops
            ]
            result.paths.extend(canonical_paths(candidates, limit))
            return result

        return self._read(work)

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        row_limit: int,
        max_bytes: int | None = None,
    ) -> CypherResult:
        """A user's read-only query, in a read transaction (Neo4j refuses writes there),
        run only if Neo4j's plan of it reads this database alone (`graphsvc.cypher_guard.plan`)."""

        def call(watchdog: Watchdog) -> CypherResult:
            with (
                self._translate(),
                self._session(neo4j.READ_ACCESS, self._cypher_driver) as session,
            ):
                return run_read_only(
                    session, query, params, timeout, row_limit, self.database, watchdog, max_bytes
                )

        seconds = timeout + CYPHER_GRACE_SECONDS

        def expired() -> QueryTimeout:
            return QueryTimeout(
                f"Neo4j did not answer the query within {seconds:g} s (its {timeout:g} s "
                "timeout, GRAPHSVC_CYPHER_TIMEOUT_SECONDS, and a grace of "
                f"{CYPHER_GRACE_SECONDS:g} s); the connection was cut"
            )

        return call_with_deadline(call, seconds, expired)

    def stats(self) -> Stats:
        (row,) = self._read(lambda tx: run(tx, "stats/count"))
        return Stats(**row)

    def check_ready(self) -> None:
        def call(watchdog: Watchdog) -> None:
            with self._translate():
                self._driver.verify_connectivity()
                self._ensure_schema(watchdog)

        seconds = CONNECT_SECONDS + READ_GRACE_SECONDS
        call_with_deadline(call, seconds, lambda: self._silent(seconds))

    def close(self) -> None:
        """Close the drivers; a Neo4j that hangs cannot hold the shutdown past a few seconds."""

        def call(watchdog: Watchdog) -> None:
            self._driver.close()
            if self._cypher_driver is not self._driver:
                self._cypher_driver.close()

        with suppress(StoreUnavailable):
            call_with_deadline(call, CONNECT_SECONDS, lambda: self._silent(CONNECT_SECONDS))
