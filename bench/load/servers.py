"""The servers under load, each a subprocess on a free loopback port: started, waited
for until they answer, and stopped on exit, Ctrl-C, error or (on Linux) our death."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.load.config import ROOT, STARTUP_TIMEOUT, STOP_TIMEOUT
from tests.ports import free_port

# Run as the server's command on Linux: the server gets SIGTERM when this process dies,
# even by SIGKILL, then becomes the real command (exec keeps the death signal).
_ORPHAN_GUARD = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    sys.exit('bench.load: parent gone before the server started')\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])\n"
)


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    startup_seconds: float
    log: Path


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serve(
    name: str, args: Sequence[str], env: dict[str, str], log: Path, ready: Sequence[str]
) -> Iterator[Server]:
    """`python args... --host 127.0.0.1 --port P` until every path of `ready` answers 2xx."""
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHSVC_", "NEO4J_"))}
    clean.update(env)
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), clean.get("PYTHONPATH")]))
    command = [*args, "--host", "127.0.0.1", "--port", str(port)]
    if sys.platform.startswith("linux"):
        command = [sys.executable, "-c", _ORPHAN_GUARD, str(os.getpid()), *command]
    else:
        command = [sys.executable, *command]
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=clean,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop it in order
        )
    try:
        deadline = started + STARTUP_TIMEOUT
        with httpx.Client(base_url=url, timeout=5, trust_env=False) as client:
            for path in ready:
                while True:
                    if process.poll() is not None:
                        raise RuntimeError(
                            f"{name} exited with code {process.returncode}; its log ends:\n"
                            + _tail(log)
                        )
                    with contextlib.suppress(httpx.HTTPError):
                        if client.get(path).is_success:
                            break
                    if time.perf_counter() > deadline:
                        raise RuntimeError(
                            f"{name} not ready after {STARTUP_TIMEOUT:g} s; log:\n" + _tail(log)
                        )
                    time.sleep(0.1)
        yield Server(name, url, process, time.perf_counter() - started, log)
    finally:
        _stop(process)


def serve_graphsvc(
    env: dict[str, str], log: Path, api_key: str | None, workers: int = 1
) -> contextlib.AbstractContextManager[Server]:
    """`graphsvc serve`, with `--workers N` when there are several."""
    env = dict(env)
    if api_key:
        env["GRAPHSVC_API_KEY"] = api_key
    args = ["-m", "graphsvc", "serve"]
    if workers > 1:
        args += ["--workers", str(workers)]
    return serve("graphsvc", args, env, log, ["/health", "/ready"])


def serve_hello(log: Path, workers: int = 1) -> contextlib.AbstractContextManager[Server]:
    args = ["-m", "uvicorn", "bench.hello_app:app", "--no-access-log", "--log-level", "warning"]
    if workers > 1:  # shared socket with TCP_NODELAY, as `graphsvc serve --workers N`
        args = ["-m", "bench.hello_app", "--workers", str(workers)]
    return serve("hello", args, {}, log, ["/hello"])
