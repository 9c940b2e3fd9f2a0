"""One phase of the workload: reader tasks on one scenario for a fixed time (and the
writers and the checker beside them), after a warm-up; and the untimed warm-up of a
store before its phases."""

from __future__ import annotations

import asyncio
import gc
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from urllib.parse import quote

from bench.load.checker import Writes, checker, writer
from bench.load.client import TRANSPORT_PAUSE, Session, sessions, timed
from bench.load.config import REQUEST_TIMEOUT, TIMELINE_LIMIT, LoadConfig
from bench.load.cpu import CpuMeter
from bench.load.measures import Checks, Tally

SCENARIOS: dict[str, str] = {
    "hello": "GET /hello (hello-world FastAPI)",
    "health": "GET /health (graphsvc, no store)",
    "timeline": f"GET /timeline?actor=…&limit={TIMELINE_LIMIT}",
    "relations": "GET /actors/{id}/relations",
}


def plan(config: LoadConfig) -> list[tuple[str, bool]]:
    """(scenario, with writers) in order; hello first and last, to see drift."""
    plan: list[tuple[str, bool]] = [("hello", False), ("health", False)]
    for scenario in ("timeline", "relations"):
        plan.append((scenario, False))
        if config.writers > 0:
            plan.append((scenario, True))
    plan.append(("hello", False))
    return plan


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
        if await timed(session, tally, "GET", url) is None:
            await asyncio.sleep(TRANSPORT_PAUSE)


async def _finish(tasks: list[asyncio.Task[None]], timeout: float) -> None:
    """Wait for `tasks`; cancel any still running after `timeout`; raise a task's error."""
    if not tasks:
        return
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    for task in done:
        task.result()


def _writers(
    new: Callable[[], Session],
    writes: Writes,
    config: LoadConfig,
    deadline: float,
    tally: Tally,
) -> list[asyncio.Task[None]]:
    headers = {"Content-Type": "application/x-ndjson"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    return [
        asyncio.create_task(writer(new(), w, writes, deadline, tally, headers))
        for w in range(config.writers)
    ]


async def _untimed(
    new: Callable[[], Session],
    urls: Callable[[], Iterator[str]],
    config: LoadConfig,
    writes: Writes | None,
    seconds: float,
) -> None:
    """The readers, each on its own order of `urls()`, (and the writers, when `writes`
    is given) for `seconds`, nothing counted: the warm-ups before a store's phases and
    before each phase."""
    deadline = time.perf_counter() + seconds
    tasks = [
        asyncio.create_task(_reader(new(), urls(), deadline, Tally()))
        for _ in range(config.readers)
    ]
    if writes is not None:
        tasks += _writers(new, writes, config, deadline, Tally())
    await _finish(tasks, seconds + REQUEST_TIMEOUT + 5)


async def warm_store(
    base_url: str, actors: Sequence[str], config: LoadConfig, writes: Writes | None
) -> None:
    """Each store scenario for `config.store_warmup` s, with the writers when there are
    any, before any phase is timed. Nothing is measured: a server in production has
    served and written for a while, so the bench measures one that has too (Neo4j's
    JIT compiles the reads' and the batches' hot code in the first seconds: at main
    63c312f, relations with writers measured 0.09x hello-world after a 2 s warm-up
    and 0.12x after 15 s). The batches are real ones, acknowledged and kept in
    `writes` like those of the phases, so the checker may read them later."""
    if config.store_warmup <= 0:
        return
    rng = random.Random(-1)
    writing = writes is not None and config.writers > 0
    for scenario in ("timeline", "relations"):
        async with sessions(
            config.client, base_url, config.readers + (config.writers if writing else 0)
        ) as new:
            await _untimed(
                new,
                partial(_urls, scenario, actors, rng),
                config,
                writes if writing else None,
                config.store_warmup,
            )


async def run_phase(
    base_url: str,
    scenario: str,
    actors: Sequence[str],
    config: LoadConfig,
    cpu: CpuMeter,
    writes: Writes | None = None,
    seed: int = 0,
) -> tuple[Tally, Tally | None, Checks | None, dict[str, float | None]]:
    """Warm up (with the writers already writing, when the phase has writers, so that
    the clock starts on the steady state it measures), then R readers (and W writers
    and the checker) for `config.seconds`."""
    writers = config.writers if writes is not None else 0
    rng = random.Random(seed)
    grace = REQUEST_TIMEOUT + 5
    async with sessions(config.client, base_url, config.readers + writers + 1) as new:
        if config.warmup > 0:
            urls = partial(_urls, scenario, actors, rng)
            await _untimed(new, urls, config, writes if writers else None, config.warmup)
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
            if writers:
                others += _writers(new, writes, config, deadline, write_tally)
            others.append(asyncio.create_task(checker(new(), writes, deadline, checks)))
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
