"""`make run` binds what its user asked for: GRAPHSVC_PORT (the setting the port-in-use
hint names) unless `make run PORT=` says otherwise. The Makefile used to pass
`--port 8000` always, so GRAPHSVC_PORT=8002 still bound 8000."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx2
import pytest

from tests.e2e.server import ROOT, server_env
from tests.ports import free_port


def _serves(port: int, process: subprocess.Popen[bytes], log: Path) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return httpx2.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200
        except httpx2.TransportError:
            time.sleep(0.2)
    pytest.fail(f"make run did not serve on {port}: {log.read_text(encoding='utf-8')}")


def _make_run(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        # A session of its own: make's child (graphsvc serve) stops with the group.
        return subprocess.Popen(
            ["make", "--no-print-directory", "run", *args],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").exists(), reason="needs make install")
@pytest.mark.parametrize("by", ["GRAPHSVC_PORT", "PORT="])
def test_make_run_binds_the_port_asked_for(tmp_path: Path, by: str) -> None:
    port = free_port()
    env = server_env(GRAPHSVC_DATA_DIR=str(tmp_path / "data"))
    args: tuple[str, ...] = ()
    if by == "GRAPHSVC_PORT":
        env["GRAPHSVC_PORT"] = str(port)
    else:
        env["GRAPHSVC_PORT"] = str(free_port())  # the command line wins over it
        args = (f"PORT={port}",)
    log = tmp_path / "make.log"
    process = _make_run(env, log, *args)
    try:
        assert _serves(port, process, log)
    finally:
        _stop(process)
    assert f"serving http://127.0.0.1:{port}/" in log.read_text(encoding="utf-8")
