"""The CSV files `neo4j-admin database import full` reads, holding what the
transactional writer would store: the same labels, property names, Cypher types and
relationship types (cypher/documents/upsert, actors/upsert, events/create,
relations/upsert, same_as/upsert), from the same row codec (`graphsvc.store.rows`,
`graphsvc.store.neo4j.records`).

The importer's header format: `id:ID(Actor)` is the node's `id` property and its key in
the Actor id space, `:LABEL` lists labels, `:START_ID(Actor)`/`:END_ID(Event)` and
`:TYPE` make relationships, `name:type` types a property (`published:date`,
`aliases:string[]`). A missing value is an empty unquoted field (no property, as Cypher's
SET of null stores none); every string is quoted, so an empty string stays an empty
string (a relation's document is '' when it has none: the writer's key). Labels and
relationship types come from fixed tables keyed by the models' enums, never from text.

Arrays use ARRAY_DELIMITER, a control character no name should hold; a value that does
hold it, or the quote of a CSV field, is refused, since the importer would split it.
Files whose values span lines are named, for the importer's multi-line reading, which
is slower and so used only where needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from graphsvc.errors import InvalidInput
from graphsvc.model import ActorKind, Event, RelationType
from graphsvc.store.neo4j.first_load import FirstLoadGraph
from graphsvc.store.neo4j.records import event_props, participant_props, source_props
from graphsvc.store.rows import actor_row, document_row, relation_row

#: Between array elements (--array-delimiter): U+001F, the unit separator.
ARRAY_DELIMITER = "\x1f"
#: The write lock's node (writes/lock) as after one write transaction: every actor
#: stamped by it (`changed`), as the writer stamps every actor it writes, so a kept
#: answer taken before any later write is known current (docs/consistency.md).
WRITES = 1

#: The second label of an actor by kind, as actors/upsert sets it.
KIND_LABELS: dict[ActorKind, str] = {
    ActorKind.person: "Person",
    ActorKind.organization: "Organization",
    ActorKind.place: "Place",
    ActorKind.group: "Group",
}
#: Relationship types as relations/upsert writes them (one branch each).
RELATION_TYPES: dict[RelationType, str] = {t: t.value for t in RelationType}

#: A column: its property name ('' for the importer's own columns) and how a cell is
#: written, which is also the importer's type unless the kind names an own column.
Column = tuple[str, str]
#: Column kinds that are the importer's own columns, with their header text.
OWN_COLUMNS = {"LABEL": ":LABEL", "TYPE": ":TYPE"}


@dataclass(frozen=True)
class ImportFile:
    """One CSV file: nodes or relationships, and whether any value spans lines."""

    path: Path
    kind: str  # "nodes" or "relationships"
    rows: int
    multiline: bool


@dataclass
class ImportFiles:
    """The files written, in the order the importer is given them."""

    folder: Path
    files: list[ImportFile] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {f.path.stem: f.rows for f in self.files}


def _quote(text: str, where: str) -> str:
    return '"' + _checked(text, where).replace('"', '""') + '"'


def _checked(text: str, where: str) -> str:
    if ARRAY_DELIMITER in text:
        raise InvalidInput(
            f"{where}: a value holds the control character U+001F, which the Neo4j "
            "import uses between array elements; remove it or load transactionally"
        )
    return text


def _cell(value: Any, kind: str, where: str) -> str:
    """One field in the importer's syntax; None is an empty unquoted field."""
    if value is None:
        return ""
    if kind == "LABEL":  # labels are fixed names (KIND_LABELS), never input text
        return ARRAY_DELIMITER.join(value)
    if kind == "string[]":
        joined = ARRAY_DELIMITER.join(_checked(v, where) for v in value)
        return '"' + joined.replace('"', '""') + '"'
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return repr(value) if kind == "double" else str(int(value))
    if kind in ("date", "datetime"):
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    return _quote(str(value), where)


class _Writer:
    """One CSV file with a header line, noting whether a value spans lines."""

    def __init__(self, path: Path, kind: str, columns: list[Column]) -> None:
        self.path, self.kind, self.columns = path, kind, columns
        self.rows = 0
        self.multiline = False
        self._handle: TextIO = path.open("w", encoding="utf-8", newline="")
        header = [OWN_COLUMNS.get(typ) or f"{name}:{typ}" for name, typ in columns]
        self._handle.write(",".join(header) + "\n")

    def write(self, values: Iterable[Any], where: str) -> None:
        cells = [_cell(v, t, where) for v, (_, t) in zip(values, self.columns, strict=True)]
        line = ",".join(cells)
        if "\n" in line or "\r" in line:
            self.multiline = True
        self._handle.write(line + "\n")
        self.rows += 1

    def close(self) -> ImportFile:
        self._handle.close()
        return ImportFile(self.path, self.kind, self.rows, self.multiline)


