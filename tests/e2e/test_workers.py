"""`graphsvc serve --workers 2` on Neo4j: two processes behind one port answer alike."""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from graphsvc.client import Client
from tests.conftest import EXAMPLES
from tests.e2e.server import ROOT, graphsvc, running_server, server_env

READS: dict[str, Callable[[Client], BaseModel]] = {
    "/timeline?actor=person:vladimir-putin": lambda g: g.timeline(actor="person:vladimir-putin"),
    "/actors/person:bashar-al-assad/relations": lambda g: g.related_actors(
        "person:bashar-al-assad"
    ),
    "/paths?source=person:igor-sergun&target=person:bashar-al-assad": lambda g: g.paths(
        "person:igor-sergun", "person:bashar-al-assad"
    ),
    "/stats": lambda g: g.stats(),
}


def test_two_workers_on_neo4j_give_the_same_answers(neo4j_target: object, tmp_path: Path) -> None:
    from tests.neo4j_fixture import wipe

    wipe(neo4j_target)  # type: ignore[arg-type]
    env = server_env(
        GRAPHSVC_BACKEND="neo4j",
        NEO4J_URI=neo4j_target.uri,  # type: ignore[attr-defined]
        NEO4J_USER=neo4j_target.user,  # type: ignore[attr-defined]
        NEO4J_PASSWORD=neo4j_target.password or "",  # type: ignore[attr-defined]
        NEO4J_DATABASE=neo4j_target.database,  # type: ignore[attr-defined]
    )
    subprocess.run(graphsvc("load", str(EXAMPLES)), env=env, check=True, cwd=ROOT)
    log = tmp_path / "server.log"
    with running_server(env, log, "--workers", "2") as (base, process):
        answers: dict[str, set[str]] = {path: set() for path in READS}
        for _ in range(8):
            for path, read in READS.items():
                # A new connection each time: the kernel hands it to either worker.
                with Client(base, timeout=30) as client:
                    answers[path].add(read(client).model_dump_json())  # raises unless 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    assert all(len(texts) == 1 for texts in answers.values()), answers
    assert '"events":' in next(iter(answers["/stats"]))
    text = log.read_text(encoding="utf-8")
    workers = set(re.findall(r"Started server process \[(\d+)\]", text))
    assert len(workers) == 2, text


def test_workers_need_neo4j(tmp_path: Path) -> None:
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        graphsvc("serve", "--workers", "2"), env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "--workers 2 needs GRAPHSVC_BACKEND=neo4j" in line


@pytest.mark.parametrize("workers", ["0", "many"])
def test_a_bad_worker_count_is_one_line(workers: str, tmp_path: Path) -> None:
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        graphsvc("serve", "--workers", workers), env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
