"""One store's whole run: fill it, serve it, check the routes answer, then every phase
of the plan against it and against the hello-world server."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx

from bench.load.checker import Writes
from bench.load.config import REQUEST_TIMEOUT, LoadConfig
from bench.load.cpu import CpuMeter, neo4j_pid
from bench.load.measures import Phase, StoreRun
from bench.load.phases import SCENARIOS, plan, run_phase, warm_store
from bench.load.servers import Server, serve_graphsvc, serve_hello
from bench.load.stores import prepare_embedded, prepare_neo4j


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
    await warm_store(server.url, actors, config, writes if config.writers > 0 else None)
    if progress and config.store_warmup > 0:
        print(f"  {store:<8} warmed up: {config.store_warmup:g} s a scenario", file=sys.stderr)
    phases: list[Phase] = []
    for index, (scenario, with_writers) in enumerate(plan(config)):
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

            # docker-compose.yml's Neo4j: its collector, page cache and heap, so the figures
            # describe that server and not the test suite's small one.
            targets = neo4j_target(page_cache="512m", heap="1g", served_gc=True)
            stack.callback(targets.close)  # stops the Neo4j it started
            target = next(targets)
            db_pid = neo4j_pid()
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
