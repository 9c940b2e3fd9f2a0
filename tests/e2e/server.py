"""`graphsvc serve` as a subprocess on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def graphsvc(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphsvc", *args]


def server_env(**settings: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **settings}


@contextmanager
def serving(
    command: list[str],
    env: dict[str, str],
    log: Path,
    probe: str,
    ready: Callable[[httpx2.Response], bool] = lambda response: True,
) -> Iterator[subprocess.Popen[str]]:
    """Run `command` until `probe` answers as `ready` wants (any answer by default);
    stop it with SIGTERM afterwards. The log goes to a file: a pipe nobody reads would
    fill up and stall a busy server."""
    sink = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, text=True
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if ready(httpx2.get(probe, timeout=1)):
                break
        except httpx2.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{' '.join(command)} did not start: {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        sink.close()


@contextmanager
def running_server(
    env: dict[str, str], log: Path, *serve_args: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`graphsvc serve` on a free port, once /health answers 200: its base URL and
    process."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = graphsvc("serve", "--port", str(port), *serve_args)
    healthy = lambda response: response.status_code == 200  # noqa: E731
    with serving(command, env, log, f"{base}/health", healthy) as process:
        yield base, process
