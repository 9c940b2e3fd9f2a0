"""The real server: `graphsvc load` then `graphsvc serve` (uvicorn) in a subprocess, over HTTP.

This is what `make run` does, on a free port and a temporary data directory. The calls
go through `graphsvc.client`, except where a test is about the raw HTTP (the problem's
content type).
"""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx2
import pytest

from graphsvc.client import BadRequest, Client, PayloadTooLarge, ValidationFailed
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, running_server, server_env


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir))
    subprocess.run(graphsvc("load", str(EXAMPLES)), env=env, check=True, cwd=ROOT)
    log_path = data_dir / "server.log"
    with running_server(env, log_path) as (base, process):
        yield base
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down gracefully, then re-raises the signal it caught.
        assert process.wait(timeout=15) in (0, -signal.SIGTERM)
    log = log_path.read_text(encoding="utf-8")
    assert "Application shutdown complete" in log, log
    # One JSON object a line; each request logged once with its id and timing.
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    access = [line for line in lines if line["logger"] == "graphsvc.access"]
    assert access and all(a["request_id"] and a["duration_ms"] >= 0 for a in access)


@pytest.fixture
def graph(server: str) -> Iterator[Client]:
    with Client(server) as client:
        yield client


def test_timeline_over_http(graph: Client) -> None:
    items = graph.timeline(actor="person:vladimir-putin").items
    assert [i.id for i in items] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    assert items[1].start == items[1].end == date(2015, 10, 20)
    assert items[1].precision == "day"
    assert items[0].approximate is True
    assert all(i.sources and i.date_text for i in items)


def test_relations_and_paths_over_http(graph: Client) -> None:
    related = graph.related_actors("person:bashar-al-assad")
    assert related.items[0].actor.id == "person:vladimir-putin"
    paths = graph.paths(source="person:igor-sergun", target="person:bashar-al-assad")
    assert paths.paths[0].edges


def test_writes_and_errors_over_http(server: str, graph: Client) -> None:
    before = graph.stats()
    graph.post_records(EXAMPLES.read_bytes())  # answers 200, or raises
    assert graph.stats() == before
    bad_line = b'{"record": "actor", "kind": "person"}\n'
    with pytest.raises(ValidationFailed) as bad:
        graph.post_records(bad_line)
    assert bad.value.status == 422
    assert bad.value.errors[0]["line"] == 1
    raw = httpx2.post(f"{server}/records", content=bad_line)  # the wire format itself
    assert raw.status_code == 422
    assert raw.headers["content-type"] == "application/problem+json"
    with pytest.raises(PayloadTooLarge) as too_big:
        graph.post_records(b" " * 10_000_001)
    assert too_big.value.status == 413
    assert graph.stats() == before


def test_cypher_and_graphml_export_over_http(graph: Client, tmp_path: Path) -> None:
    """A forked query child and a streamed export, inside the real uvicorn process."""
    answer = graph.cypher("MATCH (a:Actor) RETURN a.name LIMIT 5")
    assert len(answer.rows) == 5
    with pytest.raises(BadRequest) as refused:
        graph.cypher("MATCH (n) DETACH DELETE n")
    assert refused.value.status == 400
    assert graph.stats().actors == 14
    graphml = graph.export("person:vladimir-putin", "graphml", tmp_path / "putin.graphml")
    assert graphml.read_text(encoding="utf-8").count("<node ") == 7
