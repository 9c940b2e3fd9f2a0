"""`graphsvc serve` as a subprocess on a free loopback port, for end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def graphsvc(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphsvc", *args]


def server_env(**settings: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **settings}


@contextmanager
def running_server(
    env: dict[str, str], log: Path, *serve_args: str
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Yield the base URL and the process; stop it with SIGTERM afterwards. The log goes
    to a file: a pipe nobody reads would fill up and stall a busy server."""
    port = free_port()
    sink = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        graphsvc("serve", "--port", str(port), *serve_args),
        env=env,
        cwd=ROOT,
        stdout=sink,
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
            pytest.fail(f"server did not start: {log.read_text(encoding='utf-8')}")
        time.sleep(0.1)
    try:
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        sink.close()
