"""The embedded store's durable copy: SQLite in WAL mode, one transaction per batch.

The in-memory graph is only a cache of this file. A batch is acknowledged after its
transaction commits with `synchronous=FULL`, so a crash (even SIGKILL or power loss)
keeps every acknowledged batch and never half of one. A full disk (SQLITE_FULL, or an
I/O error writing) rolls the batch back and answers 507; other SQLite failures, 503.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel

from graphsvc.errors import GraphsvcError, InsufficientStorage, StoreUnavailable
from graphsvc.model import Actor, Document, Event, GraphBatch, Relation, SameAsCandidate, utc_now
from graphsvc.store.embedded.fulltext import install as install_search
from graphsvc.store.embedded.fulltext import reindex as reindex_search
from graphsvc.store.embedded.removals import Removals
from graphsvc.store.embedded.trusted import Builders, UnsupportedModel, Untrusted, records_format

log = logging.getLogger(__name__)

_R = TypeVar("_R", bound=BaseModel)

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS actors (id TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS relations (
    source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, document TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (source, type, target, document)
);
CREATE TABLE IF NOT EXISTS same_as (
    actor TEXT NOT NULL, candidate TEXT NOT NULL, body BLOB NOT NULL,
    PRIMARY KEY (actor, candidate)
);
CREATE TABLE IF NOT EXISTS actor_redirects (id TEXT PRIMARY KEY, into_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, committed_at TEXT NOT NULL, counts BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS records_format (
    id INTEGER PRIMARY KEY CHECK (id = 1), format TEXT NOT NULL, batch INTEGER NOT NULL
);
"""
#: The stored record models and their tables, in the order a rebuild reads them.
RECORDS: tuple[tuple[type[BaseModel], str], ...] = (
    (Document, "documents"),
    (Actor, "actors"),
    (Event, "events"),
    (Relation, "relations"),
    (SameAsCandidate, "same_as"),
)


def records_format_now() -> str:
    """The fingerprint of this code's records (`trusted.records_format`)."""
    return records_format(*(model for model, _ in RECORDS))


def _dump(model: Document | Actor | Event | Relation | SameAsCandidate) -> bytes:
    return orjson.dumps(model.model_dump(mode="json"))


def _primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code (SQLITE_IOERR_WRITE is SQLITE_IOERR), if known."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def write_failure(exc: sqlite3.Error, path: Path, what: str) -> GraphsvcError:
    """The domain error for a failed write: 507 when the disk is full (or SQLite could not
    write to it), 503 otherwise. `what` says what was not written."""
    code = _primary_code(exc)
    if code == sqlite3.SQLITE_FULL:
        return InsufficientStorage(
            f"the disk holding the SQLite store at {path} is full ({exc}): {what} was rolled "
            "back and nothing of it was written; free some space and send it again"
        )
    if code == sqlite3.SQLITE_IOERR:
        return InsufficientStorage(
            f"SQLite could not write to the disk holding {path} ({exc}; is it full?): "
            f"{what} was rolled back and nothing of it was written; check the disk and send "
            "it again"
        )
    return StoreUnavailable(f"{what} was not written to the SQLite store at {path}: {exc}")


