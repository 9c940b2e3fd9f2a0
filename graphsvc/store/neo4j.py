"""Neo4jStore: the production backend, over the official driver.

One driver per store (one store per process); every query is a `cypher/` file, always
parameterised. A batch is written in one `execute_write` transaction that first takes
the database's one write lock (`writes/lock`), then reads what it replaces, so merging
follows the same rules as the embedded store, concurrent writers (threads or processes)
lose no alias or source, and a failure leaves nothing behind. Readers take no lock.

Driver errors become `StoreUnavailable` (503 with a retry hint) here, at the boundary,
naming the URI: Neo4j away, a connection lost mid-transaction, a transient error still
failing after `max_retry_seconds` of retries. A commit whose outcome is unknown says so.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Any, TypeVar, cast

import neo4j
import orjson
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graphsvc.adhoc.neo4j_run import SERVER_STATE_CODES, run_read_only
from graphsvc.errors import NotFound, QueryTimeout, StoreUnavailable
from graphsvc.model import (
    Actor,
    ActorKind,
    Claim,
    Document,
    Event,
    GraphBatch,
    Participant,
    Relation,
    SameAsCandidate,
    Source,
    When,
)
from graphsvc.names import normalise_name
from graphsvc.store.actor_merge import check_merge, plan_merge
from graphsvc.store.base import TimelineQuery, Window, bounded_ids, normalised_names
from graphsvc.store.claims import rename_actor
from graphsvc.store.cursor import decode_cursor, encode_cursor, sort_key
from graphsvc.store.cypher import load_query, statements
from graphsvc.store.deadline import Watchdog, call_with_deadline
from graphsvc.store.merge import merge_batch, withdraw
from graphsvc.store.neo4j_kept import NOTHING_KEPT, KeptAnswers, SharedCounter, freeze
from graphsvc.store.neo4j_reads import (
    StillChanging,
    answer_consistently,
    event_view,
    not_found,
    record_row,
    related_page,
)
from graphsvc.store.paths import PATH_CAP, canonical_paths
from graphsvc.store.provenance import check_replaces
from graphsvc.store.redirect import actor_ids, redirect_batch
from graphsvc.store.references import check_references
from graphsvc.store.same_as import candidate_views
from graphsvc.views import (
    ActorDetail,
    ActorDocument,
    ActorDocumentsPage,
    ActorRef,
    CypherResult,
    EventDetail,
    EventView,
    PathEdge,
    PathNode,
    PathsResult,
    RelatedActorsPage,
    SourceDocument,
    Stats,
    TimelinePage,
    WriteResult,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
A = TypeVar("A")

#: Rows per UNWIND statement inside a batch's transaction.
ROWS_PER_STATEMENT = 2000
#: Reads of one request that overlapped a commit and are retried before answering anyway.
READ_ATTEMPTS = 5
#: Driver and server errors that mean "Neo4j cannot answer now", never "bad request":
#: connection refused or lost (the driver's own, or a socket error it let through), a
#: full connection pool, and the server's transient errors (still failing after the
#: driver's retries) and database errors (the server failed, not the query).
_UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.ConnectionPoolError,
    neo4j_errors.TransientError,
    neo4j_errors.DatabaseError,
    OSError,
)


def _native(value: Any) -> Any:
    """Driver temporal values (and those inside maps and lists) as Python ones."""
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_native(v) for v in value]
    to_native = getattr(value, "to_native", None)
    return to_native() if callable(to_native) else value


def _run(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    return [_native(record.data()) for record in tx.run(load_query(name), params)]


def _run_batched(tx: ManagedTransaction, name: str, rows: Sequence[Any]) -> None:
    """`UNWIND $rows` in chunks, so one huge batch never becomes one huge statement."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, ROWS_PER_STATEMENT)):
        tx.run(load_query(name), rows=chunk).consume()


