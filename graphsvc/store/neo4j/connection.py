"""The Neo4j store's plumbing: its drivers, sessions and transactions, each call bounded
in time (`deadline`), driver errors translated (`errors`), reads made consistent with
the write lock (`consistency`) and hot answers kept by the write counter (`kept`).

One driver per store (one store per process); a second driver when POST /cypher has a
user of its own. `Neo4jStore` builds the `GraphStore` methods on these.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from graphsvc.errors import StoreUnavailable
from graphsvc.store.cypher import load_query
from graphsvc.store.neo4j.consistency import (
    READ_ATTEMPTS,
    StillChanging,
    answer_consistently,
    consistent,
    under_write_lock,
)
from graphsvc.store.neo4j.deadline import (
    Watchdog,
    call_with_deadline,
    call_with_deadline_async,
    run_detached,
)
from graphsvc.store.neo4j.driver_internals import pipelined_begin
from graphsvc.store.neo4j.errors import translate
from graphsvc.store.neo4j.kept import (
    NOTHING_KEPT,
    KeptAnswers,
    Reading,
    SharedCounter,
    freeze,
)
from graphsvc.store.neo4j.schema import apply_schema
from graphsvc.store.neo4j.statements import record_row

T = TypeVar("T")
A = TypeVar("A")

#: How long past a read's server-side timeout the caller still waits for Neo4j.
READ_GRACE_SECONDS = 1.0
#: How long past a POST /cypher query's timeout the caller still waits for Neo4j.
CYPHER_GRACE_SECONDS = 0.5
#: Longest wait for a connection: to open one, or for a free one from the pool.
CONNECT_SECONDS = 5.0


class Neo4jConnection:
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
        bounded on this side (`graphsvc.store.neo4j.deadline`), for a Neo4j that never answers.
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
        self._counter = SharedCounter(
            self._stamps_now, bound, lambda: self._silent(bound), detach=run_detached
        )

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
        """Driver errors as StoreUnavailable naming the URI (`errors.translate`)."""
        with translate(
            self.uri,
            writing=writing,
            query_timeout=self._query_timeout,
            write_timeout=self._write_timeout,
        ):
            yield

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
        `locking`: a read that takes the write lock (`consistency.under_write_lock`), so it runs
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
            checked = functools.partial(consistent, work=work)
            try:
                return self._transaction(
                    watchdog, checked, writing=False, timeout=self._query_timeout
                )
            except StillChanging:
                return self._locked_read(watchdog, work)

        seconds = self._query_timeout + READ_GRACE_SECONDS
        return call_with_deadline(call, seconds, lambda: self._silent(seconds))

    def _answer(
        self, name: str, params: dict[str, Any], known: int | None = None
    ) -> dict[str, Any]:
        """The one row of a read statement that reads the write counter before and after
        its work (`consistency.answer_consistently`): no extra round trip for it, and a
        retry only when a writer actually committed meanwhile. `known`: the statement
        takes `$known` and skips its work while the counter is still that (`kept`)."""
        seconds = self._query_timeout + READ_GRACE_SECONDS
        call = self._answer_call(name, params, known)
        return call_with_deadline(call, seconds, lambda: self._silent(seconds))

    async def _answer_async(
        self, name: str, params: dict[str, Any], known: int | None = None
    ) -> dict[str, Any]:
        """`_answer` awaited on an event loop: the runner thread wakes the loop."""
        seconds = self._query_timeout + READ_GRACE_SECONDS
        call = self._answer_call(name, params, known)
        return await call_with_deadline_async(call, seconds, lambda: self._silent(seconds))

    def _answer_call(
        self, name: str, params: dict[str, Any], known: int | None
    ) -> Callable[[Watchdog], dict[str, Any]]:
        """What `_answer` runs on a runner thread."""
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

        return call

    def _locked_read(self, watchdog: Watchdog, work: Callable[[ManagedTransaction], T]) -> T:
        """`work` once, holding the write lock: the answer of a read that every plain
        attempt saw torn by a commit. Writers wait for it; it waits for none but the
        batch committing now."""
        locked = functools.partial(under_write_lock, work=work)
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
                with pipelined_begin(session):
                    return session.execute_read(bounded)

    def _kept_answer(
        self,
        name: str,
        params: dict[str, Any],
        build: Callable[[dict[str, Any]], A],
        actor: str,
    ) -> A:
        """`build` of the statement's row, or the answer kept for the same statement and
        parameters while it stands (see `graphsvc.store.neo4j.kept`): a reading of the
        counter and `actor`'s change stamp shared with the requests asking at once, then
        the statement only if the answer no longer stands. (The statement's own `$known`
        check serves a caller without the shared read; here it finds a change.)"""
        key = (name, freeze(params))
        kept = self._kept.get(key)
        if kept is not None:
            now = self._counter.fresh(actor)
            if now.stands(actor, kept[0]):
                # Kept again at the counter read, so the next request finds it current
                # even without its actor's stamp (W = K).
                self._kept.keep(key, now.writes, kept[1])
                return cast(A, kept[1])
        known = NOTHING_KEPT if kept is None else kept[0]
        row = self._answer(name, params, known)
        return self._keep_row(key, kept, row, build)

    async def _kept_answer_async(
        self,
        name: str,
        params: dict[str, Any],
        build: Callable[[dict[str, Any]], A],
        actor: str,
    ) -> A:
        """`_kept_answer` for a request on an event loop: the same steps and the same
        rule, but the request waits for the shared reading and, when needed, the
        statement without a thread of its own (a kept answer that stands costs no thread
        hand-over at all; the statement one, its runner thread's)."""
        key = (name, freeze(params))
        kept = self._kept.get(key)
        if kept is not None:
            now = await self._counter.fresh_async(actor)
            if now.stands(actor, kept[0]):
                self._kept.keep(key, now.writes, kept[1])  # as in `_kept_answer`
                return cast(A, kept[1])
        known = NOTHING_KEPT if kept is None else kept[0]
        row = await self._answer_async(name, params, known)
        return self._keep_row(key, kept, row, build)

    def _keep_row(
        self,
        key: Any,
        kept: tuple[int, Any] | None,
        row: dict[str, Any],
        build: Callable[[dict[str, Any]], A],
    ) -> A:
        """The answer of the statement's `row` (the kept one when the row says it still
        stands), kept at the row's counter when it was read whole."""
        if kept is not None and row["kept"]:
            # No batch since `known` changed this answer (the change stamps): it stands
            # at the counter now.
            self._kept.keep(key, row["before"], kept[1])
            return cast(A, kept[1])
        answer = build(row)
        if row["before"] == row["after"]:
            self._kept.keep(key, row["after"], answer)
        return answer

    def _stamps_now(self, actors: list[str], seconds: float) -> Reading:
        """The write counter, then `shown_changed` and the change stamps of `actors`
        (writes/version_stamps), in one read bounded by `seconds`.

        One statement, so it goes out as an auto-commit query: RUN and PULL in one
        round trip, with no BEGIN and no COMMIT (a managed transaction, even with BEGIN
        pipelined, waits for its COMMIT too). Every request of a round waits for this
        read, so it is the round trip that sets the latency of a kept answer. Its
        reading is the same: the statement reads the counter first and the stamps after
        it, in one query. A failure the driver would retry (a lost connection) is read
        again in a managed transaction, which retries."""
        query = load_query("writes/version_stamps")

        def reading(row: Any) -> Reading:
            return Reading(
                writes=int(row["writes"]),
                shown_changed=int(row["shown_changed"]),
                stamps={asked: stamp for asked, stamp in row["stamps"]},
            )

        def managed(tx: ManagedTransaction) -> Reading:
            return reading(tx.run(query, actors=actors).single(strict=True))

        def call(watchdog: Watchdog) -> Reading:
            with self._translate():
                self._ensure_schema(watchdog)
                try:
                    with self._session(neo4j.READ_ACCESS) as session:
                        watchdog.watch(session)
                        bounded = neo4j.Query(query, timeout=self._query_timeout)
                        return reading(session.run(bounded, actors=actors).single(strict=True))
                except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                    if watchdog.fired or not exc.is_retryable():
                        raise
            return self._read_transaction(watchdog, managed)

        bound = self._query_timeout + READ_GRACE_SECONDS
        return call_with_deadline(call, seconds, lambda: self._silent(bound))

    def _write(self, work: Callable[[ManagedTransaction, int], T]) -> T:
        """Run `work(tx, writes)` in a write transaction that holds the write lock from
        its start; `writes` is the write counter this transaction set (writes/lock), the
        value its change stamps carry (writes/stamp_*, see `graphsvc.store.neo4j.kept`)."""

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
                apply_schema(session)
            self._schema_applied = True
