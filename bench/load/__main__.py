"""The load test's command line: `python -m bench.load --help`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType

import bench.load
from bench.load.client import CLIENTS
from bench.load.config import CHECK_LIMIT, STORES, LoadConfig
from bench.load.report import report
from bench.load.run import measure
from bench.load.stores import prepare_embedded_here


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
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=(bench.load.__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--events", type=int, default=defaults.events)
    parser.add_argument("--seconds", type=float, default=defaults.seconds, help="a phase")
    parser.add_argument("--warmup", type=float, default=defaults.warmup, help="before a phase")
    parser.add_argument(
        "--store-warmup",
        type=float,
        default=defaults.store_warmup,
        help="seconds of each store scenario, with the writers, untimed, before its phases",
    )
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
        store_warmup=args.store_warmup,
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
