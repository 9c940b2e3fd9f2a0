"""The real Neo4j for the test session: started from tests/neo4j/ unless NEO4J_URI is set.

A Neo4j given by NEO4J_URI must be a test database: the contract tests empty it. To
avoid emptying someone's data by mistake, a non-empty database is refused unless
GRAPHSVC_TESTS_MAY_WIPE=1.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from neo4j import GraphDatabase

from graphsvc.store.cypher import load_query

LAUNCHER = Path(__file__).resolve().parent / "neo4j" / "launcher.py"
TEST_PASSWORD = "graphsvc-test-password"


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str | None
    database: str = "neo4j"
    #: Neo4j's HTTP address (Browser at /browser/): known for the Neo4j started here, and
    #: for one given by NEO4J_URI only if NEO4J_HTTP_URL says it.
    http_url: str | None = None


def _launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("graphsvc_neo4j_launcher", LAUNCHER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def wipe(target: Neo4jTarget) -> None:
    auth = (target.user, target.password) if target.password else None
    with (
        GraphDatabase.driver(target.uri, auth=auth) as driver,
        driver.session(database=target.database) as session,
    ):
        session.run(load_query("testing/wipe")).consume()


def _count_nodes(target: Neo4jTarget) -> int:
    auth = (target.user, target.password) if target.password else None
    with GraphDatabase.driver(target.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(
            load_query("testing/counts"), database_=target.database
        )
        return int(records[0]["nodes"])


def neo4j_target(
    page_cache: str | None = None, heap: str | None = None, served_gc: bool = False
) -> Iterator[Neo4jTarget]:
    """Yield a Neo4j to test against, and stop it afterwards if this session started it.

    page_cache and heap size the Neo4j started here (bulk-load benches), served_gc gives
    it docker-compose.yml's garbage collector (load benches); one given by NEO4J_URI is
    used as it is."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        target = Neo4jTarget(
            uri=uri,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD") or None,
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
            http_url=os.environ.get("NEO4J_HTTP_URL") or None,
        )
        if _count_nodes(target) and os.environ.get("GRAPHSVC_TESTS_MAY_WIPE") != "1":
            raise RuntimeError(
                f"NEO4J_URI={uri} holds data and the tests would empty it; "
                "point NEO4J_URI at a test database or set GRAPHSVC_TESTS_MAY_WIPE=1"
            )
        yield target
        return
    launcher = _launcher()
    launcher.build()
    server = launcher.start(
        password=TEST_PASSWORD, page_cache=page_cache, heap=heap, served_gc=served_gc
    )
    try:
        yield Neo4jTarget(
            uri=server.uri, user=server.user, password=server.password, http_url=server.http_url
        )
    finally:
        server.stop()
