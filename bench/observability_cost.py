"""What the per-request log line and metrics cost, against hello-world, in one run.

    .venv/bin/python -m bench.observability_cost [--seconds 5] [--rounds 2]
        [--connections 8] [--before ../main] [--no-write]

Starts `graphsvc serve` (embedded store, empty data directory) as a subprocess with the
access log and the request metrics each on or off (GRAPHSVC_ACCESS_LOG,
GRAPHSVC_REQUEST_METRICS), and `bench/hello_app.py` under uvicorn, one at a time, and
drives GET /health (GET /hello) with bench.load's raw keep-alive client for a fixed
time. Rounds alternate the servers, so drift of the shared machine falls on all of
them; each figure is the best round. `--before DIR` also serves the graphsvc of
another checkout (e.g. the main branch) with its defaults: the before figure, measured
in the same run. The cost of logging and metrics is `1/rate(on) - 1/rate(off)`, in
percent of a hello-world request (`1/rate(hello)`). Then cProfile's top functions of
in-process /health requests (ASGI calls, no HTTP) with both on. Prints a table and
writes it to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil

from bench.load.client import RawSession
from bench.report import markdown_table, update_section
from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
SECTION = "Logging and metrics cost (bench/observability_cost.py)"
STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True)
class Variant:
    name: str
    root: Path
    args: tuple[str, ...]
    path: str
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Measure:
    rate: float  # requests a second
    cpu_us: float  # the server process's CPU (all threads) a request, in µs


@contextlib.contextmanager
def running(variant: Variant, workdir: Path) -> Iterator[tuple[int, int]]:
    """The variant's server (port, pid) until the block ends (SIGTERM, then kill)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPHSVC_", "NEO4J_"))}
    env.update(variant.env)
    env["PYTHONPATH"] = str(variant.root)
    env["GRAPHSVC_DATA_DIR"] = tempfile.mkdtemp(dir=workdir)
    log = (workdir / f"{variant.name.replace(' ', '_').replace('/', '_')}.log").open("ab")
    command = [sys.executable, *variant.args, "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=variant.root, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}{variant.path}", timeout=2).is_success:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{variant.name} did not start (log in {log.name})")
            time.sleep(0.1)
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


async def _drive(port: int, path: str, seconds: float, connections: int) -> int:
    """Requests answered 200 in `seconds`, `connections` keep-alive clients at once."""
    deadline = time.perf_counter() + seconds
    done = 0

    async def one() -> None:
        nonlocal done
        session = RawSession("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                status, _ = await session.request("GET", path)
                done += status == 200
        finally:
            await session.aclose()

    await asyncio.gather(*(one() for _ in range(connections)))
    return done


def measure(
    variant: Variant, workdir: Path, seconds: float, warmup: float, connections: int
) -> Measure:
    """Throughput, and the server's CPU time a request: on a shared machine the CPU
    time is the steadier figure (another process's load lowers req/s, not it)."""
    with running(variant, workdir) as (port, pid):
        asyncio.run(_drive(port, variant.path, warmup, connections))
        server = psutil.Process(pid)
        before = server.cpu_times()
        done = asyncio.run(_drive(port, variant.path, seconds, connections))
        after = server.cpu_times()
    cpu = (after.user - before.user) + (after.system - before.system)
    return Measure(done / seconds, cpu / max(done, 1) * 1e6)


def _profile_here(requests: int, lines: int) -> None:
    """Print cProfile's top of in-process GET /health calls (run in a child process
    whose PYTHONPATH picks the graphsvc to profile)."""
    import logging

    from graphsvc.api import create_app
    from graphsvc.logs import configure
    from graphsvc.settings import Settings

    sink = open(os.devnull, "w")  # noqa: SIM115 - open for the whole child process
    try:
        configure("info", sink)  # type: ignore[call-arg]
    except TypeError:  # an older graphsvc.logs: a StreamHandler on stderr
        configure("info")
        logging.getLogger().handlers[0].setStream(sink)  # type: ignore[attr-defined]
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp())))
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/health",
        "raw_path": b"/health",
        "query_string": b"",
        "headers": [(b"host", b"x")],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    async def send(message: object) -> None:
        pass

    async def run() -> cProfile.Profile:
        async with app.router.lifespan_context(app):
            for _ in range(300):
                await app(dict(scope), receive, send)
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(requests):
                await app(dict(scope), receive, send)
            profile.disable()
        return profile

    stats = pstats.Stats(asyncio.run(run()))
    stats.sort_stats("tottime").print_stats(lines)
    print("--- logging and metrics, by cumulative time ---")
    pattern = "observability|logging|json|metrics|prometheus|uuid|logs.py"
    stats.sort_stats("cumtime").print_stats(pattern, lines)


