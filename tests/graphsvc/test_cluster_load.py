"""`graphsvc load --cluster` and `--resume`: a Dask LocalCluster of 2 worker processes
gives the graph of a one-process load, and a load killed midway then resumed gives it
too, with nothing written twice. Real CLI processes, real spaCy, real Dask."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphsvc.cli.load_manifest import FILE_NAME
from tests.e2e.server import ROOT, graphsvc, server_env
from tests.graphsvc.test_bulk_load import _cli, _graph
from tests.ports import free_port

ARTICLES = 6
#: Committed documents before the first load is killed.
KILL_AFTER = 2

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def articles(shared_fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of a handful of MEANTIME articles and their metadata file."""
    source = shared_fixtures / "meantime-stock" / "articles"
    folder = tmp_path_factory.mktemp("cluster") / "articles"
    folder.mkdir()
    for path in sorted(source.glob("*.txt"))[:ARTICLES]:
        shutil.copy(path, folder)
    shutil.copy(source / "articles.jsonl", folder)
    return folder


@pytest.fixture(scope="module")
def one_process(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The exports and counts of `--workers 1`: the graph every other load must give."""
    tmp = tmp_path_factory.mktemp("one")
    data_dir = tmp / "data-one"
    done = _cli("load", str(articles), "--workers", "1", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    graph = _graph(data_dir, tmp)
    assert graph[2]["documents"] == ARTICLES and graph[2]["events"] > 0
    return graph


def _manifest_lines(data_dir: Path) -> list[str]:
    path = data_dir / FILE_NAME
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_a_local_cluster_gives_the_graph_of_one_process(
    articles: Path, one_process: tuple, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data-cluster"
    started = time.perf_counter()
    done = _cli("load", str(articles), "--cluster", "local:2", data_dir=data_dir)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("new document") == ARTICLES
    assert "loaded: 6 new; 0 failed" in done.stdout
    assert _graph(data_dir, tmp_path) == one_process
    assert len(_manifest_lines(data_dir)) == ARTICLES
    print(f"--cluster local:2, {ARTICLES} articles: {seconds:.1f} s (start-up included)")


def test_a_scheduler_and_worker_started_as_the_readme_says_give_the_same_graph(
    articles: Path, one_process: tuple, tmp_path: Path
) -> None:
    """`dask scheduler` and `dask worker` as separate processes, as on other hosts."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    env = server_env()
    logs = tmp_path / "dask.log"
    scheduler = [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    worker = [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"]
    with logs.open("w") as log:
        started = [
            subprocess.Popen(
                scheduler,
                env=env,
                stdout=log,
                stderr=log,
            )
        ]
        try:
            started.append(
                subprocess.Popen(
                    worker,
                    env=env,
                    stdout=log,
                    stderr=log,
                )
            )
            data_dir = tmp_path / "data-scheduler"
            done = _cli("load", str(articles), "--cluster", address, data_dir=data_dir)
        finally:
            for process in reversed(started):
                process.terminate()
                process.wait(timeout=60)
    assert done.returncode == 0, done.stderr + logs.read_text(encoding="utf-8")
    assert done.stdout.count("new document") == ARTICLES
    assert _graph(data_dir, tmp_path) == one_process


def test_a_killed_load_resumed_gives_the_same_graph_and_no_duplicate(
    articles: Path, one_process: tuple, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data-killed"
    command = graphsvc("load", str(articles), "--workers", "1")
    env = server_env(GRAPHSVC_DATA_DIR=str(data_dir))
    load = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its whole group is killed, as a crash would
    )
    try:
        deadline = time.monotonic() + 300
        while len(_manifest_lines(data_dir)) < KILL_AFTER and load.poll() is None:
            assert time.monotonic() < deadline, "the load committed nothing in 300 s"
            time.sleep(0.01)
        os.killpg(load.pid, signal.SIGKILL)
    finally:
        load.wait()
    assert load.returncode == -signal.SIGKILL, "the load ended before it was killed"
    committed = _manifest_lines(data_dir)
    assert KILL_AFTER <= len(committed) < ARTICLES
    # A crash between a commit and its manifest line: the store still has that document,
    # the manifest does not name it; --resume must not write it again either.
    (data_dir / FILE_NAME).write_text("\n".join(committed[:-1]) + "\n", encoding="utf-8")

    done = _cli("load", str(articles), "--cluster", "local:2", "--resume", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    left = ARTICLES - len(committed)
    assert done.stdout.count("new document") == left
    assert "unchanged document" not in done.stdout  # nothing loaded is written again
    assert f"{len(committed)} already loaded (skipped)" in done.stdout
    assert _graph(data_dir, tmp_path) == one_process
    # The document the store check found is recorded again: the manifest is whole.
    assert len(_manifest_lines(data_dir)) == ARTICLES


def test_a_bad_cluster_value_is_refused_before_any_work(articles: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data-bad"
    for value in ("localhost:8786", "local:0", "local:two", "http://host:8786"):
        done = _cli("load", str(articles), "--cluster", value, data_dir=data_dir)
        assert done.returncode == 2, (value, done.stdout, done.stderr)
        assert "--cluster" in done.stderr and value in done.stderr
        assert "new document" not in done.stdout
    both = _cli("load", str(articles), "--cluster", "local:2", "--workers", "2", data_dir=data_dir)
    assert both.returncode == 2 and "not both" in both.stderr
    assert not (data_dir / FILE_NAME).exists()
