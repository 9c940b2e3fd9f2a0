"""The real server: `graphsvc load` then `graphsvc serve` (uvicorn) in a subprocess, over HTTP.

This is what `make run` does, on a free port and a temporary data directory.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _graphsvc(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphsvc", *args]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "GRAPHSVC_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    subprocess.run(_graphsvc("load", str(EXAMPLES)), env=env, check=True, cwd=ROOT)
    port = _free_port()
    process = subprocess.Popen(
        _graphsvc("serve", "--port", str(port)),
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx2.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except httpx2.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"server did not start: {process.stdout.read() if process.stdout else ''}")
        time.sleep(0.1)
    yield base
    process.send_signal(signal.SIGTERM)
    # uvicorn shuts down gracefully, then re-raises the signal it caught.
    assert process.wait(timeout=15) in (0, -signal.SIGTERM)
    log = process.stdout.read() if process.stdout else ""
    assert "Application shutdown complete" in log, log


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
