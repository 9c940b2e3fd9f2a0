"""Reopening the embedded store: the graph rebuilt from SQLite at start-up (one pass,
parts shared, no networkx nodes for events) answers exactly as the store that wrote it."""

from __future__ import annotations

import contextlib
import random
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import orjson
import pytest
from pydantic import BaseModel, ValidationError

from graphsvc.export import FORMATS, iter_events
from graphsvc.export.citations import NO_CITATIONS
from graphsvc.model import (
    Actor,
    Claim,
    Document,
    Event,
    EventType,
    GraphBatch,
    Participant,
    Relation,
    RelationType,
    Role,
    SameAsCandidate,
    Source,
    When,
)
from graphsvc.store.base import TimelineQuery, Window
from graphsvc.store.embedded import DATABASE_FILE, EmbeddedStore, sqlite_copy
from graphsvc.store.embedded.compact import Compactor
from graphsvc.store.embedded.memory import MemoryGraph
from graphsvc.store.embedded.sqlite_copy import SqliteCopy
from graphsvc.store.embedded.trusted import Builders

ACTORS = 12
HOPS = 6
#: The iCalendar export stamps each event with the time it was written.
_stamp = re.compile(r"^DTSTAMP:.*$", re.MULTILINE)
ROLES = list(Role)
TYPES = list(EventType)


def _when(rng: random.Random, i: int) -> When | None:
    """Every field of `When` given a value other than its default on some events, so a
    field the rebuild dropped or mixed up would show."""
    if i % 7 == 0:
        return None
    start = date(2010, 1, 1) + timedelta(days=rng.randrange(40))
    values = {name: getattr(When.model_fields[name], "default", None) for name in When.model_fields}
    values.update(
        start=start,
        end=start + timedelta(days=rng.choice([0, 6, 30])),
        precision=rng.choice(["day", "week", "month"]),
        approximate=i % 3 == 0,
        text=f"day {i}" if i % 2 else None,
        anchor=start - timedelta(days=1) if i % 4 == 0 else None,
        basis=rng.choice(["text", "context", "publication"]),
    )
    return When.model_validate({k: v for k, v in values.items() if v is not None})


def _batch(seed: int, events: int) -> GraphBatch:
    rng = random.Random(seed)
    actors = tuple(
        Actor(id=f"person:p{i}", name=f"Person {i}", kind="person", aliases=(f"P{i}",))
        for i in range(ACTORS)
    )
    documents = tuple(Document(id=f"doc-{i}", published=date(2010, 2, i + 1)) for i in range(3))
    made = []
    for i in range(events):
        first, second = rng.sample(range(ACTORS), 2)
        made.append(
            Event(
                id=f"event:e{seed}-{i}",
                type=rng.choice(TYPES),
                summary=f"Event {i} of {seed}",
                when=_when(rng, i),
                factuality=rng.choice(["asserted", "reported", "planned"]),
                reported_by=f"person:p{rng.randrange(ACTORS)}" if i % 5 == 0 else None,
                participants=(
                    Participant(actor=f"person:p{first}", role=rng.choice(ROLES)),
                    Participant(
                        actor=f"person:p{second}",
                        basis="resolved" if i % 3 else "stated",
                        mention="he" if i % 3 else None,
                    ),
                ),
                sources=(Source(document=f"doc-{i % 3}", sentence=f"Sentence {i}."),),
            )
        )
    relations = (
        Relation(source="person:p0", type=RelationType.MEMBER_OF, target="person:p1"),
        Relation(source="person:p2", type=RelationType.LEADER_OF, target="person:p0"),
    )
    return GraphBatch(documents=documents, actors=actors, events=tuple(made), relations=relations)


def _answers(store: EmbeddedStore) -> dict[str, object]:
    everything = TimelineQuery(undated=True, limit=1000)
    exports = {
        name: _stamp.sub("", "".join(f.write(iter_events(store, everything), "All", NO_CITATIONS)))
        for name, f in FORMATS.items()
    }
    actors = [f"person:p{i}" for i in range(ACTORS)]
    return {
        "stats": store.stats(),
        "exports": exports,
        "timelines": [store.timeline(TimelineQuery(actor=a, undated=True)) for a in actors],
        "filtered": store.timeline(
            TimelineQuery(types=(EventType.attack,), window=Window(start=date(2010, 1, 10)))
        ),
        "related": [store.related_actors(a, Window(), None, 50) for a in actors],
        "paths": [store.find_paths(a, b, 4, 50) for a, b in pairwise(actors)],
    }


