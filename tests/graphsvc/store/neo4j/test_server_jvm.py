"""The Neo4j that load benches start collects garbage as docker-compose.yml's does.

Neo4j's own `neo4j.conf` runs G1, and docker-compose.yml adds a 20 ms pause goal. The
load bench once measured a Neo4j on the serial collector, whose full collections
stopped the server for about half a second at a time under two writers and set the
read tail it reports (docs/benchmarks.md); its figures are meant to describe the server
users run. The test suite's own Neo4j keeps the serial collector (tests/neo4j/launcher.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from neo4j import GraphDatabase

from graphsvc.store.cypher import load_query
from tests.neo4j_fixture import TEST_PASSWORD, _launcher

ROOT = Path(__file__).resolve().parents[4]


def _compose_jvm_options() -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return str(compose["services"]["neo4j"]["environment"]["NEO4J_server_jvm_additional"]).split()


def test_served_gc_adds_what_docker_compose_adds_to_neo4js_g1() -> None:
    launcher = _launcher()
    served = launcher.jvm_options(served_gc=True)
    assert _compose_jvm_options(), "docker-compose.yml adds no JVM option to Neo4j"
    assert set(_compose_jvm_options()) <= set(served)
    assert "-XX:+UseG1GC" in served and "-XX:+UseSerialGC" not in served
    assert "-XX:+UseSerialGC" in launcher.jvm_options()


@pytest.mark.neo4j
def test_a_served_gc_neo4j_runs_g1_with_the_pause_goal_users_run() -> None:
    """Started for real: the JVM takes the options and reports G1's collectors."""
    with (
        _launcher().start(password=TEST_PASSWORD, served_gc=True) as server,
        GraphDatabase.driver(server.uri, auth=server.auth) as driver,
    ):
        records, _, _ = driver.execute_query(load_query("testing/garbage_collectors"))
    (row,) = records
    assert "G1 Young Generation" in row["collectors"], row["collectors"]
    assert all(name.startswith("G1 ") for name in row["collectors"]), row["collectors"]
    assert set(_compose_jvm_options()) <= set(row["jvm_arguments"]), row["jvm_arguments"]
