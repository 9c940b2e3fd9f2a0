"""The test Neo4j's JVM collects garbage as the Neo4j users run does (docker-compose.yml).

Neo4j's own `neo4j.conf` runs G1, and docker-compose.yml adds a 20 ms pause goal. The
test Neo4j once ran the serial collector, whose full collections stopped the server for
about half a second at a time under two writers and set the read tail that `bench.load`
measures (docs/benchmarks.md); its figures are meant to describe the server users run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from neo4j import GraphDatabase

from graphsvc.store.cypher import load_query
from tests.neo4j_fixture import _launcher

ROOT = Path(__file__).resolve().parents[4]


def _compose_jvm_options() -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    return str(compose["services"]["neo4j"]["environment"]["NEO4J_server_jvm_additional"]).split()


def test_launcher_gives_the_jvm_options_docker_compose_adds() -> None:
    options = _compose_jvm_options()
    assert options, "docker-compose.yml adds no JVM option to Neo4j"
    assert set(options) <= set(_launcher().JVM_OPTIONS)


def test_the_test_neo4j_runs_g1_with_the_pause_goal_users_run(neo4j_target) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("a Neo4j given by NEO4J_URI runs with the JVM its owner chose")
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    with GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            load_query("testing/garbage_collectors"), database_=neo4j_target.database
        )
    (row,) = records
    assert "G1 Young Generation" in row["collectors"], row["collectors"]
    assert all(name.startswith("G1 ") for name in row["collectors"]), row["collectors"]
    assert set(_compose_jvm_options()) <= set(row["jvm_arguments"]), row["jvm_arguments"]