def _middleware_cost_here(requests: int) -> None:
    """Print the CPU µs a request that the request-id, log and metrics middleware adds
    around a bare ASGI app (in-process, all threads: the log writer's work counts)."""
    import logging
    import time

    from graphsvc import logs
    from graphsvc.api.metrics import Metrics
    from graphsvc.api.observability import RequestObservability

    sink = open(os.devnull, "w")  # noqa: SIM115 - open for the whole child process
    try:
        logs.configure("info", sink)  # type: ignore[call-arg]
    except TypeError:
        logs.configure("info")
        logging.getLogger().handlers[0].setStream(sink)  # type: ignore[attr-defined]

    class Route:
        path = "/health"

    async def bare(scope: dict[str, object], receive: object, send: object) -> None:
        scope["route"] = Route
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b'{"status":"ok"}'})  # type: ignore[operator]

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b""}

    async def send(message: object) -> None:
        pass

    scope = {"type": "http", "method": "GET", "path": "/health", "headers": []}
    wrapped = RequestObservability(bare, metrics=Metrics(object()))  # type: ignore[arg-type]

    async def loop(app: object) -> None:
        for _ in range(requests):
            await app(dict(scope), receive, send)  # type: ignore[operator]

    def cpu(app: object) -> float:
        started = time.process_time()
        asyncio.run(loop(app))
        writer = getattr(logs, "_writer", None)
        if writer is not None:  # wait for the queued lines: their formatting counts
            while not writer.queue.empty():
                time.sleep(0.001)
        return time.process_time() - started

    cpu(wrapped)  # warm up: metric children, code paths
    best = min(cpu(wrapped) - cpu(bare) for _ in range(3))
    print(f"{best / requests * 1e6:.2f}")


