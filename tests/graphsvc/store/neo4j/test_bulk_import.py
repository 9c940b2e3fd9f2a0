"""A first load through Neo4j's importer (`graphsvc load --neo4j-import`).

The files' format is checked against the importer's documented header syntax without
Neo4j; then the real importer (`neo4j-admin database import full`, run from the same
Maven jars as the test Neo4j) imports the example records into a fresh Neo4j home, a
Neo4j started on it answers, and every export equals the one after a transactional
load of the same records.
"""

from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphsvc.errors import InvalidInput
from graphsvc.main import app
from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.service.exports import export_timeline
from graphsvc.service.reads import TimelineFilter
from graphsvc.store.neo4j import Neo4jStore
from graphsvc.store.neo4j.admin_import import import_arguments
from graphsvc.store.neo4j.bulk_import import write_import_files
from graphsvc.store.neo4j.first_load import FirstLoadGraph
from loaders.records import RecordsParser
from tests.conftest import EXAMPLES
from tests.neo4j_fixture import TEST_PASSWORD, Neo4jTarget, _launcher, wipe

US = "\x1f"


def _batch() -> GraphBatch:
    return GraphBatch(
        documents=(Document(id="doc:1", title='A "quoted", title', published=date(2015, 9, 30)),),
        actors=(
            Actor(id="person:a", name="Ann", kind="person", aliases=("A.", 'Ann "the" B')),
            Actor(id="organization:b", name="B Corp", kind="organization"),
        ),
        events=(
            Event(
                id="event:1",
                type="consult",
                summary="Ann met B\non two lines",
                when=When(start=date(2015, 9, 30), end=date(2015, 9, 30), precision="day"),
                participants=(Participant(actor="person:a"), Participant(actor="organization:b")),
                sources=(
                    Source(document="doc:1", sentence="Ann met B.", char_start=0, char_end=9),
                ),
            ),
            Event(
                id="event:2",
                type="consult",
                summary="Undated",
                sources=(Source(document="doc:1", sentence="Again."),),
            ),
        ),
    )


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_files_follow_the_importers_header_format(tmp_path: Path) -> None:
    graph = FirstLoadGraph()
    graph.add(_batch())
    files = write_import_files(graph, tmp_path)
    by_name = {f.path.stem: f for f in files.files}

    actors = _lines(tmp_path / "actors.csv")
    assert actors[0] == (
        "id:ID(Actor),:LABEL,name:string,kind:string,aliases:string[],"
        "kind_evidence:string,search_names:string[],changed:long"
    )
    # Labels by the importer's array delimiter; quotes doubled (RFC 4180); an empty
    # alias list is an empty array ("" quoted), a missing value an empty unquoted field.
    assert actors[1].startswith(
        f'"person:a",Actor{US}Person,"Ann","person","A.{US}Ann ""the"" B",,'
    )
    assert actors[2].startswith(
        f'"organization:b",Actor{US}Organization,"B Corp","organization","",,'
    )

    events = _lines(tmp_path / "events.csv")
    assert events[0].startswith("id:ID(Event),:LABEL,type:string,summary:string,confidence:double")
    assert events[0].endswith("start:date,end:date,date_anchor:date")
    assert by_name["events"].multiline and not by_name["actors"].multiline
    assert f"Event{US}Undated" in (tmp_path / "events.csv").read_text()

    took_part = _lines(tmp_path / "participated_in.csv")
    assert took_part[0] == (
        ":START_ID(Actor),:END_ID(Event),:TYPE,role:string,ordinal:long,basis:string,mention:string"
    )
    assert took_part[1] == '"person:a","event:1","PARTICIPATED_IN","participant",0,"stated",'
    reported = _lines(tmp_path / "reported_in.csv")
    assert reported[1] == '"event:1","doc:1","REPORTED_IN","Ann met B.","records",0,0,9,,'
    documents = _lines(tmp_path / "documents.csv")
    assert documents[1].startswith('"doc:1",Document,"A ""quoted"", title",,2015-09-30,')

    args = import_arguments(files, "neo4j")
    assert args[:4] == ["database", "import", "full", "neo4j"]
    assert "--array-delimiter=U+001F" in args
    assert f"--nodes={tmp_path / 'events.csv'}" in args
    assert f"--multiline-fields={tmp_path / 'events.csv'}" in args


def test_a_value_holding_the_array_delimiter_is_refused(tmp_path: Path) -> None:
    graph = FirstLoadGraph()
    graph.add(
        GraphBatch(actors=(Actor(id="person:x", name="X", kind="person", aliases=(f"a{US}b",)),))
    )
    with pytest.raises(InvalidInput, match="U\\+001F"):
        write_import_files(graph, tmp_path)


def _examples() -> GraphBatch:
    parser = RecordsParser("line")
    for number, line in enumerate(EXAMPLES.read_bytes().splitlines(keepends=True), start=1):
        parser.add_line(number, line)
    return parser.batch()


def _exports(store: Neo4jStore) -> dict[str, str]:
    given = TimelineFilter(undated=True)
    return {
        fmt: "".join(export_timeline(store, given, fmt).chunks)
        for fmt in ("json", "csv", "graphml")
    }


def test_imported_database_answers_as_a_transactional_load(
    neo4j_target: Neo4jTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wipe(neo4j_target)
    store = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    store.start()
    try:
        store.write_batch(_examples())
        expected, expected_stats = _exports(store), store.stats()
    finally:
        store.close()

    launcher = _launcher()
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    monkeypatch.setenv("NEO4J_HOME", str(home))
    monkeypatch.setenv("NEO4J_CONF", str(home / "conf"))
    admin = shlex.join(launcher.admin_command())
    result = CliRunner().invoke(
        app,
        ["load", str(EXAMPLES), "--neo4j-import", str(tmp_path / "csv"), "--neo4j-admin", admin],
    )
    assert result.exit_code == 0, result.output
    assert "imported into Neo4j database 'neo4j'" in result.output

    with launcher.start(password=TEST_PASSWORD, data_dir=str(home)) as server:
        imported = Neo4jStore(server.uri, "neo4j", TEST_PASSWORD, "neo4j")
        imported.start()  # applies the schema, as on any first open
        try:
            assert imported.stats() == expected_stats
            got = _exports(imported)
        finally:
            imported.close()
    for fmt, text in expected.items():
        assert got[fmt] == text, fmt

    # The importer refuses a database that is not empty: nothing is overwritten.
    again = CliRunner().invoke(
        app,
        ["load", str(EXAMPLES), "--neo4j-import", str(tmp_path / "csv2"), "--neo4j-admin", admin],
    )
    assert again.exit_code == 1
    assert "refused" in again.output
