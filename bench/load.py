"""Load test of the HTTP API: read throughput and latency of `/timeline` and
`/actors/{id}/relations` on a store of synthetic events, without and with concurrent
writers, on both stores, against a hello-world FastAPI app measured in the same run.

    .venv/bin/python -m bench.load [--events 100000] [--seconds 20] [--stores embedded neo4j]
                                   [--readers 16] [--writers 2] [--batch-events 50]
                                   [--warmup 2] [--api-key KEY] [--client raw|httpx]
                                   [--workers 1] [--no-write]

For each store, the synthetic events of bench/synthetic.py are written straight into it
(embedded: `EmbeddedStore.write_batch` into a temporary data directory, in a subprocess;
neo4j: `Neo4jStore.write_batch` into the Neo4j of tests/neo4j/, started here unless
NEO4J_URI points at one, which it empties). Then the real server, `graphsvc serve`, runs
on it as a subprocess on 127.0.0.1, and so does `bench/hello_app.py` under uvicorn (one
worker each; `--workers N` gives both N, for the stateless Neo4j store only). An asyncio
client (one keep-alive connection a task on asyncio streams; `--client httpx` for
httpx.AsyncClient) runs reader tasks for a fixed time per phase, one scenario a phase;
in the writer phases, writer tasks POST /records batches at the same time, each batch's
events sharing one actor of their own, and a checker reads the timeline of batches in
flight and counts every answer that holds some but not all of a batch (a violation).
Every phase has a fixed duration; the servers are stopped on exit, Ctrl-C or error (and,
on Linux, when this process dies). Prints a table and writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import json
import math
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from bench import synthetic
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Load test (bench/load.py)"
STORES = ("embedded", "neo4j")
PREPARE_BATCH = 5000
ACTORS = 1000
DOCUMENTS = 100
READ_ACTORS = 64  # readers cycle through the busiest synthetic actors
TIMELINE_LIMIT = 50
CHECK_LIMIT = 1000  # a batch holds fewer events, so one page shows all of it
REQUEST_TIMEOUT = 30.0
STARTUP_TIMEOUT = 300.0  # the embedded store rebuilds its graph from SQLite first
STOP_TIMEOUT = 20.0
ERROR_SAMPLES = 5
CHECK_SAMPLES = 10


@dataclass(frozen=True)
class LoadConfig:
    events: int = 100_000
    seconds: float = 20.0
    warmup: float = 2.0
    readers: int = 16
    writers: int = 2
    batch_events: int = 50
    stores: tuple[str, ...] = STORES
    api_key: str | None = None
    client: str = "raw"
    workers: int = 1

    @property
    def actors(self) -> int:
        """1,000 actors at 10^5 events (200 events an actor); fewer for tiny runs."""
        return min(ACTORS, max(20, self.events // 100))


# --- measures --------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of `values` (any order); nan when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Tally:
    """Requests of one kind in one phase: latencies of the 2xx ones, the others counted."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0  # from the phase's start until the last task of the kind ended

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)


@dataclass
class Checks:
    """What the half-batch checker saw: each answer is empty, whole, or a violation."""

    empty: int = 0
    whole: int = 0
    violations: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return self.empty + self.whole + len(self.violations)


@dataclass
class Phase:
    store: str
    scenario: str
    label: str
    writers: int
    reads: Tally
    writes: Tally | None = None
    checks: Checks | None = None
    cpu: dict[str, float | None] = field(default_factory=dict)  # % of one core
    load: float | None = None  # the machine's 1-minute load average as the phase ended


@dataclass
class StoreRun:
    store: str
    events: int
    prepare_seconds: float
    startup_seconds: float
    events_at_end: int | None
    events_written: int  # by the writers, acknowledged
    phases: list[Phase]
    busy_actors: list[str]

    @property
    def hello_rate(self) -> float:
        rates = [p.reads.rate for p in self.phases if p.scenario == "hello"]
        return sum(rates) / len(rates) if rates else math.nan


def _http_error(status: int, method: str, target: str, body: bytes) -> str:
    detail = body.decode("utf-8", "replace")
    with contextlib.suppress(ValueError, AttributeError):
        problem = orjson.loads(body)
        detail = f"{problem.get('title', '')}: {problem.get('detail', '')}"
    path = target.split("?", 1)[0]
    return f"HTTP {status} {method} {path}: " + " ".join(detail.split())[:300]