def _stamp(
    tx: ManagedTransaction, name: str, writes: int, items: Sequence[Any], param: str = "ids"
) -> None:
    """A writes/stamp_* statement, its list (`$ids`, or `param`) in chunks: the change
    stamp `writes` on the actors those items lead to (`graphsvc.store.neo4j_kept`)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, ROWS_PER_STATEMENT)):
        tx.run(load_query(name), {"writes": writes, param: chunk}).consume()


def _known(tx: ManagedTransaction, query: str, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are stored, by a writes/known_* query (ids only, in one list)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    return set(tx.run(query, ids=wanted).single(strict=True)["ids"])


# -- rows to write -----------------------------------------------------------------


def document_row(document: Document) -> dict[str, Any]:
    return document.model_dump(mode="json")


def actor_row(actor: Actor) -> dict[str, Any]:
    names = [normalise_name(n) for n in (actor.name, *actor.aliases)]
    return {**actor.model_dump(mode="json"), "search_names": names}


def event_row(event: Event) -> dict[str, Any]:
    when = event.when
    return {
        "id": event.id,
        "type": event.type.value,
        "summary": event.summary,
        "confidence": event.confidence,
        "factuality": event.factuality,
        "reported_by": event.reported_by,
        "start": when.start.isoformat() if when else None,
        "end": when.end.isoformat() if when else None,
        "precision": when.precision if when else None,
        "approximate": when.approximate if when else False,
        "date_text": when.text if when else None,
        "date_basis": when.basis if when else None,
        "anchor": when.anchor.isoformat() if when and when.anchor else None,
        "claims": claims_text(event.claims),
    }


def claims_text(claims: tuple[Claim, ...]) -> str | None:
    """An event's claims (documents' differing accounts) as one JSON text property, or
    None (no property) when every cited document agrees with what the event shows."""
    if not claims:
        return None
    return orjson.dumps([c.model_dump(mode="json") for c in claims]).decode()


def claims_model(text: str | None) -> tuple[Claim, ...]:
    """Claims read back from their JSON text property."""
    return tuple(Claim(**c) for c in orjson.loads(text)) if text else ()


def event_write_row(event: Event) -> dict[str, Any]:
    """A stored event with its edges, for events/write (node and edges in one pass). Each
    edge's properties are given as Neo4j stores them (no nulls), so the statement can keep
    an edge whose properties are unchanged instead of deleting and creating it again."""
    return {
        **event_row(event),
        "participants": [
            {"actor": p.actor, "props": participant_props(p, i)}
            for i, p in enumerate(event.participants)
        ],
        "sources": [
            {"document": s.document, "props": _source_props(s, i)}
            for i, s in enumerate(event.sources)
        ],
    }


def participant_props(participant: Participant, ordinal: int) -> dict[str, Any]:
    """A PARTICIPATED_IN edge's properties, None left out (as `SET r = map` would): the
    role, how the link was found (`basis`, always, so Browser users can filter on it)
    and the words it came through (`mention`, when not the name)."""
    props: dict[str, Any] = {
        "role": participant.role.value,
        "ordinal": ordinal,
        "basis": participant.basis,
    }
    if participant.mention is not None:
        props["mention"] = participant.mention
    return props


#: Source fields stored on a REPORTED_IN edge only when set.
_SOURCE_OPTIONAL = ("char_start", "char_end", "trigger_start", "trigger_end")


def event_props(event: Event) -> dict[str, Any]:
    """A new event's node properties for events/create, dates aside (they go as ISO text
    for Cypher's date(): the driver packs date objects in Python, three times slower than
    text), None left out (`SET e = map` stores no null anyway)."""
    when = event.when
    props: dict[str, Any] = {
        "id": event.id,
        "type": event.type.value,
        "summary": event.summary,
        "confidence": event.confidence,
        "factuality": event.factuality,
        "approximate": when.approximate if when else False,
    }
    if event.reported_by is not None:
        props["reported_by"] = event.reported_by
    if event.claims:
        props["claims"] = claims_text(event.claims)
    if when is not None:
        props["precision"] = when.precision
        props["date_basis"] = when.basis
        if when.text is not None:
            props["date_text"] = when.text
    return props


def event_create_row(event: Event) -> list[Any]:
    """A new event with its edges as a positional row for events/create: [props, start,
    end, anchor, [[actor, {edge properties}]], [[document, {edge properties}]]]."""
    when = event.when
    participants = [[p.actor, participant_props(p, i)] for i, p in enumerate(event.participants)]
    sources = [[s.document, _source_props(s, i)] for i, s in enumerate(event.sources)]
    return [
        event_props(event),
        when.start.isoformat() if when else None,
        when.end.isoformat() if when else None,
        when.anchor.isoformat() if when and when.anchor else None,
        participants,
        sources,
    ]


def _source_props(source: Source, ordinal: int) -> dict[str, Any]:
    """A REPORTED_IN edge's properties, None left out (as `SET r = map` would)."""
    props: dict[str, Any] = {
        "sentence": source.sentence,
        "extractor": source.extractor,
        "ordinal": ordinal,
    }
    for name in _SOURCE_OPTIONAL:
        value = getattr(source, name)
        if value is not None:
            props[name] = value
    return props


def participant_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    """PARTICIPATED_IN edges; the ordinal keeps the record's order on reading back."""
    return [
        {
            "event": e.id,
            "actor": p.actor,
            "role": p.role.value,
            "ordinal": i,
            "basis": p.basis,
            "mention": p.mention,
        }
        for e in events
        for i, p in enumerate(e.participants)
    ]


