"""CPU time a request of the read routes, through the whole app, this checkout against
another in the same run.

    python -m bench.api_cpu [--baseline DIR] [--events 100000] [--requests 2000]

Each code runs in its own process (`--worker`) on the same embedded store of synthetic
events (bench/synthetic.py), calling the ASGI app directly (no socket, no HTTP parser:
what is left is graphsvc's and FastAPI's own work) with the real thread pool, so a
dependency or route that hops through it pays for the hop. The figure is the process's
CPU time (all its threads) over the requests, which a busy machine disturbs far less
than wall time; rounds alternate between the codes and the best round counts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SECTION = "API CPU a request (bench/api_cpu.py)"
#: (label, path, query string): the routes of the load test, answered from memory.
ROUTES = ("GET /health", "GET /timeline?actor=…&limit=50", "GET /actors/{id}/relations")


def _targets(actor: str) -> list[tuple[str, str, bytes]]:
    return [
        (ROUTES[0], "/health", b""),
        (ROUTES[1], "/timeline", f"actor={quote(actor, safe=':')}&limit=50".encode()),
        (ROUTES[2], f"/actors/{actor}/relations", b""),
    ]


async def _call(app: Any, path: str, query: bytes) -> None:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    if status != [200]:
        raise RuntimeError(f"{path}?{query.decode()} answered {status}")


async def _measure(data_dir: Path, actor: str, requests: int) -> dict[str, float]:
    """Microseconds of CPU a request, by route (the app's own code, as imported)."""
    os.environ.update(
        GRAPHSVC_BACKEND="embedded", GRAPHSVC_DATA_DIR=str(data_dir), GRAPHSVC_ACCESS_LOG="false"
    )
    from graphsvc.api.app import create_app

    app = create_app()
    found: dict[str, float] = {}
    async with app.router.lifespan_context(app):
        for label, path, query in _targets(actor):
            for _ in range(50):  # warm up: the answer is built and kept
                await _call(app, path, query)
            started = time.process_time()
            for _ in range(requests):
                await _call(app, path, query)
            found[label] = 1e6 * (time.process_time() - started) / requests
    return found


def _busiest_actor(data_dir: Path, events: int) -> str:
    from bench.embedded_profile import fill

    return fill(data_dir, events)[0]


def measure(code: Path, data_dir: Path, actor: str, requests: int) -> dict[str, float]:
    # This file, not the baseline's bench/ (which may predate it); graphsvc from `code`.
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(data_dir), actor]
    command.append(str(requests))
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(command, cwd=code, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"measuring {code} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--worker":
        data_dir, actor, requests = argv[1:]
        print(json.dumps(asyncio.run(_measure(Path(data_dir), actor, int(requests)))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", type=Path, help="a checkout to compare with")
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="reuse a store here (created if absent)")
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/")
    args = parser.parse_args(argv)

    codes = [(args.baseline_label, args.baseline)] if args.baseline else []
    codes.append(("this checkout", ROOT))
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch)
        data_dir.mkdir(parents=True, exist_ok=True)
        actor = _busiest_actor(data_dir, args.events)
        best: dict[str, dict[str, float]] = {}
        for round_ in range(args.rounds):
            order = codes if round_ % 2 == 0 else codes[::-1]
            for label, code in order:
                found = measure(code, data_dir, actor, args.requests)
                print(f"round {round_ + 1}, {label}: {found}", flush=True)
                kept = best.setdefault(label, found)
                for route, value in found.items():
                    kept[route] = min(kept[route], value)
    _report(args, codes, best)


def _report(
    args: argparse.Namespace, codes: list[tuple[str, Path]], best: dict[str, dict[str, float]]
) -> None:
    from bench.report import markdown_table, update_section

    base = best.get(args.baseline_label) if args.baseline else None
    rows = []
    for route in ROUTES:
        row: list[object] = [route]
        for label, _ in codes:
            row.append(f"{best[label][route]:,.0f}")
        if base is not None:
            row.append(f"{base[route] / best['this checkout'][route]:.1f}x")
        rows.append(row)
    headers = ["request"] + [f"{label}, µs CPU" for label, _ in codes]
    headers += ["less CPU"] if base is not None else []
    table = markdown_table(headers, rows)
    print(table)
    if not args.no_write:
        update_section(
            SECTION,
            f"CPU time of the server process (all threads) a request, through the whole app "
            f"(middleware, routing, parameters, key guard, store, JSON; no socket or HTTP "
            f"parser), the access log off; {args.events:,} synthetic events, the busiest "
            f"actor, its answer already built (as for the load test's readers, which cycle "
            f"through 64 actors); best of {args.rounds} rounds of {args.requests:,} requests, "
            f"codes alternating. Baseline: {args.baseline or 'none'}.\n\n" + table,
        )


if __name__ == "__main__":
    main()
