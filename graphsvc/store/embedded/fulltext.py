"""The embedded store's full-text index: SQLite FTS5 tables in the store's own file.

The index lives on disk, not in memory (start-up and RSS stay as they were). Triggers on
the `events`, `actors` and `documents` tables note every insert, replace and delete, by
any writer, in `search_queue`; each batch brings the index up to date from that queue
before it commits (`reindex`), so what is committed and what is indexed never differ. A
file written before the index existed is indexed once, on first open (`install`).

Rows: `search_keys` gives each indexed record a number; an event's summary is row
`n` of `search_summaries`, its source sentences rows `n * 2^20 + i` of `search_sentences`
(so one range deletes them all, without scanning).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from graphsvc.errors import StoreUnavailable
from graphsvc.store.fulltext import SCAN_LIMIT, fts5_query

#: Bumped when the tables or triggers change: a file with an older version is re-indexed.
SEARCH_VERSION = 2
SENTENCE_SHIFT = 1 << 20
_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"


#: Every statement fixed here: no text from a record or a request is ever part of one.
TABLES = [
    "CREATE TABLE IF NOT EXISTS search_keys ("
    " row INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (kind, id))",
    "CREATE TABLE IF NOT EXISTS search_queue (kind TEXT NOT NULL, id TEXT NOT NULL,"
    " PRIMARY KEY (kind, id)) WITHOUT ROWID",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_summaries USING fts5(summary, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_sentences USING fts5(sentence, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_actors USING fts5(name, aliases, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5(title, {_TOKENIZE})",
    "CREATE TABLE IF NOT EXISTS search_meta (version INTEGER NOT NULL)",
]

#: What changed, noted by triggers in the file itself, so no writer (another process,
#: another code path) can change a record without the index hearing of it. The index is
#: brought up to date from this queue in set-wise statements (`reindex`) before each
#: batch commits: FTS5 written from inside triggers, a row at a time, flushed at every
#: statement and wrote about 15 times slower.
TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS search_{table}_{when.lower()} AFTER {when} ON {table} BEGIN"
    f" INSERT OR IGNORE INTO search_queue (kind, id) VALUES ('{kind}', {row}.id); END"
    for table, kind in (("events", "event"), ("actors", "actor"), ("documents", "document"))
    for when, row in (("INSERT", "new"), ("DELETE", "old"))
]

DROP = [
    *(
        f"DROP TRIGGER IF EXISTS search_{table}_{when}"
        for table in ("events", "actors", "documents")
        for when in ("insert", "delete")
    ),
    "DROP TABLE IF EXISTS search_summaries",
    "DROP TABLE IF EXISTS search_sentences",
    "DROP TABLE IF EXISTS search_actors",
    "DROP TABLE IF EXISTS search_documents",
    "DROP TABLE IF EXISTS search_keys",
    "DROP TABLE IF EXISTS search_queue",
    "DROP TABLE IF EXISTS search_meta",
]

_BODY = "CAST(r.body AS TEXT)"  # bodies are BLOBs of JSON text: json_* reads text
_QUEUED = "FROM search_queue AS q JOIN search_keys AS k ON k.kind = q.kind AND k.id = q.id"
_STORED = {"event": "events", "actor": "actors", "document": "documents"}

#: After the old entries of every queued record are gone: the entries of those stored.
_REFILL = [
    "INSERT OR IGNORE INTO search_keys (kind, id) SELECT q.kind, q.id FROM search_queue AS q"
    " WHERE (q.kind = 'event' AND EXISTS (SELECT 1 FROM events WHERE id = q.id))"
    " OR (q.kind = 'actor' AND EXISTS (SELECT 1 FROM actors WHERE id = q.id))"
    " OR (q.kind = 'document' AND EXISTS (SELECT 1 FROM documents WHERE id = q.id))",
    f"INSERT INTO search_summaries (rowid, summary) SELECT k.row,"
    f" json_extract({_BODY}, '$.summary') {_QUEUED} JOIN events AS r ON r.id = q.id"
    " WHERE q.kind = 'event'",
    f"INSERT INTO search_sentences (rowid, sentence) SELECT k.row * {SENTENCE_SHIFT} + s.key,"
    f" json_extract(s.value, '$.sentence') {_QUEUED} JOIN events AS r ON r.id = q.id,"
    f" json_each({_BODY}, '$.sources') AS s WHERE q.kind = 'event'",
    f"INSERT INTO search_actors (rowid, name, aliases) SELECT k.row,"
    f" json_extract({_BODY}, '$.name'),"
    f" (SELECT group_concat(value, char(10)) FROM json_each({_BODY}, '$.aliases'))"
    f" {_QUEUED} JOIN actors AS r ON r.id = q.id WHERE q.kind = 'actor'",
    f"INSERT INTO search_documents (rowid, title) SELECT k.row,"
    f" json_extract({_BODY}, '$.title') {_QUEUED} JOIN documents AS r ON r.id = q.id"
    f" WHERE q.kind = 'document' AND json_extract({_BODY}, '$.title') IS NOT NULL",
    "DELETE FROM search_queue",
]


def reindex(db: sqlite3.Connection) -> None:
    """Bring the index up to date with the records the queue names, inside the caller's
    transaction: their old entries go, the stored ones are indexed again."""
    queued = db.execute(f"SELECT q.kind, k.row, k.id {_QUEUED}").fetchall()
    if not queued and db.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None:
        return
    rows = {kind: [(row,) for k, row, _ in queued if k == kind] for kind in _STORED}
    db.executemany("DELETE FROM search_summaries WHERE rowid = ?", rows["event"])
    db.executemany(
        "DELETE FROM search_sentences WHERE rowid BETWEEN ? AND ?",
        [(r * SENTENCE_SHIFT, r * SENTENCE_SHIFT + SENTENCE_SHIFT - 1) for (r,) in rows["event"]],
    )
    db.executemany("DELETE FROM search_actors WHERE rowid = ?", rows["actor"])
    db.executemany("DELETE FROM search_documents WHERE rowid = ?", rows["document"])
    for kind, table in _STORED.items():  # keys of records that are gone
        db.execute(
            f"DELETE FROM search_keys WHERE kind = ? AND id IN (SELECT id FROM search_queue"
            f" WHERE kind = ?) AND id NOT IN (SELECT id FROM {table})",
            (kind, kind),
        )
    for statement in _REFILL:
        db.execute(statement)


def install(db: sqlite3.Connection) -> None:
    """Create the index and its triggers, and fill it from the stored rows when the file
    has none of the current version (a store written before search existed), or catch
    up with a queue another writer left: all in one write transaction, so no batch of
    another process slips in between."""
    if _current(db) and db.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        if not _current(db):
            for statement in (*DROP, *TABLES, *TRIGGERS):
                db.execute(statement)
            for kind, table in _STORED.items():  # every record, as if each was just written
                db.execute(f"INSERT INTO search_queue (kind, id) SELECT '{kind}', id FROM {table}")
            db.execute("INSERT INTO search_meta (version) VALUES (?)", (SEARCH_VERSION,))
        reindex(db)
        db.execute("COMMIT")
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _current(db: sqlite3.Connection) -> bool:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'"
    ).fetchone()
    return exists is not None and _version(db) == SEARCH_VERSION


def _version(db: sqlite3.Connection) -> int | None:
    row = db.execute("SELECT max(version) FROM search_meta").fetchone()
    return None if row is None else row[0]


_SUMMARIES = (
    "SELECT k.id, -bm25(search_summaries) FROM search_summaries"
    " JOIN search_keys AS k ON k.row = search_summaries.rowid"
    " WHERE search_summaries MATCH ? ORDER BY rank LIMIT ?"
)
_SENTENCES = (
    "SELECT k.id, -bm25(search_sentences) FROM search_sentences"
    f" JOIN search_keys AS k ON k.row = search_sentences.rowid / {SENTENCE_SHIFT}"
    " WHERE search_sentences MATCH ? ORDER BY rank LIMIT ?"
)
_ACTORS = (
    "SELECT k.id, -bm25(search_actors) FROM search_actors"
    " JOIN search_keys AS k ON k.row = search_actors.rowid"
    " WHERE search_actors MATCH ? ORDER BY rank LIMIT ?"
)
_DOCUMENTS = (
    "SELECT k.id, -bm25(search_documents) FROM search_documents"
    " JOIN search_keys AS k ON k.row = search_documents.rowid"
    " WHERE search_documents MATCH ? ORDER BY rank LIMIT ?"
)


class SearchReader:
    """A read-only connection of its own: it sees committed batches only (WAL), never
    the writer's open transaction on the store's connection, and never waits for it."""

    def __init__(self, path: Path) -> None:
        try:
            self._db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open the search index in {path}: {exc}") from exc
        self._path = path
        self._lock = threading.Lock()

    def _ranked(self, sql: str, terms: tuple[str, ...]) -> list[tuple[str, float]]:
        with self._lock:
            try:
                rows = self._db.execute(sql, (fts5_query(terms), SCAN_LIMIT)).fetchall()
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"the search index in {self._path}: {exc}") from exc
        return [(str(i), float(score)) for i, score in rows]

    def events(self, terms: tuple[str, ...]) -> tuple[list[tuple[str, float]], ...]:
        """Matching summaries and matching source sentences, by event id."""
        return self._ranked(_SUMMARIES, terms), self._ranked(_SENTENCES, terms)

    def actors(self, terms: tuple[str, ...]) -> list[tuple[str, float]]:
        return self._ranked(_ACTORS, terms)

    def documents(self, terms: tuple[str, ...]) -> list[tuple[str, float]]:
        return self._ranked(_DOCUMENTS, terms)

    def close(self) -> None:
        with self._lock:
            self._db.close()