def source_rows(events: Sequence[Event]) -> list[dict[str, Any]]:
    """REPORTED_IN edges, in the record's order."""
    return [
        {"event": e.id, "ordinal": i, **s.model_dump(mode="json")}
        for e in events
        for i, s in enumerate(e.sources)
    ]


def relation_row(relation: Relation) -> dict[str, Any]:
    row = relation.model_dump(mode="json")
    row["document"] = relation.document or ""
    return row


def same_as_row(candidate: SameAsCandidate) -> dict[str, Any]:
    return candidate.model_dump(mode="json")


# -- rows read back ----------------------------------------------------------------


def _when(row: dict[str, Any]) -> When | None:
    if row.get("start") is None:
        return None
    return When(
        start=row["start"],
        end=row["end"],
        precision=row["precision"],
        approximate=bool(row.get("approximate")),
        text=row.get("date_text"),
        basis=row.get("date_basis") or "text",
        anchor=row.get("anchor"),
    )


def _event_model(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"],
        type=row["type"],
        summary=row["summary"],
        when=_when(row),
        confidence=row["confidence"],
        factuality=row.get("factuality") or "asserted",
        reported_by=row.get("reported_by"),
        participants=tuple(
            Participant(
                actor=p["actor"],
                role=p["role"],
                basis=p.get("basis") or "stated",
                mention=p.get("mention"),
            )
            for p in row["participants"]
        ),
        sources=tuple(Source(**s) for s in row["sources"]),
        claims=claims_model(row.get("claims")),
    )


def _relation_model(row: dict[str, Any]) -> Relation:
    return Relation(
        source=row["source"],
        type=row["type"],
        target=row["target"],
        since=row["since"],
        until=row["until"],
        document=row["document"] or None,
        sentence=row["sentence"],
        role=row.get("role"),
        basis=row.get("basis"),
        since_precision=row.get("since_precision"),
        until_precision=row.get("until_precision"),
        current=row.get("current"),
        stated_on=row.get("stated_on"),
        char_start=row.get("char_start"),
        char_end=row.get("char_end"),
    )


def _candidates(
    rows: Iterable[dict[str, Any]],
) -> tuple[list[SameAsCandidate], dict[str, ActorRef]]:
    """Rows of `same_as/of_actors` as candidates and references to their actors."""
    rows = list(rows)
    candidates = [
        SameAsCandidate(actor=r["actor"], candidate=r["candidate"], reason=r["reason"])
        for r in rows
    ]
    refs = {ref["id"]: ActorRef(**ref) for r in rows for ref in r["refs"]}
    return candidates, refs


def _message(exc: Exception) -> str:
    """The driver's message, with the server's status code when there is one."""
    code = getattr(exc, "code", None)
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{text} ({code})" if code else text


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _writes(tx: ManagedTransaction) -> int:
    (row,) = _run(tx, "writes/version")
    return int(row["writes"])


