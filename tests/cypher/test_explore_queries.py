"""The ready queries for Neo4j Browser answer what their headers promise, on a real
Neo4j holding the example data; their `_graph` versions return nodes and relationships
(what Browser draws as a graph) for the same questions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j.graph import Node, Path, Relationship

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
        if name.endswith("_graph"):  # the driver's Node, Relationship and Path objects
            return [dict(record.items()) for record in records]
        return [record.data() for record in records]

    yield execute
    driver.close()


class Drawn:
    """What Neo4j Browser would draw from some rows: their nodes and relationships."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.nodes: dict[str, Node] = {}
        self.relationships: dict[str, Relationship] = {}
        for row in rows:
            for value in row.values():
                self._add(value)

    def _add(self, value: Any) -> None:
        if isinstance(value, Node):
            self.nodes[value.element_id] = value
        elif isinstance(value, Relationship):
            self.relationships[value.element_id] = value
            for node in value.nodes:
                self._add(node)
        elif isinstance(value, Path):
            for part in (*value.nodes, *value.relationships):
                self._add(part)
        elif isinstance(value, list):
            for item in value:
                self._add(item)

    def names(self, label: str, key: str = "name") -> set[str]:
        return {n[key] for n in self.nodes.values() if label in n.labels}

    def edges(self, kind: str) -> set[tuple[str, str, str | None]]:
        """(start id, end id, role) of each relationship of type `kind`."""
        return {
            (r.start_node["id"], r.end_node["id"], r.get("role"))
            for r in self.relationships.values()
            if r.type == kind
        }


def test_there_are_at_least_six() -> None:
    assert len([n for n in query_files() if n.startswith("explore/")]) >= 6


def test_every_table_query_has_a_graph_version() -> None:
    explore = {n.removeprefix("explore/") for n in query_files() if n.startswith("explore/")}
    tables = {n for n in explore if not n.endswith("_graph")} - {"shortest_path"}
    assert {f"{n}_graph" for n in tables} <= explore
    for name in explore:
        if name.endswith("_graph"):
            assert "Neo4j Browser draws it" in load_query(f"explore/{name}"), name


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


PUTIN = "person:vladimir-putin"
ASSAD = "person:bashar-al-assad"


def test_actor_timeline_graph(run) -> None:
    rows = run("actor_timeline_graph", actor_id=PUTIN)
    table = run("actor_timeline", actor_id=PUTIN)
    assert [r["event"]["summary"] for r in rows] == [r["summary"] for r in table]
    drawn = Drawn(rows)
    took_part = {(s, e) for s, e, _ in drawn.edges("PARTICIPATED_IN") if s == PUTIN}
    assert len(took_part) == len(table)
    assert {r["took_part"]["role"] for r in rows} == {r["role"] for r in table}
    assert {"Vladimir Putin", "Bashar al-Assad", "Igor Sergun"} <= drawn.names("Actor")
    assert len(drawn.names("Event", "id")) == len(table)


def test_shared_events_in_window_graph(run) -> None:
    rows = run("shared_events_in_window_graph", since="2015-10-01", until="2015-10-31")
    drawn = Drawn(rows)
    assert all(r["shared_by"] >= 2 for r in rows) and rows
    # The table's pairs are the pairs of actors drawn around one event.
    table = run("shared_events_in_window", since="2015-10-01", until="2015-10-31")
    pairs = set()
    for row in rows:
        names = [p.start_node["name"] for p in row["participants"]]
        pairs |= {frozenset((a, b)) for a in names for b in names if a != b}
    assert pairs == {frozenset((r["actor"], r["other"])) for r in table}
    assert frozenset(("Bashar al-Assad", "Vladimir Putin")) in pairs
    assert drawn.edges("PARTICIPATED_IN") and all(
        role for _, _, role in drawn.edges("PARTICIPATED_IN")
    )


def test_events_in_month_by_type_graph(run) -> None:
    rows = run("events_in_month_by_type_graph", month="2016-01")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["type"]] = counts.get(row["type"], 0) + 1
    assert counts == {"statement": 2, "death": 1}
    drawn = Drawn(rows)
    assert "Igor Sergun" in drawn.names("Actor")
    assert drawn.relationships


def test_actor_relations_graph(run) -> None:
    rows = run("actor_relations_graph", actor_id=ASSAD)
    drawn = Drawn(rows)
    table = run("actor_relations", actor_id=ASSAD)
    assert drawn.names("Actor") == {r["other"] for r in table} | {"Bashar al-Assad"}
    assert (PUTIN, ASSAD, None) in drawn.edges("ALLY_OF")
    assert (ASSAD, "place:syria", None) in drawn.edges("LEADER_OF")
    assert {r["kind"] for r in rows} == {"relation", "event"}


def test_event_sources_graph(run) -> None:
    event = "event:putin-asks-assad-to-step-down"
    rows = run("event_sources_graph", event_id=event)
    assert len(rows) == 1
    drawn = Drawn(rows)
    assert len(drawn.edges("REPORTED_IN")) == 1  # one document...
    assert len([r for r in drawn.relationships.values() if r.type == "REPORTED_IN"]) == 4
    assert drawn.names("Document", "id") == {"newsweek-putin-assad-step-down"}
    assert {"Vladimir Putin", "Bashar al-Assad"} <= drawn.names("Actor")