DOCUMENT_COLUMNS: list[Column] = [
    ("id", "ID(Document)"),
    ("", "LABEL"),
    ("title", "string"),
    ("url", "string"),
    ("published", "date"),
    ("source", "string"),
    ("language", "string"),
    ("text_sha256", "string"),
    ("ingested_at", "datetime"),
]
ACTOR_COLUMNS: list[Column] = [
    ("id", "ID(Actor)"),
    ("", "LABEL"),
    ("name", "string"),
    ("kind", "string"),
    ("aliases", "string[]"),
    ("kind_evidence", "string"),
    ("search_names", "string[]"),
    ("changed", "long"),
]
EVENT_COLUMNS: list[Column] = [
    ("id", "ID(Event)"),
    ("", "LABEL"),
    ("type", "string"),
    ("summary", "string"),
    ("confidence", "double"),
    ("factuality", "string"),
    ("approximate", "boolean"),
    ("open_start", "boolean"),
    ("reported_by", "string"),
    ("claims", "string"),
    ("precision", "string"),
    ("date_basis", "string"),
    ("date_text", "string"),
    ("start", "date"),
    ("end", "date"),
    ("date_anchor", "date"),
]
LOCK_COLUMNS: list[Column] = [
    ("id", "ID(WriteLock)"),
    ("", "LABEL"),
    ("writes", "long"),
    ("shown_changed", "long"),
]
PARTICIPATION_COLUMNS: list[Column] = [
    ("", "START_ID(Actor)"),
    ("", "END_ID(Event)"),
    ("", "TYPE"),
    ("role", "string"),
    ("ordinal", "long"),
    ("basis", "string"),
    ("mention", "string"),
]
SOURCE_COLUMNS: list[Column] = [
    ("", "START_ID(Event)"),
    ("", "END_ID(Document)"),
    ("", "TYPE"),
    ("sentence", "string"),
    ("extractor", "string"),
    ("ordinal", "long"),
    ("char_start", "long"),
    ("char_end", "long"),
    ("trigger_start", "long"),
    ("trigger_end", "long"),
]
RELATION_COLUMNS: list[Column] = [
    ("", "START_ID(Actor)"),
    ("", "END_ID(Actor)"),
    ("", "TYPE"),
    ("document", "string"),
    ("since", "date"),
    ("until", "date"),
    ("sentence", "string"),
    ("role", "string"),
    ("basis", "string"),
    ("since_precision", "string"),
    ("until_precision", "string"),
    ("current", "boolean"),
    ("stated_on", "date"),
    ("char_start", "long"),
    ("char_end", "long"),
]
SAME_AS_COLUMNS: list[Column] = [
    ("", "START_ID(Actor)"),
    ("", "END_ID(Actor)"),
    ("", "TYPE"),
    ("reason", "string"),
]


def _labels(*labels: str) -> tuple[str, ...]:
    return labels


def _values(row: dict[str, Any], columns: list[Column], first: list[Any]) -> Iterator[Any]:
    yield from first
    for name, _ in columns[len(first) :]:
        yield row.get(name)


def _event_rows(event: Event) -> tuple[list[Any], list[list[Any]], list[list[Any]]]:
    """The node's values and its PARTICIPATED_IN and REPORTED_IN edges' values."""
    props = event_props(event)
    when = event.when
    props["start"] = when.start if when else None
    props["end"] = when.end if when else None
    props["date_anchor"] = when.anchor if when else None
    labels = _labels("Event") if when else _labels("Event", "Undated")
    node = list(_values(props, EVENT_COLUMNS, [event.id, labels]))
    took_part = [
        list(
            _values(
                participant_props(p, i),
                PARTICIPATION_COLUMNS,
                [p.actor, event.id, "PARTICIPATED_IN"],
            )
        )
        for i, p in enumerate(event.participants)
    ]
    reported = [
        list(_values(source_props(s, i), SOURCE_COLUMNS, [event.id, s.document, "REPORTED_IN"]))
        for i, s in enumerate(event.sources)
    ]
    return node, took_part, reported


def write_import_files(graph: FirstLoadGraph, folder: Path) -> ImportFiles:
    """Write the graph as the importer's CSV files under `folder` (created if needed;
    files of the same names are overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    result = ImportFiles(folder)

    def writer(name: str, kind: str, columns: list[Column]) -> _Writer:
        return _Writer(folder / f"{name}.csv", kind, columns)

    documents = writer("documents", "nodes", DOCUMENT_COLUMNS)
    for d in graph.documents.values():
        documents.write(
            _values(document_row(d), DOCUMENT_COLUMNS, [d.id, _labels("Document")]), d.id
        )
    actors = writer("actors", "nodes", ACTOR_COLUMNS)
    for a in graph.actors.values():
        row = {**actor_row(a), "changed": WRITES}
        actors.write(
            _values(row, ACTOR_COLUMNS, [a.id, _labels("Actor", KIND_LABELS[a.kind])]), a.id
        )
    lock = writer("write_lock", "nodes", LOCK_COLUMNS)
    lock.write(["graphsvc", _labels("WriteLock"), WRITES, WRITES], "the write lock")
    events = writer("events", "nodes", EVENT_COLUMNS)
    participations = writer("participated_in", "relationships", PARTICIPATION_COLUMNS)
    sources = writer("reported_in", "relationships", SOURCE_COLUMNS)
    for e in graph.events.values():
        node, took_part, reported = _event_rows(e)
        events.write(node, e.id)
        for values in took_part:
            participations.write(values, e.id)
        for values in reported:
            sources.write(values, e.id)
    relations = writer("relations", "relationships", RELATION_COLUMNS)
    for r in graph.relations.values():
        row = relation_row(r)
        first = [r.source, r.target, RELATION_TYPES[r.type]]
        relations.write(_values(row, RELATION_COLUMNS, first), f"relation {r.source}->{r.target}")
    same_as = writer("same_as_candidate", "relationships", SAME_AS_COLUMNS)
    for c in graph.same_as.values():
        same_as.write([c.actor, c.candidate, "SAME_AS_CANDIDATE", c.reason], c.actor)
    for w in (documents, actors, lock, events, participations, sources, relations, same_as):
        result.files.append(w.close())
    return result