def test_a_reopened_store_answers_as_the_one_that_wrote(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write_batch(_batch(1, 150))
    store.write_batch(_batch(2, 60))
    written = _answers(store)
    stored = {i: e.model_dump() for i, e in store._graph.events.items()}
    store.close()
    reopened = EmbeddedStore(tmp_path)
    try:
        assert _answers(reopened) == written
        # Every field of every event, `When`'s included whatever fields it has.
        assert {i: e.model_dump() for i, e in reopened._graph.events.items()} == stored
    finally:
        reopened.close()


def test_the_rebuild_shares_equal_parts(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.write_batch(_batch(1, 150))
    store.close()
    reopened = EmbeddedStore(tmp_path)
    try:
        events = list(reopened._graph.events.values())
        by_value: dict[tuple[object, ...], Participant] = {}
        for event in events:
            for participant in event.participants:
                value = tuple(participant.model_dump().values())
                assert by_value.setdefault(value, participant) is participant
        whens = {}
        for event in events:
            if event.when is not None:
                assert whens.setdefault(event.when.model_dump_json(), event.when) is event.when
        assert len(by_value) < sum(len(e.participants) for e in events)
    finally:
        reopened.close()


def test_load_fills_only_an_empty_graph() -> None:
    graph = MemoryGraph()
    graph.load(_batch(1, 10))
    with pytest.raises(ValueError, match="empty graph"):
        graph.load(_batch(2, 10))


def test_load_holds_what_apply_holds() -> None:
    """The one-pass rebuild and the write path build the same indexes."""
    loaded, applied = MemoryGraph(), MemoryGraph()
    batch = _batch(3, 200)
    loaded.load(batch)
    applied.apply(batch)
    assert loaded.stats() == applied.stats()
    assert loaded._totals == applied._totals
    assert list(loaded._event_order) == list(applied._event_order)
    assert {a: list(k) for a, k in loaded._by_actor.items()} == {
        a: list(k) for a, k in applied._by_actor.items()
    }
    assert loaded._cited == applied._cited
    assert loaded._reported == applied._reported


def _networkx_paths(batch: GraphBatch, source: str, target: str) -> set[tuple[str, ...]]:
    """The oracle: every shortest path by networkx over actors, events and relations."""
    graph = nx.Graph()
    for event in batch.events:
        for participant in event.participants:
            graph.add_edge(("Actor", participant.actor), ("Event", event.id))
    for relation in batch.relations:
        graph.add_edge(("Actor", relation.source), ("Actor", relation.target))
    found = nx.all_shortest_paths(graph, ("Actor", source), ("Actor", target))
    return {tuple(node_id for _, node_id in path) for path in found}


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_paths_are_every_shortest_path_networkx_finds(seed: int) -> None:
    graph = MemoryGraph()
    batch = _batch(seed, 8)  # few events: paths of several hops
    graph.load(batch)
    far = 0
    for source, target in [("person:p0", f"person:p{i}") for i in range(1, ACTORS)]:
        result = graph.find_paths(source, target, HOPS, 1000)
        found = {tuple(n.id for n in path.nodes) for path in result.paths}
        try:
            expected = _networkx_paths(batch, source, target)
        except nx.NetworkXNoPath:
            expected = set()
        except nx.NodeNotFound:
            expected = set()
        expected = {p for p in expected if len(p) - 1 <= HOPS}  # longer: not asked for
        assert found == expected, (source, target)
        far += len(result.paths) > 0 and result.paths[0].hops > 2
        for path in result.paths:
            for edge, (u, v) in zip(path.edges, pairwise(path.nodes), strict=True):
                assert {edge.source, edge.target} == {u.id, v.id}
                if edge.type == "PARTICIPATED_IN":
                    event = graph.events[edge.target]
                    assert (edge.source, edge.role) in {
                        (p.actor, p.role) for p in event.participants
                    }
    assert far, "no path of more than two hops: the graph tests too little"


# -- the trusted start-up: a stamped file is rebuilt without validation -------------


def _fields(store: EmbeddedStore) -> dict[str, object]:
    """Every field of every record, and the fields each was given (`model_dump` alone
    would not show a field set dropped or added)."""
    graph = store._graph
    tables = {
        "documents": graph.documents,
        "actors": graph.actors,
        "events": graph.events,
        "relations": graph.relations,
        "same_as": graph.same_as,
    }
    return {
        name: {key: (r.model_dump(), _given(r)) for key, r in records.items()}
        for name, records in tables.items()
    }


def _given(model: BaseModel) -> object:
    """The fields set of a model and of every model nested in it."""
    nested = {
        name: [_given(v) for v in value] if isinstance(value, tuple) else _given(value)
        for name, value in model.__dict__.items()
        if isinstance(value, BaseModel)
        or (isinstance(value, tuple) and value and isinstance(value[0], BaseModel))
    }
    return sorted(model.__pydantic_fields_set__), nested


def _reopen(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[EmbeddedStore, list[str]]:
    """The store reopened, and which reads it made ("validated", "trusted")."""
    reads: list[str] = []
    validated, trusted = SqliteCopy.read_all, SqliteCopy.read_trusted

    def read_all(self: SqliteCopy, *args: Any) -> GraphBatch:
        reads.append("validated")
        return validated(self, *args)

    def read_trusted(self: SqliteCopy, *args: Any) -> GraphBatch | None:
        reads.append("trusted")
        return trusted(self, *args)

    with monkeypatch.context() as patched:
        patched.setattr(SqliteCopy, "read_all", read_all)
        patched.setattr(SqliteCopy, "read_trusted", read_trusted)
        return EmbeddedStore(path), reads


def _written(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """Batches written (a delete among them); what the writer answers, and every field
    of every record with the fields each was given as a validating read makes them
    (the writer's own records were given fewer)."""
    store = EmbeddedStore(path)
    try:
        store.write_batch(_batch(1, 150))
        store.write_batch(_batch(2, 60))
        store.delete_document("doc-2")
        store.write_batch(_batch(3, 40))
        answers, stored = _answers(store), _fields(store)
    finally:
        store.close()
    _sql(path, "DELETE FROM records_format")
    validated, reads = _reopen(path, monkeypatch)
    try:
        assert reads == ["validated"]
        assert _answers(validated) == answers
        fields = _fields(validated)
        dumps = {t: {k: dump for k, (dump, _) in rs.items()} for t, rs in fields.items()}  # type: ignore[attr-defined]
        assert dumps == {t: {k: dump for k, (dump, _) in rs.items()} for t, rs in stored.items()}  # type: ignore[attr-defined]
        return answers, fields
    finally:
        validated.close()


def _sql(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path / DATABASE_FILE, isolation_level=None)) as db:
        for statement in statements:
            db.execute(statement)


def _check(
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    expected: tuple[object, object],
    reads: list[str],
) -> None:
    store, made = _reopen(path, monkeypatch)
    try:
        assert made == reads
        assert (_answers(store), _fields(store)) == expected
    finally:
        store.close()


def test_a_stamped_file_is_read_without_validation_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _written(tmp_path, monkeypatch)
    _check(tmp_path, monkeypatch, expected, ["trusted"])
    _check(tmp_path, monkeypatch, expected, ["trusted"])


def test_an_unstamped_file_is_validated_then_stamped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file written before the stamp existed (or by code that does not keep it)."""
    expected = _written(tmp_path, monkeypatch)
    _sql(tmp_path, "DROP TABLE records_format")
    _check(tmp_path, monkeypatch, expected, ["validated"])
    _check(tmp_path, monkeypatch, expected, ["trusted"])


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE records_format SET format = 'another format'",
        "UPDATE records_format SET format = upper(format)",
        "UPDATE records_format SET batch = batch - 1",
        # A batch committed by code that does not keep the stamp.
        "INSERT INTO batches (committed_at, counts) VALUES ('2026-01-01', '{}')",
    ],
)
def test_a_stamp_of_another_format_or_batch_is_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    expected = _written(tmp_path, monkeypatch)
    _sql(tmp_path, tamper)
    _check(tmp_path, monkeypatch, expected, ["validated"])
    _check(tmp_path, monkeypatch, expected, ["trusted"])


def test_a_record_that_does_not_fit_falls_back_to_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stamped file whose record lacks a required field: the trusted read gives up and
    validation says what is wrong, as for any broken file."""
    _written(tmp_path, monkeypatch)
    _sql(tmp_path, "UPDATE events SET body = json_remove(body, '$.summary') WHERE rowid = 1")
    with pytest.raises(ValidationError, match="summary"):
        _reopen(tmp_path, monkeypatch)


def test_writes_keep_the_stamp_and_a_write_before_it_does_not_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EmbeddedStore(tmp_path)
    copy = store._copy
    assert copy.stamped()  # a new file: validated (nothing), stamped
    store.write_batch(_batch(1, 20))
    assert copy.stamped()
    _sql(tmp_path, "DELETE FROM records_format")
    store.write_batch(_batch(2, 20))  # unstamped rows stay unchecked: no stamp
    assert not copy.stamped()
    assert not copy.stamp(copy.last_batch() - 1)  # a batch was written since that read
    store.close()
    store, reads = _reopen(tmp_path, monkeypatch)
    try:
        assert reads == ["validated"]
        assert store._copy.stamped()
    finally:
        store.close()


def _every_field() -> list[BaseModel]:
    """Records giving every field of every stored model a value other than its default
    (claims included, which only the store writes)."""
    when = When(
        start=date(2010, 1, 5),
        end=date(2010, 1, 5),
        precision="day",
        approximate=True,
        text="before 5 January",
        anchor=date(2010, 1, 6),
        basis="context",
        open_start=True,
    )
    participant = Participant(actor="person:p0", role=Role.agent, basis="resolved", mention="he")
    source = Source(
        document="doc-0",
        sentence="He had signed it.",
        char_start=3,
        char_end=20,
        trigger_start=10,
        trigger_end=16,
        extractor="spacy",
    )
    claim = Claim(
        document="doc-1",
        type=EventType.agree,
        summary="Signed",
        when=when,
        confidence=0.5,
        factuality="reported",
        reported_by="person:p1",
        participants=(participant,),
    )
    return [
        Document(
            id="doc-0",
            title="T",
            url="https://example.org/a",
            published=date(2010, 1, 7),
            source="wire",
            language="en",
            text_sha256="0" * 64,
            ingested_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        ),
        Actor(
            id="person:p0",
            name="P",
            kind="person",
            aliases=("Pee", "P."),
            kind_evidence="title: President",
        ),
        Event(
            id="event:e",
            type=EventType.agree,
            summary="Signed",
            when=when,
            confidence=0.75,
            factuality="planned",
            reported_by="person:p1",
            participants=(participant,),
            sources=(source,),
            claims=(claim,),
        ),
        Relation(
            source="person:p0",
            type=RelationType.HEAD_OF,
            target="person:p1",
            since=date(2001, 1, 1),
            until=date(2002, 1, 1),
            document="doc-0",
            sentence="P heads Q.",
            role="head",
            basis="stated",
            since_precision="year",
            until_precision="year",
            current=False,
            stated_on=date(2010, 1, 7),
            char_start=0,
            char_end=9,
        ),
        SameAsCandidate(actor="person:p0", candidate="person:p1", reason="similar name"),
    ]


def test_the_builders_carry_every_field_of_every_model() -> None:
    """Built from the stored JSON, each record equals the validated one in every field
    and in the fields it was given: a field added to a model is carried as well (this
    test fails if a record above leaves one at its default)."""
    builders = Builders(Compactor())
    for record in _every_field():
        cls = type(record)
        unset = {n for n, f in cls.model_fields.items() if getattr(record, n) == f.default}
        assert not unset, f"{cls.__name__}: give {sorted(unset)} a value in this test"
        body = sqlite_copy._dump(record)  # type: ignore[arg-type]
        built = builders.model(cls)(orjson.loads(body))
        validated = cls.model_validate_json(body)
        assert type(built) is cls
        assert built == validated
        assert built.model_dump() == validated.model_dump()
        assert _given(built) == _given(validated)
        # Left out (written before the field was added): its default, as validation
        # gives, and a fields set without it.
        for name, info in cls.model_fields.items():
            if info.is_required():
                continue
            short = {k: v for k, v in orjson.loads(body).items() if k != name}
            built, validated = builders.model(cls)(dict(short)), cls.model_validate(short)
            assert built == validated, name
            assert _given(built) == _given(validated), name