def _exception(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


# --- HTTP clients ----------------------------------------------------------------------

#: What a failed request raises, whichever client sends it.
TRANSPORT_ERRORS = (
    httpx.HTTPError,
    OSError,  # ConnectionError, TimeoutError
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    ValueError,  # a response this client cannot parse
)


class RawSession:
    """One keep-alive HTTP/1.1 connection on asyncio streams, used by one task at a time.

    The default client: it spends well under a tenth of a millisecond of CPU a request,
    where httpx.AsyncClient spends about one (more with many tasks on one pool), which on
    a 2-core machine shared with the server would make the client the bottleneck.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._host_header = f"Host: {host}:{port}\r\n"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                if self._writer is None or self._reader is None:
                    self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                head = f"{method} {target} HTTP/1.1\r\n{self._host_header}"
                for name, value in (headers or {}).items():
                    head += f"{name}: {value}\r\n"
                if body is not None:
                    head += f"Content-Length: {len(body)}\r\n"
                self._writer.write(head.encode("latin-1") + b"\r\n" + (body or b""))
                status, close, payload = await self._response(self._reader)
        except BaseException:
            await self.aclose()  # the connection's state is unknown: start afresh
            raise
        if close:
            await self.aclose()
        return status, payload

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bool, bytes]:
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            parts = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await reader.readexactly(size + 2))
            await reader.readuntil(b"\r\n")  # no trailers from uvicorn
            return status, close, b"".join(part[:-2] for part in parts)
        if length is None:
            return status, True, await reader.read()
        return status, close, await reader.readexactly(length)

    async def aclose(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


class HttpxSession:
    """A task's view of one shared httpx.AsyncClient (its pool has a connection a task)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        response = await self._client.request(method, target, content=body, headers=headers)
        return response.status_code, response.content

    async def aclose(self) -> None:
        pass


Session = RawSession | HttpxSession
CLIENTS = ("raw", "httpx")


@contextlib.asynccontextmanager
async def sessions(
    kind: str, base_url: str, connections: int
) -> AsyncIterator[Callable[[], Session]]:
    """A factory of sessions, one a task; every connection is closed on the way out."""
    made: list[Session] = []
    if kind == "httpx":
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(
            base_url=base_url, limits=limits, timeout=REQUEST_TIMEOUT, trust_env=False
        ) as client:
            yield lambda: HttpxSession(client)
        return
    if kind != "raw":
        raise ValueError(f"unknown client {kind!r}")
    address = httpx.URL(base_url)
    if address.host not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError(f"loopback only, not {base_url}")
    port = address.port or 80

    def new() -> Session:
        session = RawSession(address.host, port)
        made.append(session)
        return session

    try:
        yield new
    finally:
        for session in made:
            await session.aclose()


# --- CPU -------------------------------------------------------------------------------


class CpuMeter:
    """CPU time of the server, the database and this client over a phase (psutil)."""

    def __init__(self, pids: dict[str, int | None]) -> None:
        self._processes: dict[str, Any] = {}
        self._before: dict[str, float | None] = {}
        try:
            import psutil
        except ImportError:  # a dev dependency; without it CPU columns show "-"
            return
        for role, pid in pids.items():
            with contextlib.suppress(psutil.Error, TypeError, ValueError):
                self._processes[role] = psutil.Process(pid) if pid else None

    def _times(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for role, process in self._processes.items():
            try:
                # A server with several workers: the master and every worker process.
                tree = [process, *process.children(recursive=True)] if process else []
                out[role] = sum(t.user + t.system for t in (p.cpu_times() for p in tree))
            except Exception:  # the process is gone
                out[role] = None
        return out

    def start(self) -> None:
        self._before = self._times()

    def stop(self, seconds: float) -> dict[str, float | None]:
        after = self._times()
        usage: dict[str, float | None] = {}
        for role, before in self._before.items():
            now = after.get(role)
            usage[role] = (
                100 * (now - before) / seconds
                if before is not None and now is not None and seconds > 0
                else None
            )
        return usage


def _neo4j_pid() -> int | None:
    """The Java process of the test Neo4j, if this process started it."""
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            if "java" in child.name().lower():
                return child.pid
    except Exception:
        return None
    return None


# --- writers and the half-batch checker --------------------------------------------------


@dataclass
class Batch:
    actor: str
    event_ids: frozenset[str]
    body: bytes
    acked: bool = False


class Writes:
    """Batches of one store run: numbered per writer, each with an actor of its own."""

    def __init__(self, batch_events: int, document: str) -> None:
        self.batch_events = batch_events
        self.document = document
        self._numbers: Counter[int] = Counter()
        self.in_flight: dict[str, Batch] = {}
        self.recent: deque[Batch] = deque(maxlen=32)
        self.events_written = 0

    def new_batch(self, writer: int) -> Batch:
        n = self._numbers[writer]
        self._numbers[writer] += 1
        actor = f"group:load-batch-{writer}-{n}"
        day = date(2020, 1, 1) + timedelta(days=(writer * 7919 + n) % 2000)
        lines = [
            {"record": "actor", "id": actor, "name": f"Load batch {writer}-{n}", "kind": "group"}
        ]
        ids = []
        for i in range(self.batch_events):
            event_id = f"event:load-batch-{writer}-{n}-{i}"
            ids.append(event_id)
            when = {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"}
            lines.append(
                {
                    "record": "event",
                    "id": event_id,
                    "type": "statement",
                    "summary": f"Load batch {writer}-{n} event {i}",
                    "when": when,
                    "participants": [{"actor": actor, "role": "agent"}],
                    "sources": [
                        {"document": self.document, "sentence": f"Batch {writer}-{n} event {i}."}
                    ],
                }
            )
        body = b"\n".join(orjson.dumps(line) for line in lines) + b"\n"
        batch = Batch(actor=actor, event_ids=frozenset(ids), body=body)
        self.in_flight[actor] = batch
        return batch

    def done(self, batch: Batch, ok: bool) -> None:
        self.in_flight.pop(batch.actor, None)
        batch.acked = ok
        if ok:
            self.events_written += len(batch.event_ids)
        self.recent.append(batch)

    def pick(self, turn: int) -> Batch | None:
        """Even turns: the newest batch in flight (it may commit while we read); odd: one
        acknowledged lately (it must be whole)."""
        if turn % 2 == 0 and self.in_flight:
            return next(reversed(self.in_flight.values()))
        if self.recent:
            return self.recent[-1 - (turn // 2) % len(self.recent)]
        return next(reversed(self.in_flight.values()), None)


async def _writer(
    session: Session,
    writer: int,
    writes: Writes,
    deadline: float,
    tally: Tally,
    headers: dict[str, str],
) -> None:
    while time.perf_counter() < deadline:
        batch = writes.new_batch(writer)
        started = time.perf_counter()
        try:
            status, body = await session.request("POST", "/records", batch.body, headers)
        except TRANSPORT_ERRORS as exc:
            writes.done(batch, ok=False)
            tally.errors[_exception(exc)] += 1
            await asyncio.sleep(0.05)
            continue
        elapsed = time.perf_counter() - started
        ok = 200 <= status < 300
        writes.done(batch, ok=ok)
        if ok:
            tally.latencies.append(elapsed)
        else:
            tally.errors[_http_error(status, "POST", "/records", body)] += 1


async def _checker(session: Session, writes: Writes, deadline: float, checks: Checks) -> None:
    """Read the timeline of batch actors while they are written: 0 or K events, never
    some of them; and K once the batch was acknowledged before the read began."""
    turn = 0
    while time.perf_counter() < deadline:
        batch = writes.pick(turn)
        turn += 1
        if batch is None:
            await asyncio.sleep(0.005)
            continue
        acked_before = batch.acked
        target = f"/timeline?actor={quote(batch.actor, safe=':')}&limit={CHECK_LIMIT}"
        try:
            status, body = await session.request("GET", target)
        except TRANSPORT_ERRORS as exc:
            checks.errors[_exception(exc)] += 1
            await asyncio.sleep(0.05)
            continue
        if status == 404:
            ids: list[str] = []
            count = 0
        elif 200 <= status < 300:
            page = orjson.loads(body)
            ids = [item["id"] for item in page["items"]]
            count = page["count"]
        else:
            checks.errors[_http_error(status, "GET", target, body)] += 1
            continue
        expected = len(batch.event_ids)
        problem = None
        if count != len(ids):
            problem = f"count {count} but {len(ids)} items"
        elif ids and (len(ids) != expected or set(ids) != batch.event_ids):
            problem = f"{len(set(ids) & batch.event_ids)} of the batch's {expected} events"
        elif not ids and acked_before:
            problem = "no events, though the batch was acknowledged before the read"
        if problem is not None:
            checks.violations.append(f"{batch.actor}: {problem}")
        elif ids:
            checks.whole += 1
        else:
            checks.empty += 1


# --- readers and phases ----------------------------------------------------------------


def _urls(scenario: str, actors: Sequence[str], rng: random.Random) -> Iterator[str]:
    if scenario == "hello":
        return itertools.repeat("/hello")
    if scenario == "health":
        return itertools.repeat("/health")
    order = [quote(actor, safe=":") for actor in actors]
    rng.shuffle(order)
    if scenario == "timeline":
        return itertools.cycle([f"/timeline?actor={a}&limit={TIMELINE_LIMIT}" for a in order])
    if scenario == "relations":
        return itertools.cycle([f"/actors/{a}/relations" for a in order])
    raise ValueError(f"unknown scenario {scenario!r}")


async def _reader(session: Session, urls: Iterator[str], deadline: float, tally: Tally) -> None:
    for url in urls:
        if time.perf_counter() >= deadline:
            return
        started = time.perf_counter()
        try:
            status, body = await session.request("GET", url)
        except TRANSPORT_ERRORS as exc:
            tally.errors[_exception(exc)] += 1
            await asyncio.sleep(0.05)
            continue
        elapsed = time.perf_counter() - started
        if 200 <= status < 300:
            tally.latencies.append(elapsed)
        else:
            tally.errors[_http_error(status, "GET", url, body)] += 1


async def _finish(tasks: list[asyncio.Task[None]], timeout: float) -> None:
    """Wait for `tasks`; cancel any still running after `timeout`; raise a task's error."""
    if not tasks:
        return
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    for task in done:
        task.result()


async def run_phase(
    base_url: str,
    scenario: str,
    actors: Sequence[str],
    config: LoadConfig,
    cpu: CpuMeter,
    writes: Writes | None = None,
    seed: int = 0,
) -> tuple[Tally, Tally | None, Checks | None, dict[str, float | None]]:
    """Warm up, then R readers (and W writers and the checker) for `config.seconds`."""
    writers = config.writers if writes is not None else 0
    write_headers = {"Content-Type": "application/x-ndjson"}
    if config.api_key:
        write_headers["Authorization"] = f"Bearer {config.api_key}"
    rng = random.Random(seed)
    grace = REQUEST_TIMEOUT + 5
    async with sessions(config.client, base_url, config.readers + writers + 1) as new:
        if config.warmup > 0:
            deadline = time.perf_counter() + config.warmup
            warm = [
                asyncio.create_task(_reader(new(), _urls(scenario, actors, rng), deadline, Tally()))
                for _ in range(config.readers)
            ]
            await _finish(warm, config.warmup + grace)
        reads = Tally()
        write_tally = Tally() if writes is not None else None
        checks = Checks() if writes is not None else None
        gc.collect()
        cpu.start()
        started = time.perf_counter()
        deadline = started + config.seconds
        readers = [
            asyncio.create_task(_reader(new(), _urls(scenario, actors, rng), deadline, reads))
            for _ in range(config.readers)
        ]
        others: list[asyncio.Task[None]] = []
        if writes is not None and write_tally is not None and checks is not None:
            others += [
                asyncio.create_task(_writer(new(), w, writes, deadline, write_tally, write_headers))
                for w in range(writers)
            ]
            others.append(asyncio.create_task(_checker(new(), writes, deadline, checks)))
        try:
            await _finish(readers, config.seconds + grace)
            reads.seconds = time.perf_counter() - started
            usage = cpu.stop(reads.seconds)
            await _finish(others, config.seconds + grace)
            if write_tally is not None:
                write_tally.seconds = time.perf_counter() - started
        finally:
            for task in readers + others:
                task.cancel()
    return reads, write_tally, checks, usage


# --- servers ---------------------------------------------------------------------------

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


def _cli_has_workers() -> bool:
    """Whether `graphsvc serve` takes `--workers` (being added to graphsvc/cli.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "graphsvc", "serve", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    return "--workers" in done.stdout


def serve_graphsvc(
    env: dict[str, str], log: Path, api_key: str | None, workers: int = 1
) -> contextlib.AbstractContextManager[Server]:
    """`graphsvc serve`; with several workers, `graphsvc serve --workers N` when the CLI
    has it, else uvicorn itself on the app factory (`create_app`, settings from the
    environment) with N workers: the same app, without the CLI's JSON log set-up and
    header timeout."""
    env = dict(env)
    if api_key:
        env["GRAPHSVC_API_KEY"] = api_key
    args = ["-m", "graphsvc", "serve"]
    if workers > 1:
        if _cli_has_workers():
            args += ["--workers", str(workers)]
        else:
            args = ["-m", "uvicorn", "graphsvc.api.app:create_app", "--factory"]
            args += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return serve("graphsvc", args, env, log, ["/health", "/ready"])


def serve_hello(log: Path, workers: int = 1) -> contextlib.AbstractContextManager[Server]:
    args = ["-m", "uvicorn", "bench.hello_app:app", "--no-access-log", "--log-level", "warning"]
    if workers > 1:  # shared socket with TCP_NODELAY, as `graphsvc serve --workers N`
        args = ["-m", "bench.hello_app", "--workers", str(workers)]
    return serve("hello", args, {}, log, ["/hello"])


# --- stores ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    seconds: float
    busy_actors: list[str]


def _busiest(counts: Counter[str]) -> list[str]:
    return [actor for actor, _ in counts.most_common(READ_ACTORS)]


def prepare_embedded_here(data_dir: Path, events: int, actors: int) -> Prepared:
    from graphsvc.store.embedded import EmbeddedStore

    return _fill(EmbeddedStore(data_dir), events, actors, "the embedded store")


def prepare_embedded(data_dir: Path, events: int, actors: int) -> Prepared:
    """In a subprocess, so this client's heap (and its garbage collector) stays small."""
    command = [sys.executable, "-m", "bench.load", "--prepare-embedded", str(data_dir)]
    command += [str(events), str(actors)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"writing the embedded store failed:\n{done.stderr[-3000:]}")
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return Prepared(**fields)


def prepare_neo4j(target: Any, events: int, actors: int) -> Prepared:
    from graphsvc.store.neo4j import Neo4jStore
    from tests.neo4j_fixture import wipe

    wipe(target)
    store = Neo4jStore(target.uri, target.user, target.password, target.database)
    return _fill(store, events, actors, "Neo4j")


def _fill(store: Any, events: int, actors: int, name: str) -> Prepared:
    """Write the synthetic events into `store` (closed afterwards); check the count."""
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    try:
        store.start()
        for batch in synthetic.batches(events, PREPARE_BATCH, actors, DOCUMENTS):
            counts.update(p.actor for e in batch.events for p in e.participants)
            store.write_batch(batch)
        written = store.stats().events
    finally:
        store.close()
    if written != events:
        raise RuntimeError(f"{name} holds {written} events, not {events}")
    return Prepared(time.perf_counter() - started, _busiest(counts))


# --- one store, the whole run ------------------------------------------------------------

SCENARIOS: dict[str, str] = {
    "hello": "GET /hello (hello-world FastAPI)",
    "health": "GET /health (graphsvc, no store)",
    "timeline": f"GET /timeline?actor=…&limit={TIMELINE_LIMIT}",
    "relations": "GET /actors/{id}/relations",
}


def _plan(config: LoadConfig) -> list[tuple[str, bool]]:
    """(scenario, with writers) in order; hello first and last, to see drift."""
    plan: list[tuple[str, bool]] = [("hello", False), ("health", False)]
    for scenario in ("timeline", "relations"):
        plan.append((scenario, False))
        if config.writers > 0:
            plan.append((scenario, True))
    plan.append(("hello", False))
    return plan


def _sanity(server: Server, actors: Sequence[str]) -> None:
    """The routes answer with data before anything is measured."""
    with httpx.Client(base_url=server.url, timeout=REQUEST_TIMEOUT, trust_env=False) as client:
        for path in (f"/timeline?actor={actors[0]}&limit=5", f"/actors/{actors[0]}/relations"):
            response = client.get(path)
            if not response.is_success or not response.json()["items"]:
                raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text}")


async def _measure_phases(
    store: str,
    config: LoadConfig,
    hello: Server,
    server: Server,
    actors: Sequence[str],
    db_pid: int | None,
    writes: Writes,
    progress: bool,
) -> list[Phase]:
    phases: list[Phase] = []
    for index, (scenario, with_writers) in enumerate(_plan(config)):
        target = hello if scenario == "hello" else server
        pids: dict[str, int | None] = {"server": target.process.pid, "client": os.getpid()}
        if db_pid:
            pids["neo4j"] = db_pid
        reads, write_tally, checks, usage = await run_phase(
            target.url,
            scenario,
            actors,
            config,
            CpuMeter(pids),
            writes if with_writers else None,
            seed=index,
        )
        phase = Phase(
            store=store,
            scenario=scenario,
            label=SCENARIOS[scenario],
            writers=config.writers if with_writers else 0,
            reads=reads,
            writes=write_tally,
            checks=checks,
            cpu=usage,
            load=os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        )
        phases.append(phase)
        if progress:
            print(_progress_line(phase), file=sys.stderr, flush=True)
    return phases


def _progress_line(phase: Phase) -> str:
    line = (
        f"  {phase.store:<8} {phase.scenario:<9} writers={phase.writers} "
        f"{phase.reads.rate:8.0f} req/s p50 {phase.reads.p(50) * 1000:7.1f} ms "
        f"p99 {phase.reads.p(99) * 1000:7.1f} ms errors {phase.reads.error_count}"
    )
    if phase.writes is not None and phase.checks is not None:
        line += (
            f" | {phase.writes.rate:6.1f} batches/s, write errors {phase.writes.error_count}, "
            f"checks {phase.checks.count} violations {len(phase.checks.violations)}"
        )
    return line


def run_store(
    store: str, config: LoadConfig, workdir: Path, hello: Server, progress: bool = False
) -> StoreRun:
    """Prepare `store` with the synthetic events, serve it, and run every phase."""
    with contextlib.ExitStack() as stack:
        db_pid = None
        if store == "embedded":
            data_dir = workdir / "embedded-data"
            prepared = prepare_embedded(data_dir, config.events, config.actors)
            env = {"GRAPHSVC_BACKEND": "embedded", "GRAPHSVC_DATA_DIR": str(data_dir)}
        elif store == "neo4j":
            from tests.neo4j_fixture import neo4j_target

            targets = neo4j_target()
            stack.callback(targets.close)  # stops the Neo4j it started
            target = next(targets)
            db_pid = _neo4j_pid()
            prepared = prepare_neo4j(target, config.events, config.actors)
            env = {
                "GRAPHSVC_BACKEND": "neo4j",
                "NEO4J_URI": target.uri,
                "NEO4J_USER": target.user,
                "NEO4J_DATABASE": target.database,
            }
            if target.password:
                env["NEO4J_PASSWORD"] = target.password
        else:
            raise ValueError(f"unknown store {store!r}")
        if progress:
            print(
                f"{store}: {config.events:,} events written in {prepared.seconds:.1f} s",
                file=sys.stderr,
                flush=True,
            )
        server = stack.enter_context(
            serve_graphsvc(
                env, workdir / f"graphsvc-{store}.log", config.api_key, workers_of(store, config)
            )
        )
        if progress:
            print(f"{store}: server ready in {server.startup_seconds:.1f} s", file=sys.stderr)
        _sanity(server, prepared.busy_actors)
        writes = Writes(config.batch_events, document="synthetic-doc-0")
        phases = asyncio.run(
            _measure_phases(
                store, config, hello, server, prepared.busy_actors, db_pid, writes, progress
            )
        )
        events_at_end = None
        with contextlib.suppress(httpx.HTTPError, KeyError, ValueError):
            events_at_end = httpx.get(f"{server.url}/stats", timeout=REQUEST_TIMEOUT).json()[
                "events"
            ]
        return StoreRun(
            store=store,
            events=config.events,
            prepare_seconds=prepared.seconds,
            startup_seconds=server.startup_seconds,
            events_at_end=events_at_end,
            events_written=writes.events_written,
            phases=phases,
            busy_actors=prepared.busy_actors,
        )


def workers_of(store: str, config: LoadConfig) -> int:
    """uvicorn workers of a store's server: the embedded store is one process."""
    return 1 if store == "embedded" else config.workers


def measure(config: LoadConfig, workdir: Path, progress: bool = False) -> list[StoreRun]:
    """Every store of `config`, each against a hello-world server with its worker count."""
    runs: list[StoreRun] = []
    for store in config.stores:
        workers = workers_of(store, config)
        with serve_hello(workdir / f"hello-{store}.log", workers) as hello:
            runs.append(run_store(store, config, workdir, hello, progress))
    return runs


# --- report ----------------------------------------------------------------------------

HEADERS = [
    "store",
    "requests",
    "writers",
    "req/s",
    "vs hello",
    "p50 ms",
    "p99 ms",
    "errors",
    "batches/s",
    "batch p50 / p99 ms",
    "write errors",
    "half-batch checks (empty / whole)",
    "violations",
    "CPU % server / Neo4j / client",
    "load",
]


def _ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"


def _cpu(usage: dict[str, float | None]) -> str:
    def one(role: str) -> str:
        value = usage.get(role)
        return "-" if value is None else f"{value:.0f}"

    return " / ".join(one(role) for role in ("server", "neo4j", "client"))


def rows(runs: Sequence[StoreRun], batch_events: int) -> list[list[object]]:
    table: list[list[object]] = []
    for run in runs:
        hello_seen = 0
        for phase in run.phases:
            label = phase.label
            if phase.scenario == "hello":
                hello_seen += 1
                label += " (first)" if hello_seen == 1 else " (last)"
            row: list[object] = [
                run.store,
                label,
                f"{phase.writers} ({batch_events} events a batch)" if phase.writers else "-",
                f"{phase.reads.rate:,.0f}",
                f"{phase.reads.rate / run.hello_rate:.2f}" if run.hello_rate > 0 else "-",
                _ms(phase.reads.p(50)),
                _ms(phase.reads.p(99)),
                phase.reads.error_count,
            ]
            if phase.writes is not None and phase.checks is not None:
                row += [
                    f"{phase.writes.rate:.1f}",
                    f"{_ms(phase.writes.p(50))} / {_ms(phase.writes.p(99))}",
                    phase.writes.error_count,
                    f"{phase.checks.count:,} ({phase.checks.empty:,} / {phase.checks.whole:,})",
                    len(phase.checks.violations),
                ]
            else:
                row += ["-", "-", "-", "-", "-"]
            row.append(_cpu(phase.cpu))
            row.append("-" if phase.load is None else f"{phase.load:.1f}")
            table.append(row)
    return table


PREP_HEADERS = [
    "store",
    "events",
    "write s",
    "events/s",
    "server start s",
    "events written by the load",
    "events at end",
]


def prep_rows(runs: Sequence[StoreRun]) -> list[list[object]]:
    return [
        [
            run.store,
            f"{run.events:,}",
            f"{run.prepare_seconds:.1f}",
            f"{run.events / run.prepare_seconds:,.0f}" if run.prepare_seconds > 0 else "-",
            f"{run.startup_seconds:.1f}",
            f"{run.events_written:,}",
            f"{run.events_at_end:,}" if run.events_at_end is not None else "-",
        ]
        for run in runs
    ]


def problems(runs: Sequence[StoreRun]) -> list[str]:
    """Every kind of error and violation seen, with counts, for the report."""
    out: list[str] = []
    for run in runs:
        for phase in run.phases:
            where = f"{run.store}, {phase.label}" + (
                f" with {phase.writers} writers" if phase.writers else ""
            )
            sources: list[tuple[str, Counter[str]]] = [("read", phase.reads.errors)]
            if phase.writes is not None:
                sources.append(("write", phase.writes.errors))
            if phase.checks is not None:
                sources.append(("check", phase.checks.errors))
                if phase.checks.violations:
                    shown = "; ".join(phase.checks.violations[:CHECK_SAMPLES])
                    out.append(
                        f"{where}: {len(phase.checks.violations)} half-batch violations: {shown}"
                    )
            for kind, errors in sources:
                for message, count in errors.most_common(ERROR_SAMPLES):
                    out.append(f"{where}: {kind} error, {count} times: {message}")
    return out


def notes(config: LoadConfig, runs: Sequence[StoreRun], total: float, load: str) -> str:
    cpus = os.cpu_count() or 1
    return (
        (
            "Read load on the real server (`graphsvc serve`: uvicorn, one worker, the JSON "
            "access log on, written to a file)"
            if config.workers == 1
            else "Read load on the real server (`graphsvc serve`, the JSON access log on, "
            f"written to a file; the embedded store with one uvicorn worker, Neo4j with "
            f"{config.workers}: `--workers {config.workers}`; each store against a hello-world "
            "app with the same worker count)"
        )
        + f" over {config.events:,} synthetic events "
        f"(bench/synthetic.py: 2 participants and 1 source each, over {config.actors:,} "
        f"actors, so about {2 * config.events // config.actors:,} events an actor). "
        f"**The machine has {cpus} cores, shared by the client, the server and Neo4j** "
        f"(and by other jobs: load average {load} at the start), so figures are ratios "
        "before they are numbers. The client is one asyncio process, loopback only, "
        + (
            "with one keep-alive HTTP/1.1 connection a task on asyncio streams (under a "
            "tenth of a millisecond of client CPU a request; `httpx.AsyncClient`, "
            "`--client httpx`, spent 1 to 3 ms a request here, so the client, not the "
            "server, would have set the ceiling): "
            if config.client == "raw"
            else "`httpx.AsyncClient` with a pool of one connection a task: "
        )
        + f"{config.readers} reader tasks, each sending its next request when the last "
        f"answers, for {config.seconds:g} s a phase after {config.warmup:g} s of warm-up. "
        f"Readers cycle through the {READ_ACTORS} busiest actors: `GET /timeline?actor=…&limit="
        f"{TIMELINE_LIMIT}` (a first page) and `GET /actors/{{id}}/relations` (the default "
        "50 related actors). **vs hello** is the phase's requests/s over the mean of the "
        "two hello-world phases of the same store block (`bench/hello_app.py`, an `async "
        'def` returning `{"ok": true}`, served by uvicorn with the same worker count, '
        "measured with the same client and concurrency, first and last, so drift shows); "
        "`GET /health` is graphsvc's own stack (middleware, request id, metrics, log "
        "line) without the store. Latency is measured in the client, so it includes "
        "waiting for the client's event loop. **errors** are non-2xx answers and "
        f"transport errors. With writers, {config.writers} writer tasks POST /records "
        f"(JSON Lines, {config.batch_events} events a batch, each batch with one actor "
        "of its own, `group:load-batch-<writer>-<n>`, that only its events involve, so "
        "readers see the same data as without writers) back to back during the phase; "
        "**batches/s** and the batch latency are theirs. Meanwhile a checker reads "
        f"`GET /timeline?actor=<batch actor>&limit={CHECK_LIMIT}` of the newest batch in "
        "flight and of batches acknowledged lately, in turn: each answer must hold none "
        f"(404 or empty) or all {config.batch_events} of the batch's events (the same "
        "ids, `count` equal to the items), and all once the batch was acknowledged "
        "before the read began; anything else is a **violation**. **CPU %** is CPU time "
        "over the phase, as a percentage of one core, of the server process (the "
        "hello-world one in its rows), the Neo4j JVM, and the client; **load** is the "
        "machine's 1-minute load average as the phase ended (other jobs included: above "
        f"{cpus} the processes measured waited for a core). Whole run "
        f"(preparing the stores included): {total:.0f} s."
    )


def report(
    config: LoadConfig, runs: Sequence[StoreRun], total: float, load: str, write: bool
) -> None:
    from rich.console import Console
    from rich.table import Table

    table_rows = rows(runs, config.batch_events)
    table = Table(*HEADERS, title=f"Load test at {config.events:,} events")
    for row in table_rows:
        table.add_row(*(str(c) for c in row))
    prep = Table(*PREP_HEADERS, title="Stores")
    for row in prep_rows(runs):
        prep.add_row(*(str(c) for c in row))
    console = Console(width=max(Console().width, 200))
    console.print(table)
    console.print(prep)
    seen = problems(runs)
    for line in seen:
        console.print(line, markup=False)
    console.print(f"bench ran in {total:.0f} s")
    if not write:
        return
    from bench.report import markdown_table, update_section

    body = notes(config, runs, total, load) + "\n\n" + markdown_table(HEADERS, table_rows)
    body += (
        "\n\nStores written for the run (straight into the store, "
        f"{PREPARE_BATCH:,} events a batch; events at end include the writers'):\n\n"
        + markdown_table(PREP_HEADERS, prep_rows(runs))
    )
    if seen:
        body += "\n\nErrors and violations seen:\n\n" + "\n".join(f"- {line}" for line in seen)
    update_section(SECTION, body)


# --- command line ----------------------------------------------------------------------


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM as Ctrl-C: asyncio.run then cancels the phase cleanly, and the servers stop."""
    signal.raise_signal(signal.SIGINT)


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--prepare-embedded"]:
        data_dir, events, actors = argv[1:4]
        prepared = prepare_embedded_here(Path(data_dir), int(events), int(actors))
        print(json.dumps({"seconds": prepared.seconds, "busy_actors": prepared.busy_actors}))
        return

    defaults = LoadConfig()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=defaults.events)
    parser.add_argument("--seconds", type=float, default=defaults.seconds, help="a phase")
    parser.add_argument("--warmup", type=float, default=defaults.warmup, help="before a phase")
    parser.add_argument("--stores", nargs="+", choices=STORES, default=list(STORES))
    parser.add_argument("--readers", type=int, default=defaults.readers)
    parser.add_argument("--writers", type=int, default=defaults.writers, help="0: no writes")
    parser.add_argument("--batch-events", type=int, default=defaults.batch_events)
    parser.add_argument(
        "--api-key", default=None, help="sent on writes; the server gets it as GRAPHSVC_API_KEY"
    )
    parser.add_argument(
        "--client",
        choices=CLIENTS,
        default=defaults.client,
        help="raw: asyncio streams (default); httpx: httpx.AsyncClient (costs more CPU)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=defaults.workers,
        help="uvicorn workers of each server (the Neo4j store is stateless; the embedded "
        "store is one process, so it always runs with 1)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    args = parser.parse_args(argv)
    if args.events < 2 or args.readers < 1 or args.writers < 0 or args.batch_events < 1:
        parser.error("need --events >= 2, --readers >= 1, --writers >= 0, --batch-events >= 1")
    if args.batch_events >= CHECK_LIMIT:
        parser.error(f"--batch-events must be under {CHECK_LIMIT} (the checker reads one page)")
    config = replace(
        defaults,
        events=args.events,
        seconds=args.seconds,
        warmup=args.warmup,
        readers=args.readers,
        writers=args.writers,
        batch_events=args.batch_events,
        stores=tuple(dict.fromkeys(args.stores)),
        api_key=args.api_key,
        client=args.client,
        workers=args.workers,
    )
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with `&`
    signal.signal(signal.SIGTERM, _on_sigterm)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"bench.load: {platform.machine()}, {os.cpu_count()} cores, load average {load}",
        file=sys.stderr,
    )
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="graphsvc-load-") as workdir:
            runs = measure(config, Path(workdir), progress=True)
    except KeyboardInterrupt:
        print("bench.load: interrupted; servers stopped, nothing written", file=sys.stderr)
        sys.exit(130)
    total = time.perf_counter() - started
    report(config, runs, total, load, write=not args.no_write)


if __name__ == "__main__":
    main()
