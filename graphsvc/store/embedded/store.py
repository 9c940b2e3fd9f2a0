"""EmbeddedStore: the default backend, one process, no server to run.

Writes go to SQLite first (one transaction a batch) and only then to the in-memory
graph, so memory never holds what the disk lost. A lock makes each batch atomic to
readers too: a reader sees the graph before a batch or after it, never half of it.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx

from graphsvc.errors import NotFound
from graphsvc.model import Actor, ActorKind, Document, Event, GraphBatch
from graphsvc.store.actor_merge import check_merge, move_event, plan_merge, redirects_after
from graphsvc.store.base import (
    DocumentQuery,
    SearchQuery,
    TimelineQuery,
    Window,
    bounded_ids,
    normalised_names,
)
from graphsvc.store.documents import plan_delete, touched_actors
from graphsvc.store.embedded import document_reads
from graphsvc.store.embedded.adhoc import dialect, project, run_query
from graphsvc.store.embedded.fulltext import SearchReader
from graphsvc.store.embedded.memory import MemoryGraph
from graphsvc.store.embedded.removals import Removals
from graphsvc.store.embedded.return_order import in_return_order
from graphsvc.store.embedded.search import search_results
from graphsvc.store.embedded.sqlite_copy import SqliteCopy
from graphsvc.store.merge import merge_batch, withdraw
from graphsvc.store.provenance import check_replaces
from graphsvc.store.redirect import redirect_batch
from graphsvc.store.references import check_references
from graphsvc.views import (
    ActorDetail,
    ActorDocumentsPage,
    CypherResult,
    DocumentDeleted,
    DocumentDetail,
    DocumentsPage,
    EventDetail,
    PathsResult,
    RelatedActorsPage,
    SearchResults,
    Stats,
    TimelinePage,
    WriteResult,
)

DATABASE_FILE = "graph.sqlite3"


class EmbeddedStore:
    #: An actor's timeline pages and related actors are kept until a write touches the
    #: actor (`graphsvc.store.embedded.kept`) and handed out again, the same object.
    keeps_answers: ClassVar[bool] = True

    def __init__(self, data_dir: Path, *, cypher_memory_mb: int = 512) -> None:
        """`cypher_memory_mb`: what a POST /cypher child may allocate beyond its share."""
        self._cypher_memory_bytes = cypher_memory_mb * 2**20
        #: Readers and the moment a batch is applied to memory: short holds only.
        self._lock = threading.RLock()
        #: One writer at a time, held through the SQLite commit while readers go on.
        self._write_lock = threading.Lock()
        #: True while this process's writer holds SQLite's write lock and memory is
        #: caught up with the file: no other process can commit meanwhile, so readers
        #: skip their check of the file (which would wait on the shared connection for
        #: the writer's commit and its fsync).
        self._file_held_current = False
        self._copy = SqliteCopy(Path(data_dir) / DATABASE_FILE)
        self._search = SearchReader(self._copy.path)
        self._graph, self._seen_version = self._rebuild(stamp=True)
        self._projection: nx.MultiDiGraph | None = None

    def _rebuild(self, *, stamp: bool = False) -> tuple[MemoryGraph, int]:
        """The in-memory graph from the durable copy (start-up, another process wrote to
        the file, or a failed apply), and the file's data version it was read at. The
        caller records that version only when it puts the graph in place: a reader that
        saw the version move before that must wait for the new graph, not answer from
        the one being replaced.

        A file stamped as written by code of this records format is read without
        validating it again (every record was validated before it was written); any
        other file (older, of another format, or with a batch written by code that does
        not keep the stamp) is validated as it is read, then stamped for next time if
        `stamp` (at start-up only: a reader catching up never waits on the file's write
        lock)."""
        copy = self._copy
        # Every object made here lives as long as the graph: the cyclic collector would
        # only walk them again and again while they are read (at 10^6 events, most of
        # the start-up). None of them is garbage, so it is off until the graph is built.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with copy.snapshot():
                version = copy.data_version()
                batch = copy.last_batch()
                stamped = copy.stamped()
                graph = MemoryGraph()
                rows = copy.read_trusted(graph.builders()) if stamped else None
                if rows is None:
                    graph = MemoryGraph()  # nothing kept of a trusted read that failed
                    rows = copy.read_all(graph.compact)
                graph.load(rows)
                del rows
                redirects = copy.read_redirects()
        finally:
            if collecting:
                gc.enable()
        graph.redirect(redirects)
        if stamp and not stamped:
            copy.stamp(batch)
        return graph, version

    def _catch_up(self) -> None:
        """Reload memory if another process (`graphsvc load` beside a running server)
        committed to the file since: never answer, or merge, from a stale graph.
        Call with the write lock held."""
        if self._copy.data_version() != self._seen_version:
            graph, version = self._rebuild()
            with self._lock:
                self._graph, self._seen_version = graph, version
                self._projection = None

    @contextmanager
    def _file_transaction(self) -> Iterator[None]:
        """SQLite's write lock (other processes' writers wait), memory caught up with
        the file, then the caller's merge and `_commit`; the lock is freed on the way
        out (a rollback is a no-op after the commit). Call with the write lock held."""
        self._copy.begin()
        try:
            self._catch_up()
            self._file_held_current = True
            yield
        finally:
            self._file_held_current = False
            self._copy.rollback()

    def _current(self) -> None:
        """Before a read: a cheap check (one PRAGMA), a reload only when the file moved;
        no check while this process's writer holds the file (nobody else can commit)."""
        if self._file_held_current:
            return
        if self._copy.data_version() != self._seen_version:
            with self._write_lock:
                self._catch_up()

    def answers_from_memory(self) -> bool:
        """Whether a read now runs on memory alone: no write in progress here (whose
        commit holds the SQLite connection and whose apply holds the read lock) and no
        commit by another process to reload. The API then calls the store on its event
        loop instead of the thread pool. A hint: a write starting just after only makes
        that read wait for it."""
        if self._file_held_current:
            return True
        return not self._write_lock.locked() and (self._copy.data_version() == self._seen_version)

    @property
    def path(self) -> Path:
        return self._copy.path

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        """Merge and commit under the write lock only (readers are not held up by the
        commit's fsync), then apply to memory under the read lock: a reader sees the
        graph before the batch or after it, never half of it. SQLite's own write lock is
        taken first, so a writer in another process waits, and memory is brought up to
        date with the file before merging."""
        with self._write_lock:
            with self._file_transaction():
                rows, removals = self._merged(self._graph, batch)
                if not rows.is_empty() or removals:
                    self._commit(rows, batch.counts(), removals)
            with self._lock:
                return WriteResult(written=batch.counts(), stats=self._graph.stats())

    def _commit(
        self,
        rows: GraphBatch,
        counts: dict[str, int],
        removals: Removals,
        redirects: dict[str, str] | None = None,
    ) -> None:
        """Commit to SQLite, then apply to memory. Call with the write lock held and
        SQLite's transaction begun; only writers change `self._graph`."""
        self._copy.commit(rows, counts, removals, redirects)
        self._file_held_current = False  # committed: other processes may write again
        graph = self._graph
        with self._lock:
            self._projection = None
            try:
                graph.remove(removals)
                graph.apply(rows)
                graph.redirect(redirects or {})
            except Exception:
                # SQLite has the batch; never let memory disagree with it.
                self._graph, self._seen_version = self._rebuild()
                raise

    @staticmethod
    def _merged(graph: MemoryGraph, batch: GraphBatch) -> tuple[GraphBatch, Removals]:
        """The rows to write and what goes (withdrawn events and relations), per merge
        rules, with merged-away actor ids redirected first."""
        check_replaces(batch, graph.documents.get, graph.writers_of)
        redirected = redirect_batch(batch, graph.merged)
        batch = redirected.batch
        check_references(
            batch,
            known_actors=lambda ids: _present(ids, graph.actors),
            known_documents=lambda ids: _present(ids, graph.documents),
        )
        changed, gone = withdraw(
            set(batch.replaces), graph.events.values(), graph.relations.values()
        )

        def event(event_id: str) -> Event | None:
            return changed[event_id] if event_id in changed else graph.events.get(event_id)

        rows = merge_batch(batch, graph.documents.get, graph.actors.get, event, redirected.absorbed)
        written = {e.id for e in rows.events}
        pruned = tuple(e for i, e in changed.items() if e is not None and i not in written)
        rows = rows.model_copy(update={"events": rows.events + pruned})
        dropped = tuple(i for i, e in changed.items() if e is None and i not in written)
        kept = {r.key for r in rows.relations}
        gone = [k for k in gone if k not in kept]
        # A new version that no longer names an actor leaves it as a delete would.
        touched = touched_actors(
            (graph.events[i] for i in changed), (graph.relations[k] for k in gone), gone
        ) - {a.id for a in rows.actors}
        orphans = document_reads.left_with_nothing(
            graph, touched, dropped, rows.events, gone, rows.relations
        )
        return rows, Removals(
            events=dropped,
            relations=tuple(gone),
            actors=orphans,
            same_as=tuple(c.key for c in graph.candidates_of(*orphans)),
        )

    def merge_actors(self, actor_id: str, into: str) -> Actor:
        """Merge `actor_id` into `into` in one SQLite transaction (see `actor_merge`)."""
        with self._write_lock, self._file_transaction():
            graph = self._graph
            old, target = check_merge(
                actor_id,
                into,
                graph.actors.get(actor_id),
                graph.merged.get(actor_id),
                graph.actors.get(graph.merged.get(into, into)),
            )
            plan = plan_merge(
                old,
                target,
                [*graph.relations_of(old.id), *graph.relations_of(target.id)],
                graph.candidates_of(old.id, target.id),
            )
            touched = {e.id: e for e in graph.events_of(old.id)}
            touched.update((e.id, e) for e in graph.events_reported_by(old.id))
            touched.update((e.id, e) for e in graph.events_claiming(old.id))
            rows = GraphBatch.model_construct(
                documents=(),
                actors=(plan.actor,),
                events=tuple(move_event(e, old.id, target.id) for e in touched.values()),
                relations=plan.relations,
                same_as=plan.same_as,
                replaces=(),
            )
            removals = Removals(
                relations=plan.gone_relations,
                actors=(old.id,),
                same_as=plan.gone_same_as,
            )
            redirects = redirects_after(graph.merged, old.id, target.id)
            self._commit(rows, {"merged_actors": 1}, removals, redirects)
            return plan.actor

    def delete_document(self, document_id: str) -> DocumentDeleted:
        """Withdraw the document (`plan_delete`: what re-posting it withdraws) and
        delete it, with the actors left with nothing, in one SQLite transaction."""
        with self._write_lock:
            with self._file_transaction():
                graph = self._graph
                if document_id not in graph.documents:
                    raise NotFound(document_reads.NOT_FOUND.format(document_id))
                plan = plan_delete(
                    document_id,
                    graph.events_citing(document_id),
                    graph.relations_given(document_id),
                )
                orphans = document_reads.left_with_nothing(
                    graph, plan.touched, plan.dropped, plan.kept, plan.relations
                )
                rows = GraphBatch.model_construct(
                    documents=(),
                    actors=(),
                    events=plan.kept,
                    relations=(),
                    same_as=(),
                    replaces=(),
                )
                removals = Removals(
                    documents=(document_id,),
                    events=plan.dropped,
                    relations=plan.relations,
                    actors=orphans,
                    same_as=tuple(c.key for c in graph.candidates_of(*orphans)),
                )
                self._commit(rows, {"deleted_documents": 1}, removals)
            with self._lock:
                stats = self._graph.stats()
        return DocumentDeleted(
            document=document_id,
            removed_events=list(plan.dropped),
            kept_events=[e.id for e in plan.kept],
            removed_relations=len(plan.relations),
            removed_actors=list(orphans),
            stats=stats,
        )

    def list_documents(self, query: DocumentQuery) -> DocumentsPage:
        self._current()
        with self._lock:
            return document_reads.list_documents(self._graph, query)

    def document_detail(self, document_id: str) -> DocumentDetail:
        self._current()
        with self._lock:
            return document_reads.document_detail(self._graph, document_id)

    def get_actor(self, actor_id: str) -> Actor:
        self._current()
        with self._lock:
            return self._graph.actor(actor_id)

    def search_actors(self, q: str, limit: int) -> list[Actor]:
        self._current()
        with self._lock:
            return self._graph.search_actors(q, limit)

    def actors_by_names(self, names: Iterable[str]) -> list[Actor]:
        wanted = normalised_names(names)
        if not wanted:
            return []
        self._current()
        with self._lock:
            return self._graph.actors_by_names(wanted)

    def get_documents(self, ids: Iterable[str]) -> list[Document]:
        wanted = bounded_ids(ids)
        self._current()
        with self._lock:
            found = (self._graph.documents.get(i) for i in wanted)
            return [document for document in found if document is not None]

    def actor_detail(self, actor_id: str) -> ActorDetail:
        self._current()
        with self._lock:
            return self._graph.actor_detail(actor_id)

    def actor_documents(self, actor_id: str, limit: int) -> ActorDocumentsPage:
        self._current()
        with self._lock:
            return self._graph.actor_documents(actor_id, limit)

    def timeline(self, query: TimelineQuery) -> TimelinePage:
        self._current()
        with self._lock:
            return self._graph.timeline(query)

    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked by FTS5 on the file (committed batches only), built from memory."""
        self._current()
        reader = self._search
        actors = reader.actors(query.terms) if query.wants("actor") else []
        summaries, sentences = reader.events(query.terms) if query.wants("event") else ([], [])
        documents = reader.documents(query.terms) if query.wants("document") else []
        with self._lock:
            return search_results(self._graph, query, actors, summaries, sentences, documents)

    def get_event(self, event_id: str) -> EventDetail:
        self._current()
        with self._lock:
            return self._graph.event_detail(event_id)

    def related_actors(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage:
        self._current()
        with self._lock:
            return self._graph.related_actors(actor_id, window, kind, limit)

    def find_paths(self, source: str, target: str, max_hops: int, limit: int) -> PathsResult:
        self._current()
        with self._lock:
            return self._graph.find_paths(source, target, max_hops, limit)

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        row_limit: int,
        max_bytes: int | None = None,
    ) -> CypherResult:
        """A user's read-only query with grand-cypher, on a snapshot kept until a write.
        The timeout counts from here: building the snapshot is part of the query's time."""
        deadline = time.monotonic() + timeout
        text = dialect(query, params)
        self._current()
        with self._lock:
            if self._projection is None:
                graph = self._graph
                self._projection = project(
                    list(graph.documents.values()),
                    list(graph.actors.values()),
                    list(graph.events.values()),
                    list(graph.relations.values()),
                )
            projection = self._projection
        answer = run_query(
            projection, text, row_limit, timeout, self._cypher_memory_bytes, deadline, max_bytes
        )
        columns, rows = in_return_order(query, text, answer.columns, answer.rows)
        return CypherResult(
            columns=columns,
            rows=rows,
            truncated=answer.truncated,
            row_limit=row_limit,
        )

    def stats(self) -> Stats:
        self._current()
        with self._lock:
            return self._graph.stats()

    def start(self) -> None:
        """Nothing to do: the constructor already rebuilt the graph from SQLite."""

    def check_ready(self) -> None:
        with self._write_lock:  # the SQLite connection is the writer's
            self._copy.ping()

    def close(self) -> None:
        with self._write_lock, self._lock:
            self._search.close()
            self._copy.close()


def _present(ids: Iterable[str], known: Mapping[str, object]) -> set[str]:
    return {i for i in ids if i in known}