def _consistent(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    """`work`'s answer from a graph no batch committed into while it read.

    Neo4j reads are read-committed row by row: a read that spans a commit can see part
    of that batch, or an edge the batch deleted with its properties already gone. Every
    write transaction bumps the write lock's counter, so a read that finds the counter
    unchanged around it saw no commit; otherwise it reads again (its failure too: a torn
    row may not validate). After READ_ATTEMPTS it raises StillChanging, and the caller
    reads once more under the write lock (`_under_write_lock`): a long read under
    steady writes still answers, and never with part of a batch.
    """
    for _ in range(READ_ATTEMPTS):
        before = _writes(tx)
        try:
            result = work(tx)
        except neo4j_errors.GqlError:
            raise  # the driver's or the server's: translated (or retried) further out
        except Exception:
            if _writes(tx) == before:
                raise  # a real answer (NotFound) or a real failure, not a torn read
            continue
        if _writes(tx) == before:
            return result
    raise StillChanging(f"a commit overlapped each of {READ_ATTEMPTS} reads")


def _under_write_lock(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    """`work` after taking the write lock (writes/hold): no batch commits while it reads,
    so its answer is whole. The last resort of `_consistent` and `_answer`."""
    _run(tx, "writes/hold")
    return work(tx)


#: Tries of one schema statement that another process is applying at the same moment.
SCHEMA_ATTEMPTS = 5


def _apply_schema(session: neo4j.Session, statement: str) -> None:
    """One `IF NOT EXISTS` schema statement, safe when several processes start together
    (uvicorn workers): Neo4j may refuse the second of two identical statements racing
    each other, as an equivalent rule that already exists or a transient conflict; the
    rule is there either way once the other commits, so it is tried again, then let be."""
    for attempt in range(1, SCHEMA_ATTEMPTS + 1):
        try:
            session.run(statement).consume()
            return
        except neo4j_errors.ClientError as exc:
            if "AlreadyExists" not in (exc.code or ""):
                raise
            return
        except neo4j_errors.TransientError:
            if attempt == SCHEMA_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt)


def _timed_out(exc: Exception) -> bool:
    """Neo4j stopped the transaction at its timeout (`unit_of_work(timeout=...)`)."""
    return isinstance(exc, neo4j_errors.ClientError) and "TransactionTimedOut" in (exc.code or "")


def _unavailable(exc: Exception) -> bool:
    if isinstance(exc, _UNAVAILABLE):
        return True
    return isinstance(exc, neo4j_errors.ClientError) and exc.code in SERVER_STATE_CODES


#: How long past a read's server-side timeout the caller still waits for Neo4j.
READ_GRACE_SECONDS = 1.0
#: How long past a POST /cypher query's timeout the caller still waits for Neo4j.
CYPHER_GRACE_SECONDS = 0.5
#: Longest wait for a connection: to open one, or for a free one from the pool.
CONNECT_SECONDS = 5.0


class Neo4jStore:
    def __init__(
        self,
        uri: str,
        user: str,
        password: str | None,
        database: str = "neo4j",
        *,
        max_retry_seconds: float = 5.0,
        query_timeout_seconds: float = 30.0,
        write_timeout_seconds: float = 300.0,
        cypher_user: str | None = None,
        cypher_password: str | None = None,
    ) -> None:
        """No I/O here: the driver connects lazily; `start()` applies the schema.

        `max_retry_seconds` is how long a transaction is retried on transient failures
        (Neo4j away, a lost connection, a deadlock) before the caller gets a 503;
        `query_timeout_seconds` is how long Neo4j lets a read transaction run (408 past it)
        and `write_timeout_seconds` a write (Neo4j rolls it back; 503). Each call is also
        bounded on this side (`graphsvc.store.deadline`), for a Neo4j that never answers.
        `cypher_user` (with its password) is a second Neo4j user for POST /cypher only:
        on Enterprise, one with the `reader` role.
        """
        self.uri = uri
        self.database = database
        self._driver: Driver = self._open_driver(user, password, max_retry_seconds)
        self._cypher_driver: Driver = (
            self._open_driver(cypher_user, cypher_password, max_retry_seconds)
            if cypher_user
            else self._driver
        )
        self._schema_applied = False
        self._schema_lock = threading.Lock()
        self._query_timeout = query_timeout_seconds
        self._write_timeout = write_timeout_seconds
        self._kept = KeptAnswers()
        bound = query_timeout_seconds + READ_GRACE_SECONDS
        self._counter = SharedCounter(self._writes_now, bound, lambda: self._silent(bound))

    def _open_driver(self, user: str, password: str | None, max_retry_seconds: float) -> Driver:
        return GraphDatabase.driver(
            self.uri,
            auth=(user, password) if password else None,
            connection_timeout=CONNECT_SECONDS,
            connection_acquisition_timeout=CONNECT_SECONDS,
            max_transaction_retry_time=max_retry_seconds,
            notifications_min_severity="OFF",
        )

    # -- plumbing ------------------------------------------------------------------

    @contextmanager
    def _translate(self, writing: bool = False) -> Iterator[None]:
        """Driver errors as StoreUnavailable naming the URI; others pass unchanged."""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} refused the credentials: {exc}") from exc
        except neo4j_errors.IncompleteCommit as exc:
            # The connection dropped after COMMIT was sent: Neo4j may have committed.
            raise StoreUnavailable(
                f"Neo4j at {self.uri} went away while committing the batch, so it may or may "
                "not be written; loading it again is safe (loads are idempotent): "
                f"{_message(exc)}"
            ) from exc
        except Exception as exc:
            if writing and _timed_out(exc):
                raise StoreUnavailable(
                    f"Neo4j stopped the write at its {self._write_timeout:g} s timeout "
                    "(GRAPHSVC_NEO4J_WRITE_TIMEOUT_SECONDS) and rolled it back; nothing of "
                    "the batch was written: retry, or split it"
                ) from exc
            if not writing and _timed_out(exc):
                raise QueryTimeout(
                    f"the query ran past its {self._query_timeout:g} s timeout "
                    "(GRAPHSVC_QUERY_TIMEOUT_SECONDS) and Neo4j stopped it; narrow the request"
                ) from exc
            if not _unavailable(exc):
                raise
            what = "; nothing of the batch was written, retry later" if writing else ""
            raise StoreUnavailable(
                f"Neo4j at {self.uri} is unavailable{what}: {_message(exc)}"
            ) from exc

    def _session(self, access: str, driver: Driver | None = None) -> neo4j.Session:
        driver = driver or self._driver
        return driver.session(database=self.database, default_access_mode=access)

    def _silent(self, seconds: float) -> StoreUnavailable:
        return StoreUnavailable(
            f"Neo4j at {self.uri} did not answer within {seconds:g} s; the connection was cut"
        )

    def _transaction(
        self,
        watchdog: Watchdog,
        work: Callable[[ManagedTransaction], T],
        *,
        writing: bool,
        timeout: float,
        locking: bool = False,
    ) -> T:
        """`work` in a managed transaction with Neo4j's `timeout`, watched by `watchdog`.
        `locking`: a read that takes the write lock (`_under_write_lock`), so it runs
        as a write transaction but its errors read as a read's."""

        def watched(tx: ManagedTransaction) -> T:
            watchdog.check()  # a driver retry after the caller gave up does nothing
            return work(tx)

        with self._translate(writing=writing):
            self._ensure_schema(watchdog)
            access = neo4j.WRITE_ACCESS if writing or locking else neo4j.READ_ACCESS
            with self._session(access) as session:
                watchdog.watch(session)
                bounded = neo4j.unit_of_work(timeout=timeout)(watched)
                run = session.execute_write if writing or locking else session.execute_read
                return run(bounded)

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        def call(watchdog: Watchdog) -> T:
            consistent = functools.partial(_consistent, work=work)
            try:
                return self._transaction(
                    watchdog, consistent, writing=False, timeout=self._query_timeout
                )
            except StillChanging:
                return self._locked_read(watchdog, work)

        seconds = self._query_timeout + READ_GRACE_SECONDS
        return call_with_deadline(call, seconds, lambda: self._silent(seconds))

    def _answer(
        self, name: str, params: dict[str, Any], known: int | None = None
    ) -> dict[str, Any]:
        """The one row of a read statement that reads the write counter before and after
        its work (`neo4j_reads.answer_consistently`): no extra round trip for it, and a
        retry only when a writer actually committed meanwhile. `known`: the statement
        takes `$known` and skips its work while the counter is still that (`neo4j_kept`)."""
        if known is not None:
            params = {**params, "known": known}

        def work(tx: ManagedTransaction) -> dict[str, Any]:
            def once() -> dict[str, Any]:
                return record_row(tx.run(load_query(name), params).single(strict=True))

            return answer_consistently(once, READ_ATTEMPTS, known)

        def call(watchdog: Watchdog) -> dict[str, Any]:
            try:
                return self._read_transaction(watchdog, work)
            except StillChanging:
                statement = load_query(name)
                return self._locked_read(
                    watchdog, lambda tx: record_row(tx.run(statement, params).single(strict=True))
                )

        seconds = self._query_timeout + READ_GRACE_SECONDS
        return call_with_deadline(call, seconds, lambda: self._silent(seconds))

    def _locked_read(self, watchdog: Watchdog, work: Callable[[ManagedTransaction], T]) -> T:
        """`work` once, holding the write lock: the answer of a read that every plain
        attempt saw torn by a commit. Writers wait for it; it waits for none but the
        batch committing now."""
        locked = functools.partial(_under_write_lock, work=work)
        return self._transaction(
            watchdog, locked, writing=False, locking=True, timeout=self._query_timeout
        )

    def _read_transaction(self, watchdog: Watchdog, work: Callable[[ManagedTransaction], T]) -> T:
        """`work` in a managed read transaction (as `_transaction`) whose BEGIN goes out
        with the first statement, as the driver's own `execute_query` sends it: one round
        trip fewer than `execute_read` alone (BEGIN, then RUN and PULL, then COMMIT)."""

        def watched(tx: ManagedTransaction) -> T:
            watchdog.check()  # a driver retry after the caller gave up does nothing
            return work(tx)

        with self._translate():
            self._ensure_schema(watchdog)
            with self._session(neo4j.READ_ACCESS) as session:
                watchdog.watch(session)
                bounded = neo4j.unit_of_work(timeout=self._query_timeout)(watched)
                # The driver's flag for that (neo4j 5 and 6); a driver without it, or a
                # test's stand-in session, sends BEGIN on its own.
                pipelined = getattr(session, "_pipelined_begin", None)
                with pipelined if pipelined is not None else contextlib.nullcontext():
                    return session.execute_read(bounded)

    def _kept_answer(
        self, name: str, params: dict[str, Any], build: Callable[[dict[str, Any]], A]
    ) -> A:
        """`build` of the statement's row, or the answer kept for the same statement and
        parameters when the write counter has not moved since it was read (see
        `graphsvc.store.neo4j_kept`): a counter read shared with the requests asking at
        once, then the statement only if the counter moved. (The statement's own
        `$known` check serves a caller without the shared read; here it finds the
        counter moved.)"""
        key = (name, freeze(params))
        kept = self._kept.get(key)
        # Kept at the highest counter seen here: ask for the counter alone (shared with
        # the requests asking at once); kept at a lower one: stale, answer in full.
        if (
            kept is not None
            and kept[0] >= self._counter.latest
            and self._counter.fresh() == kept[0]
        ):
            return cast(A, kept[1])
        known = NOTHING_KEPT if kept is None else kept[0]
        row = self._answer(name, params, known)
        self._counter.saw(row["before"])
        if kept is not None and row["kept"]:
            # No batch since `known` changed this answer (the change stamps): it stands
            # at the counter now, so the next request can find it current again.
            self._kept.keep(key, row["before"], kept[1])
            return cast(A, kept[1])
        answer = build(row)
        if row["before"] == row["after"]:
            self._kept.keep(key, row["after"], answer)
        return answer

    def _writes_now(self, seconds: float) -> int:
        """The write counter (writes/version), in a read bounded by `seconds`."""

        def call(watchdog: Watchdog) -> int:
            def work(tx: ManagedTransaction) -> int:
                return int(tx.run(load_query("writes/version")).single(strict=True)["writes"])

            return self._read_transaction(watchdog, work)

        bound = self._query_timeout + READ_GRACE_SECONDS
        return call_with_deadline(call, seconds, lambda: self._silent(bound))

    def answers_from_memory(self) -> bool:
        """Never: every answer asks Neo4j (the route calls the store from the thread
        pool). That this exists tells the routes that the store hands the same answer
        object out again while the graph is unchanged (`neo4j_kept`), so they keep its
        JSON beside it (`graphsvc.api.routes.answer.keeps_answers`)."""
        return False

    def _write(self, work: Callable[[ManagedTransaction, int], T]) -> T:
        """Run `work(tx, writes)` in a write transaction that holds the write lock from
        its start; `writes` is the write counter this transaction set (writes/lock), the
        value its change stamps carry (writes/stamp_*, see `graphsvc.store.neo4j_kept`)."""

        def locked(tx: ManagedTransaction) -> T:
            writes = int(tx.run(load_query("writes/lock")).single(strict=True)["writes"])
            return work(tx, writes)

        def call(watchdog: Watchdog) -> T:
            return self._transaction(watchdog, locked, writing=True, timeout=self._write_timeout)

        seconds = self._write_timeout + READ_GRACE_SECONDS

        def expired() -> StoreUnavailable:
            return StoreUnavailable(
                f"Neo4j at {self.uri} did not answer within {seconds:g} s while writing, so "
                "the batch may or may not be written; loading it again is safe (loads are "
                "idempotent)"
            )

        return call_with_deadline(call, seconds, expired)

    def _ensure_schema(self, watchdog: Watchdog | None = None) -> None:
        """Constraints and indexes, once per process (IF NOT EXISTS makes it idempotent).

        One thread at a time: requests arriving together when Neo4j comes back must not
        create the same constraint concurrently (Neo4j may refuse the second).
        """
        if self._schema_applied:
            return
        with self._schema_lock:
            if self._schema_applied:
                return
            with self._session(neo4j.WRITE_ACCESS) as session:
                if watchdog is not None:
                    watchdog.watch(session)
                for statement in (*statements("schema"), *statements("writes/lock_schema")):
                    _apply_schema(session, statement)
                session.execute_write(lambda tx: tx.run(load_query("schema_backfill")).consume())
            self._schema_applied = True

    def start(self) -> None:
        """Apply the schema now; raise StoreUnavailable (naming the URI) if Neo4j is away."""

        def call(watchdog: Watchdog) -> None:
            with self._translate():
                self._ensure_schema(watchdog)

        seconds = self._query_timeout + READ_GRACE_SECONDS
        call_with_deadline(call, seconds, lambda: self._silent(seconds))

    # -- writing -------------------------------------------------------------------

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        self._write(lambda tx, writes: self._write_batch(tx, writes, batch))
        try:
            stats = self.stats()
        except StoreUnavailable as exc:
            raise StoreUnavailable(
                "the batch was written, but Neo4j went away before the counts could be read; "
                f"loading it again is safe (loads are idempotent): {exc.detail}"
            ) from exc
        return WriteResult(written=batch.counts(), stats=stats)

    def _write_batch(self, tx: ManagedTransaction, writes: int, batch: GraphBatch) -> None:
        """The batch, and the change stamps (`writes`) of every actor whose kept answers
        it may change (`graphsvc.store.neo4j_kept`): the participants of withdrawn
        documents' events and the ends of their relations, the old and new participants
        of every event written, every actor written (everything when a stored actor's
        name or kind changes), both ends of every relation written."""
        changed = self._withdraw(tx, writes, batch) if batch.replaces else {}
        named = sorted(actor_ids(batch))
        merged = (
            {row["id"]: row["into"] for row in _run(tx, "actors/redirects", ids=named)}
            if named
            else {}
        )
        redirected = redirect_batch(batch, merged)
        batch = redirected.batch

        check_references(
            batch,
            known_actors=lambda ids: _known(tx, load_query("writes/known_actors"), ids),
            known_documents=lambda ids: _known(tx, load_query("writes/known_documents"), ids),
        )
        documents = {
            row["document"]["id"]: Document(**row["document"])
            for row in _run(tx, "documents/get_many", ids=[d.id for d in batch.documents])
        }
        wanted = [*(a.id for a in batch.actors), *redirected.absorbed]
        actors = {
            row["actor"]["id"]: Actor(**row["actor"])
            for row in _run(tx, "actors/get_many", ids=wanted)
        }
        events = {
            row["event"]["id"]: _event_model(row["event"])
            for row in _run(tx, "events/get_many", ids=[e.id for e in batch.events])
        }

        def event(event_id: str) -> Event | None:
            return changed[event_id] if event_id in changed else events.get(event_id)

        rows = merge_batch(batch, documents.get, actors.get, event, redirected.absorbed)
        written = {e.id for e in rows.events}
        pruned = tuple(e for i, e in changed.items() if e is not None and i not in written)
        rows = rows.model_copy(update={"events": rows.events + pruned})
        stored_ids = set(events) | {i for i, e in changed.items() if e is not None}

        _stamp(tx, "writes/stamp_events", writes, list(events))  # their old participants
        shown = [{"id": a.id, "name": a.name, "kind": str(a.kind)} for a in rows.actors]
        _stamp(tx, "writes/stamp_renamed", writes, shown, param="rows")

        _run_batched(tx, "documents/upsert", [document_row(d) for d in rows.documents])
        _run_batched(tx, "actors/upsert", [actor_row(a) for a in rows.actors])
        new = [e for e in rows.events if e.id not in stored_ids]
        _run_batched(tx, "events/create", [event_create_row(e) for e in new])
        stored = [event_write_row(e) for e in rows.events if e.id in stored_ids]
        _run_batched(tx, "events/write", stored)
        _run_batched(tx, "relations/upsert", [relation_row(r) for r in rows.relations])
        _run_batched(tx, "same_as/upsert", [same_as_row(c) for c in rows.same_as])

        _stamp(tx, "writes/stamp_events", writes, [e.id for e in rows.events])  # new ones
        ends = {a.id for a in rows.actors}
        ends.update(end for r in rows.relations for end in (r.source, r.target))
        _stamp(tx, "writes/stamp_actors", writes, sorted(ends))

    @staticmethod
    def _withdraw(
        tx: ManagedTransaction, writes: int, batch: GraphBatch
    ) -> dict[str, Event | None]:
        """Withdraw what the stored versions of the batch's `replaces` documents gave
        (after `check_replaces`): their sources, events left without one and relations
        go in Cypher; the events they touched that remain are returned as `withdraw`
        left them (showing what the other documents say), for the caller to write."""
        ids = list(batch.replaces)
        stored = {
            row["document"]["id"]: Document(**row["document"])
            for row in _run(tx, "documents/get_many", ids=ids)
        }

        def writers(document_id: str) -> set[str]:
            (row,) = _run(tx, "documents/writers", id=document_id)
            return set(row["extractors"])

        check_replaces(batch, stored.get, writers)
        events: list[Event] = []
        if stored:  # a first version has nothing to withdraw: no more round trips
            (touched,) = _run(tx, "documents/events", ids=list(stored))
            rows = _run(tx, "events/get_many", ids=touched["ids"])
            events = [_event_model(row["event"]) for row in rows]
        changed, _ = withdraw(set(ids), events, ())
        _run(tx, "writes/stamp_documents", writes=writes, ids=ids)
        _run(tx, "documents/withdraw", ids=ids)
        return changed

    def merge_actors(self, actor_id: str, into: str) -> Actor:
        """Merge in one write transaction (see `graphsvc.store.actor_merge`)."""
        return self._write(lambda tx, writes: self._merge_actors(tx, writes, actor_id, into))

    @staticmethod
    def _merge_actors(tx: ManagedTransaction, writes: int, actor_id: str, into: str) -> Actor:
        """The merge, and a change stamp on everything (writes/stamp_all): ids redirect,
        participations and reported_by move, so every kept answer goes stale."""
        old: Actor | None = None
        merged_into: str | None = None
        for row in _run(tx, "actors/get", id=actor_id):
            if row["merged_into"] is None:
                old = Actor(**row["actor"])
            else:
                merged_into = row["merged_into"]
        found = _run(tx, "actors/get", id=into)
        target = Actor(**found[0]["actor"]) if found else None
        old, target = check_merge(actor_id, into, old, merged_into, target)
        relations = [
            _relation_model(row)
            for who in (old.id, target.id)
            for row in _run(tx, "related/relations", actor_id=who, since=None, until=None)
        ]
        candidates, _ = _candidates(_run(tx, "same_as/of_actors", ids=[old.id, target.id]))
        plan = plan_merge(old, target, relations, candidates)
        _run_batched(tx, "actors/upsert", [actor_row(plan.actor)])
        _run_batched(tx, "relations/upsert", [relation_row(r) for r in plan.relations])
        _run_batched(tx, "same_as/upsert", [same_as_row(c) for c in plan.same_as])
        _run(tx, "actors/merge", old=old.id, into=target.id)
        claiming = _run(tx, "events/claims_naming", needle=orjson.dumps(old.id).decode())
        renamed = [
            {"id": row["id"], "claims": claims_text(claims)}
            for row in claiming
            for claims in [rename_actor(claims_model(row["claims"]), old.id, target.id)]
        ]
        _run(tx, "events/set_claims", rows=renamed)
        _run(tx, "writes/stamp_all", writes=writes)
        return plan.actor

    # -- reading -------------------------------------------------------------------

    @staticmethod
    def _actor(tx: ManagedTransaction, actor_id: str) -> Actor:
        rows = _run(tx, "actors/get", id=actor_id)
        if not rows:
            raise NotFound(f"no actor with id {actor_id!r}; search with GET /actors?q=")
        return Actor(**rows[0]["actor"])

    def get_actor(self, actor_id: str) -> Actor:
        return self._read(lambda tx: self._actor(tx, actor_id))

    def actor_detail(self, actor_id: str) -> ActorDetail:
        def work(tx: ManagedTransaction) -> ActorDetail:
            actor = self._actor(tx, actor_id)
            candidates, refs = _candidates(_run(tx, "same_as/of_actors", ids=[actor.id]))
            views = candidate_views(actor.id, candidates, refs)
            return ActorDetail(**actor.model_dump(), same_as_candidates=views)

        return self._read(work)

    def actors_by_names(self, names: Iterable[str]) -> list[Actor]:
        wanted = normalised_names(names)
        if not wanted:
            return []
        rows = self._read(lambda tx: _run(tx, "actors/by_names", names=wanted))
        return [Actor(**row["actor"]) for row in rows]

    def get_documents(self, ids: Iterable[str]) -> list[Document]:
        wanted = bounded_ids(ids)
        if not wanted:
            return []
        rows = self._read(lambda tx: _run(tx, "documents/get_many", ids=wanted))
        found = {row["document"]["id"]: Document(**row["document"]) for row in rows}
        return [found[i] for i in wanted if i in found]

    def actor_documents(self, actor_id: str, limit: int) -> ActorDocumentsPage:
        def work(tx: ManagedTransaction) -> ActorDocumentsPage:
            me = self._actor(tx, actor_id)
            (row,) = _run(tx, "actors/documents", actor_id=me.id, limit=limit)
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
        rows = self._read(lambda tx: _run(tx, "actors/search", needle=needle, limit=limit))
        return [Actor(**row["actor"]) for row in rows]

    def timeline(self, query: TimelineQuery) -> TimelinePage:
        """One statement an answer (timeline/answer*), the write counter read inside it."""
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
            return page(self._answer("timeline/page", params))
        return self._kept_answer("timeline/page_for_actor", params, page)

    def get_event(self, event_id: str) -> EventDetail:
        rows = self._read(lambda tx: _run(tx, "events/get", id=event_id))
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

        return self._kept_answer("related/summary", params, page)

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
            rows = _run(tx, "paths/shortest", source=refs[0].id, target=refs[1].id, cap=PATH_CAP)
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
        run only if Neo4j's plan of it reads this database alone (`adhoc.plan`)."""

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
        (row,) = self._read(lambda tx: _run(tx, "stats/count"))
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
