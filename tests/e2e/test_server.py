"""The real server: `graphsvc load` then `graphsvc serve` (uvicorn) in a subprocess, over HTTP.

This is what `make run` does, on a free port and a temporary data directory.
"""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator

import httpx2
import pytest

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


def test_timeline_over_http(server: str) -> None:
    response = httpx2.get(f"{server}/timeline", params={"actor": "person:vladimir-putin"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["id"] for i in items] == [
        "event:putin-asks-assad-to-step-down",
        "event:putin-assad-kremlin-meeting",
    ]
    assert items[1]["start"] == items[1]["end"] == "2015-10-20"
    assert items[1]["precision"] == "day"
    assert items[0]["approximate"] is True
    assert all(i["sources"] and i["date_text"] for i in items)


def test_relations_and_paths_over_http(server: str) -> None:
    related = httpx2.get(f"{server}/actors/person:bashar-al-assad/relations").json()
    assert related["items"][0]["actor"]["id"] == "person:vladimir-putin"
    paths = httpx2.get(
        f"{server}/paths",
        params={"source": "person:igor-sergun", "target": "person:bashar-al-assad"},
    ).json()
    assert paths["paths"][0]["edges"]


def test_writes_and_errors_over_http(server: str) -> None:
    before = httpx2.get(f"{server}/stats").json()
    again = httpx2.post(f"{server}/records", content=EXAMPLES.read_bytes())
    assert again.status_code == 200
    assert httpx2.get(f"{server}/stats").json() == before
    bad = httpx2.post(f"{server}/records", content=b'{"record": "actor", "kind": "person"}\n')
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["errors"][0]["line"] == 1
    too_big = httpx2.post(f"{server}/records", content=b" " * 10_000_001)
    assert too_big.status_code == 413
    assert httpx2.get(f"{server}/stats").json() == before


def test_cypher_and_graphml_export_over_http(server: str) -> None:
    """A forked query child and a streamed export, inside the real uvicorn process."""
    answer = httpx2.post(
        f"{server}/cypher", json={"query": "MATCH (a:Actor) RETURN a.name LIMIT 5"}
    ).json()
    assert len(answer["rows"]) == 5
    refused = httpx2.post(f"{server}/cypher", json={"query": "MATCH (n) DETACH DELETE n"})
    assert refused.status_code == 400
    assert httpx2.get(f"{server}/stats").json()["actors"] == 14
    graphml = httpx2.get(
        f"{server}/timeline/export",
        params={"format": "graphml", "actor": "person:vladimir-putin"},
    )
    assert graphml.status_code == 200
    assert graphml.text.count("<node ") == 7
