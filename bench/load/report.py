"""The load test's tables, its errors and violations, and the notes above them in
docs/benchmarks.md."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Sequence

from bench.load.config import (
    CHECK_LIMIT,
    CHECK_SAMPLES,
    ERROR_SAMPLES,
    PREPARE_BATCH,
    READ_ACTORS,
    SECTION,
    TIMELINE_LIMIT,
    LoadConfig,
)
from bench.load.measures import StoreRun

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
        f"answers, for {config.seconds:g} s a phase after {config.warmup:g} s of warm-up "
        "(the writers writing too in the phases with writers, so the clock starts on the "
        "steady state it measures). Before its first phase, each store serves each of its "
        f"scenarios for {config.store_warmup:g} s, untimed, with the writers writing when "
        "there are any: servers in production are warm, and Neo4j's JIT compiles the hot "
        "code of its reads and of the batches in the first seconds. "
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