class SqliteCopy:
    """Rows of the graph keyed by id; bodies are the models' JSON."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
            install_search(self._db)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open the SQLite store at {path}: {exc}") from exc
        self.path = path

    def data_version(self) -> int:
        """Changes when another connection (another process) commits to the file."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def begin(self) -> None:
        """Take SQLite's write lock (BEGIN IMMEDIATE): writers of other processes wait
        until `commit` or `rollback`, so what is read meanwhile stays current."""
        self._rollback()  # a transaction left open by a failed rollback would block BEGIN
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise write_failure(exc, self.path, "the batch") from exc

    def rollback(self) -> None:
        self._rollback()

    def commit(
        self,
        rows: GraphBatch,
        counts: dict[str, int],
        removals: Removals | None = None,
        redirects: Mapping[str, str] | None = None,
    ) -> int:
        """Write merged rows, deletions and actor redirects (old id -> merged actor) in the
        transaction `begin` opened (one is opened here if none is), and commit; return the
        batch number."""
        db = self._db
        removals = removals or Removals()
        if not db.in_transaction:
            self.begin()
        try:
            db.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in removals.documents])
            db.executemany("DELETE FROM events WHERE id = ?", [(i,) for i in removals.events])
            db.executemany(
                "DELETE FROM relations"
                " WHERE source = ? AND type = ? AND target = ? AND document = ?",
                list(removals.relations),
            )
            db.executemany(
                "DELETE FROM same_as WHERE actor = ? AND candidate = ?", list(removals.same_as)
            )
            db.executemany("DELETE FROM actors WHERE id = ?", [(i,) for i in removals.actors])
            db.executemany(
                "INSERT OR REPLACE INTO actor_redirects VALUES (?, ?)",
                list((redirects or {}).items()),
            )
            db.executemany(
                "INSERT OR REPLACE INTO documents VALUES (?, ?)",
                [(d.id, _dump(d)) for d in rows.documents],
            )
            db.executemany(
                "INSERT OR REPLACE INTO actors VALUES (?, ?)",
                [(a.id, _dump(a)) for a in rows.actors],
            )
            db.executemany(
                "INSERT OR REPLACE INTO events VALUES (?, ?)",
                [(e.id, _dump(e)) for e in rows.events],
            )
            db.executemany(
                "INSERT OR REPLACE INTO relations VALUES (?, ?, ?, ?, ?)",
                [(*r.key, _dump(r)) for r in rows.relations],
            )
            db.executemany(
                "INSERT OR REPLACE INTO same_as VALUES (?, ?, ?)",
                [(*c.key, _dump(c)) for c in rows.same_as],
            )
            reindex_search(db)  # the full-text index, in the same transaction
            previous = self.last_batch()
            cursor = db.execute(
                "INSERT INTO batches (committed_at, counts) VALUES (?, ?)",
                (utc_now().isoformat(), orjson.dumps(counts)),
            )
            # A stamp that held before this batch holds after it (this code validated
            # the batch); one that did not (older rows unchecked) stays stale.
            db.execute(
                "UPDATE records_format SET batch = ? WHERE id = 1 AND format = ? AND batch = ?",
                (cursor.lastrowid, records_format_now(), previous),
            )
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            # SQLite may have rolled back already (it does on SQLITE_FULL and I/O errors).
            self._rollback()
            raise write_failure(exc, self.path, "the batch") from exc
        return int(cursor.lastrowid or 0)

    def _rollback(self) -> None:
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # retried before the next write
                self._db.execute("ROLLBACK")

    def _bodies(self, table: str) -> Iterator[bytes]:
        # The table name comes from the fixed `RECORDS`, never from input.
        for (body,) in self._db.execute(f"SELECT body FROM {table} ORDER BY rowid"):
            yield body

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction around a rebuild, so the stamp, the records and the
        redirects it reads are of the same commit (WAL: writers go on meanwhile). Inside
        the writer's own transaction, that transaction is the snapshot."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._rollback()

    def last_batch(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(seq), 0) FROM batches").fetchone()[0])

    def stamped(self) -> bool:
        """Whether every record in the file was written by code of this records format:
        the stamp names this format and the last batch (a batch written by code that
        does not keep the stamp leaves it behind)."""
        row = self._db.execute("SELECT format, batch FROM records_format WHERE id = 1").fetchone()
        return row is not None and tuple(row) == (records_format_now(), self.last_batch())

    def stamp(self, batch: int) -> bool:
        """After a validated read of the file as of `batch`: stamp it, unless a batch was
        written since (not read, not checked). Best effort: a file that cannot be written
        now is validated again at the next start-up."""
        if self._db.in_transaction:
            return False
        try:
            self._db.execute("BEGIN IMMEDIATE")
            if self.last_batch() != batch:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO records_format VALUES (1, ?, ?)",
                (records_format_now(), batch),
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.warning("could not stamp the records' format in %s: %s", self.path, exc)
            return False
        finally:
            self._rollback()
        return True

    def read_all(self, each: Callable[[BaseModel], object] | None = None) -> GraphBatch:
        """Everything, validated, for rebuilding the in-memory graph at start-up. `each`
        sees every record as it is read, before the next one (the embedded store compacts
        them there, so the memory freed is reused at once instead of left as holes in the
        heap)."""

        def read(model: type[_R], table: str) -> tuple[_R, ...]:
            records = []
            for body in self._bodies(table):
                record = model.model_validate_json(body)
                if each is not None:
                    each(record)
                records.append(record)
            return tuple(records)

        tables: dict[str, Any] = {table: read(model, table) for model, table in RECORDS}
        return GraphBatch.model_construct(**tables)

    def read_trusted(self, builders: Builders) -> GraphBatch | None:
        """Everything, built without validation (`trusted`), for a stamped file; None
        when a record does not fit (the caller validates instead)."""
        loads = orjson.loads
        try:
            read: dict[str, Any] = {}
            for model, table in RECORDS:
                build = builders.model(model)
                read[table] = tuple([build(loads(body)) for body in self._bodies(table)])
        except (UnsupportedModel, Untrusted, LookupError, TypeError, ValueError) as exc:
            log.warning("%s is stamped but a record does not fit (%s): validating", self.path, exc)
            return None
        return GraphBatch.model_construct(**read)

    def read_redirects(self) -> dict[str, str]:
        """Merged-away actor ids and the actors they resolve to."""
        return dict(self._db.execute("SELECT id, into_id FROM actor_redirects").fetchall())

    def batch_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM batches").fetchone()[0])

    def ping(self) -> None:
        try:
            self._db.execute("SELECT 1").fetchone()
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"SQLite store is not readable: {exc}") from exc

    def close(self) -> None:
        self._db.close()