def middleware_cost(root: Path, requests: int) -> float:
    """`_middleware_cost_here` in a child process importing the graphsvc of `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")}
    env["PYTHONPATH"] = str(root)
    command = [sys.executable, __file__, "--middleware-here", str(requests)]
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"measuring the middleware failed:\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def profile_top(root: Path, requests: int, lines: int = 12) -> str:
    """`_profile_here` in a child process importing the graphsvc of `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSVC_")}
    env["PYTHONPATH"] = str(root)
    command = [sys.executable, __file__, "--profile-here", str(requests), str(lines)]
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"profiling failed:\n{done.stderr}")
    kept = []
    for line in done.stdout.splitlines():
        if not line.strip() or line.lstrip().startswith(("Ordered by", "List reduced")):
            continue
        if "function calls" in line:
            continue
        kept.append(line.rstrip().replace(str(root), "").replace(sys.prefix, ""))
    return "\n".join(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--before", type=Path, help="another checkout: its graphsvc, defaults")
    parser.add_argument("--profile-requests", type=int, default=3000)
    parser.add_argument("--middleware-requests", type=int, default=20000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    serve = ("-m", "graphsvc", "serve")
    hello = ("-m", "uvicorn", "bench.hello_app:app", "--no-access-log", "--log-level", "warning")

    def graphsvc(name: str, log: bool, metrics: bool) -> Variant:
        env = (("GRAPHSVC_ACCESS_LOG", str(log)), ("GRAPHSVC_REQUEST_METRICS", str(metrics)))
        return Variant(name, ROOT, serve, "/health", env)

    variants = [
        Variant("hello-world (bench/hello_app.py)", ROOT, hello, "/hello"),
        graphsvc("graphsvc /health, log off, metrics off", False, False),
        graphsvc("graphsvc /health, log on, metrics off", True, False),
        graphsvc("graphsvc /health, log off, metrics on", False, True),
        graphsvc("graphsvc /health, log on, metrics on (default)", True, True),
    ]
    if args.before:
        root = args.before.resolve()
        variants.append(Variant(f"before: graphsvc /health of {root.name}", root, serve, "/health"))
    best: dict[str, Measure] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for variant in variants if round_ % 2 == 0 else variants[::-1]:
                got = measure(variant, Path(tmp), args.seconds, args.warmup, args.connections)
                kept = best.get(variant.name)
                best[variant.name] = Measure(
                    max(got.rate, kept.rate if kept else 0.0),
                    min(got.cpu_us, kept.cpu_us if kept else got.cpu_us),
                )
                print(
                    f"round {round_ + 1}: {variant.name}: {got.rate:,.0f} req/s, "
                    f"{got.cpu_us:.0f} µs CPU/request",
                    flush=True,
                )

    hello = best[variants[0].name]
    off = best[variants[1].name]
    rows = []
    for variant in variants:
        got = best[variant.name]
        cost = "-"
        if variant.root == ROOT and variant.path == "/health" and variant is not variants[1]:
            cost = f"{(got.cpu_us - off.cpu_us) / hello.cpu_us * 100:.0f} %"
        rows.append(
            [
                variant.name,
                f"{got.rate:,.0f}",
                f"{got.rate / hello.rate:.2f}",
                f"{got.cpu_us:.0f}",
                f"{got.cpu_us / hello.cpu_us:.2f}",
                cost,
            ]
        )
    headers = [
        "server",
        "req/s",
        "req/s vs hello",
        "server CPU µs/request",
        "CPU vs hello",
        "log+metrics CPU, % of a hello request",
    ]
    print(markdown_table(headers, rows))
    costs = [("now (this checkout)", middleware_cost(ROOT, args.middleware_requests))]
    if args.before:
        costs.append(
            (
                f"before ({args.before.resolve().name})",
                middleware_cost(args.before, args.middleware_requests),
            )
        )
    cost_headers = ["code", "request id + log line + metrics, CPU µs", "% of a hello request's CPU"]
    cost_rows = [[name, f"{us:.1f}", f"{us / hello.cpu_us * 100:.0f} %"] for name, us in costs]
    print(markdown_table(cost_headers, cost_rows))
    after = profile_top(ROOT, args.profile_requests)
    before = profile_top(args.before.resolve(), args.profile_requests) if args.before else None
    print(f"before:\n{before}\n\nafter:\n{after}" if before else after)
    if args.no_write:
        return
    notes = (
        f"GET /health against bench/hello_app.py's GET /hello, each server started alone "
        f"(one uvicorn worker, embedded store, empty data directory), {args.connections} "
        f"keep-alive connections of bench.load's raw client for {args.seconds:g} s after "
        f"{args.warmup:g} s of warm-up, best of {args.rounds} rounds that alternate the "
        "servers; client and server share the machine's 2 cores (and other work). "
        "`server CPU µs/request` is the server process's CPU time (all its threads, so "
        "the log writer's too) over the requests answered; the last column is what the "
        "log line and the metrics add to it over the same server with both off, in "
        "percent of a hello-world request's CPU. "
        "What remains between /health with both off and hello-world is the app's own "
        "stack: `health()` is a sync route, so FastAPI runs it, and its response "
        "validation, in the thread pool (two hops a request), plus the body-limit, "
        "exception and routing middleware."
    )
    profile = (
        "Top of cProfile (own time) over in-process GET /health ASGI calls, log and metrics on:\n\n"
    )
    if before:
        profile += f"Before ({args.before.resolve().name}: python-json-logger formatting and "
        profile += "writing on the request path, `labels()` per request):"
        profile += "\n\n```\n" + before.strip() + "\n```\n\nAfter:"
    profile += "\n\n```\n" + after + "\n```"
    cost_notes = (
        "The same cost measured in-process, where the machine's other load does not "
        "blur it: the CPU time (all threads) of the observability middleware, with "
        "graphsvc's logging set up as `graphsvc serve` does it and lines written to "
        f"/dev/null, around a bare ASGI app, minus that app alone, over "
        f"{args.middleware_requests:,} requests, best of 3; in percent of the hello-world "
        "request's server CPU above."
    )
    update_section(
        SECTION,
        "\n\n".join(
            [
                notes,
                markdown_table(headers, rows),
                cost_notes,
                markdown_table(cost_headers, cost_rows),
                profile,
            ]
        ),
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--profile-here"]:
        _profile_here(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["--middleware-here"]:
        _middleware_cost_here(int(sys.argv[2]))
    else:
        main()
