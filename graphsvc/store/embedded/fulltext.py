"""The embedded store's full-text index: SQLite FTS5 tables in the store's own file.

The index lives on disk, not in memory (start-up and RSS stay as they were). Triggers on
the `events`, `actors` and `documents` tables keep it in step: every insert, replace and
delete, by this process or another (`graphsvc load` beside a server), changes the index
in the same transaction, so it can never disagree with what was committed. A file
written before the index existed is indexed once, on first open (`install`).

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
SEARCH_VERSION = 1
SENTENCE_SHIFT = 1 << 20
_TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"


def _key(kind: str, which: str) -> str:
    return f"(SELECT row FROM search_keys WHERE kind = '{kind}' AND id = {which}.id)"


def _body(which: str) -> str:
    # Bodies are stored as BLOBs of JSON text: cast, so json_* reads them as text.
    return f"CAST({which}.body AS TEXT)"


def _index_event(which: str) -> str:
    key = _key("event", which)
    return f"""
    INSERT OR IGNORE INTO search_keys (kind, id) VALUES ('event', {which}.id);
    INSERT INTO search_summaries (rowid, summary)
        VALUES ({key}, json_extract({_body(which)}, '$.summary'));
    INSERT INTO search_sentences (rowid, sentence)
        SELECT {key} * {SENTENCE_SHIFT} + s.key, json_extract(s.value, '$.sentence')
        FROM json_each({_body(which)}, '$.sources') AS s;"""


def _unindex_event(which: str) -> str:
    key = _key("event", which)
    return f"""
    DELETE FROM search_summaries WHERE rowid = {key};
    DELETE FROM search_sentences WHERE rowid
        BETWEEN {key} * {SENTENCE_SHIFT} AND {key} * {SENTENCE_SHIFT} + {SENTENCE_SHIFT - 1};"""


def _index_actor(which: str) -> str:
    return f"""
    INSERT OR IGNORE INTO search_keys (kind, id) VALUES ('actor', {which}.id);
    INSERT INTO search_actors (rowid, name, aliases) VALUES (
        {_key("actor", which)},
        json_extract({_body(which)}, '$.name'),
        (SELECT group_concat(value, char(10)) FROM json_each({_body(which)}, '$.aliases')));"""


def _index_document(which: str) -> str:
    return f"""
    INSERT OR IGNORE INTO search_keys (kind, id) VALUES ('document', {which}.id);
    INSERT INTO search_documents (rowid, title)
        SELECT {_key("document", which)}, json_extract({_body(which)}, '$.title')
        WHERE json_extract({_body(which)}, '$.title') IS NOT NULL;"""


def _unindex(kind: str, table: str, which: str) -> str:
    return f"DELETE FROM {table} WHERE rowid = {_key(kind, which)};"


def _forget(kind: str, which: str) -> str:
    return f"DELETE FROM search_keys WHERE kind = '{kind}' AND id = {which}.id;"


#: Every statement fixed here: no text from a record or a request is ever part of one.
TABLES = [
    "CREATE TABLE IF NOT EXISTS search_keys ("
    " row INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, UNIQUE (kind, id))",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_summaries USING fts5(summary, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_sentences USING fts5(sentence, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_actors USING fts5(name, aliases, {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_documents USING fts5(title, {_TOKENIZE})",
    "CREATE TABLE IF NOT EXISTS search_meta (version INTEGER NOT NULL)",
]

# An INSERT OR REPLACE deletes the old row without firing delete triggers (SQLite's
# recursive_triggers is off), so each insert trigger drops the old entries first.
TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS search_event_insert AFTER INSERT ON events BEGIN"
    f"{_unindex_event('new')}{_index_event('new')} END",
    "CREATE TRIGGER IF NOT EXISTS search_event_delete AFTER DELETE ON events BEGIN"
    f"{_unindex_event('old')} {_forget('event', 'old')} END",
    "CREATE TRIGGER IF NOT EXISTS search_actor_insert AFTER INSERT ON actors BEGIN "
    f"{_unindex('actor', 'search_actors', 'new')}{_index_actor('new')} END",
    "CREATE TRIGGER IF NOT EXISTS search_actor_delete AFTER DELETE ON actors BEGIN "
    f"{_unindex('actor', 'search_actors', 'old')} {_forget('actor', 'old')} END",
    "CREATE TRIGGER IF NOT EXISTS search_document_insert AFTER INSERT ON documents BEGIN "
    f"{_unindex('document', 'search_documents', 'new')}{_index_document('new')} END",
    "CREATE TRIGGER IF NOT EXISTS search_document_delete AFTER DELETE ON documents BEGIN "
    f"{_unindex('document', 'search_documents', 'old')} {_forget('document', 'old')} END",
]

DROP = [
    "DROP TRIGGER IF EXISTS search_event_insert",
    "DROP TRIGGER IF EXISTS search_event_delete",
    "DROP TRIGGER IF EXISTS search_actor_insert",
    "DROP TRIGGER IF EXISTS search_actor_delete",
    "DROP TRIGGER IF EXISTS search_document_insert",
    "DROP TRIGGER IF EXISTS search_document_delete",
    "DROP TABLE IF EXISTS search_summaries",
    "DROP TABLE IF EXISTS search_sentences",
    "DROP TABLE IF EXISTS search_actors",
    "DROP TABLE IF EXISTS search_documents",
    "DROP TABLE IF EXISTS search_keys",
    "DROP TABLE IF EXISTS search_meta",
]

BACKFILL = [
    "INSERT INTO search_keys (kind, id) SELECT 'event', id FROM events",
    f"INSERT INTO search_summaries (rowid, summary) SELECT k.row,"
    f" json_extract({_body('e')}, '$.summary') FROM events AS e"
    " JOIN search_keys AS k ON k.kind = 'event' AND k.id = e.id",
    f"INSERT INTO search_sentences (rowid, sentence) SELECT k.row * {SENTENCE_SHIFT} + s.key,"
    f" json_extract(s.value, '$.sentence') FROM events AS e"
    " JOIN search_keys AS k ON k.kind = 'event' AND k.id = e.id,"
    f" json_each({_body('e')}, '$.sources') AS s",
    "INSERT INTO search_keys (kind, id) SELECT 'actor', id FROM actors",
    f"INSERT INTO search_actors (rowid, name, aliases) SELECT k.row,"
    f" json_extract({_body('a')}, '$.name'),"
    f" (SELECT group_concat(value, char(10)) FROM json_each({_body('a')}, '$.aliases'))"
    " FROM actors AS a JOIN search_keys AS k ON k.kind = 'actor' AND k.id = a.id",
    "INSERT INTO search_keys (kind, id) SELECT 'document', id FROM documents",
    f"INSERT INTO search_documents (rowid, title) SELECT k.row,"
    f" json_extract({_body('d')}, '$.title') FROM documents AS d"
    " JOIN search_keys AS k ON k.kind = 'document' AND k.id = d.id"
    f" WHERE json_extract({_body('d')}, '$.title') IS NOT NULL",
]


def install(db: sqlite3.Connection) -> None:
    """Create the index and its triggers, and fill it from the stored rows when the file
    has none of the current version (a store written before search existed): all in one
    write transaction, so no batch of another process slips in between."""
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'"
    ).fetchone()
    if row is not None and _version(db) == SEARCH_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_meta'"
        ).fetchone()
        if exists is None or _version(db) != SEARCH_VERSION:
            for statement in (*DROP, *TABLES, *TRIGGERS, *BACKFILL):
                db.execute(statement)
            db.execute("INSERT INTO search_meta (version) VALUES (?)", (SEARCH_VERSION,))
        db.execute("COMMIT")
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


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
