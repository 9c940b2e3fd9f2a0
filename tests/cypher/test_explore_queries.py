"""The ready queries for Neo4j Browser answer what their headers promise, on a real
Neo4j holding the example data."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import GraphDatabase

from graphsvc.model import GraphBatch
from graphsvc.store.cypher import load_query, query_files
from graphsvc.store.neo4j import Neo4jStore
from tests.neo4j_fixture import Neo4jTarget, wipe


@pytest.fixture(scope="module")
def run(neo4j_target: Neo4jTarget, example_batch: GraphBatch):
    wipe(neo4j_target)
    store = Neo4jStore(
        neo4j_target.uri, neo4j_target.user, neo4j_target.password, neo4j_target.database
    )
    store.start()
    store.write_batch(example_batch)
    store.close()
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    driver = GraphDatabase.driver(neo4j_target.uri, auth=auth)

    def execute(name: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = driver.execute_query(
            load_query(f"explore/{name}"), params, database_=neo4j_target.database
        )
        return [record.data() for record in records]

    yield execute
    driver.close()


def test_there_are_at_least_six() -> None:
    assert len([n for n in query_files() if n.startswith("explore/")]) >= 6


def test_actor_timeline(run) -> None:
    rows = run("actor_timeline", actor_id="person:vladimir-putin")
    assert [r["summary"][:20] for r in rows[:2]] == ["Putin asks Assad to ", "Assad meets Putin at"]
    assert rows[1]["start"].to_native() == date(2015, 10, 20)
    assert rows[1]["precision"] == "day" and rows[1]["date_text"] == "October 20, 2015"
    assert "Bashar al-Assad" in rows[1]["others"]
    assert rows[-1]["start"] is None  # the undated FT report comes last


def test_shared_events_in_window(run) -> None:
    rows = run("shared_events_in_window", since="2015-10-01", until="2015-10-31")
    pairs = {(r["actor"], r["other"]): r for r in rows}
    pair = pairs[("Bashar al-Assad", "Vladimir Putin")]
    assert pair["shared"] == 2
    assert pair["first"].to_native() == date(2015, 10, 1)
    assert pair["last"].to_native() == date(2015, 12, 31)
    assert all(r["shared"] >= 1 for r in rows)


def test_shortest_path(run) -> None:
    rows = run("shortest_path", source="person:igor-sergun", target="person:bashar-al-assad")
    assert len(rows) == 1 and rows[0]["hops"] == 2


def test_events_in_month_by_type(run) -> None:
    rows = run("events_in_month_by_type", month="2016-01")
    by_type = {r["type"]: r["events"] for r in rows}
    assert by_type == {"statement": 2, "death": 1}
    assert run("events_in_month_by_type", month="2015-09") == [
        {
            "type": "attack",
            "events": 1,
            "summaries": ["Russia begins hitting targets in Syria"],
        }
    ]


def test_actor_relations(run) -> None:
    rows = run("actor_relations", actor_id="person:bashar-al-assad")
    first = rows[0]
    assert first["other"] == "Vladimir Putin"
    assert first["shared_events"] == 3
    assert first["relations"] == ["ALLY_OF <-"]
    assert (first["first"].to_native(), first["last"].to_native()) == (
        date(2015, 10, 1),
        date(2015, 12, 31),
    )
    syria = next(r for r in rows if r["other"] == "Syria")
    assert syria["relations"] == ["LEADER_OF ->"] and syria["first"] is None


def test_event_sources(run) -> None:
    rows = run("event_sources", event_id="event:putin-asks-assad-to-step-down")
    assert len(rows) == 4
    assert rows[0]["sentence"].startswith("Russian President Vladimir Putin asked")
    assert rows[0]["published"].to_native() == date(2016, 1, 22)
    assert all(r["char_end"] - r["char_start"] == len(r["sentence"]) for r in rows)
