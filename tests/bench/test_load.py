"""bench/load on a tiny embedded store: the real server in a subprocess, readers,
writers (with an API key) and the half-batch checker, one short phase each."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench.load.client import RawSession
from bench.load.config import LoadConfig
from bench.load.measures import percentile
from bench.load.report import HEADERS, prep_rows, rows
from bench.load.run import measure
from tests.async_runner import run_async

pytestmark = pytest.mark.e2e

EVENTS = 200
BATCH = 7


def test_load_phases_on_the_embedded_store(tmp_path: Path) -> None:
    config = LoadConfig(
        events=EVENTS,
        seconds=1.0,
        warmup=0.1,
        store_warmup=0.3,
        readers=2,
        writers=1,
        batch_events=BATCH,
        stores=("embedded",),
        api_key="load-test-key",
    )
    [run] = measure(config, tmp_path)

    assert run.store == "embedded"
    assert len(run.busy_actors) == config.actors  # 20 actors, every one of them busy
    scenarios = [(p.scenario, p.writers) for p in run.phases]
    assert scenarios == [
        ("hello", 0),
        ("health", 0),
        ("timeline", 0),
        ("timeline", 1),
        ("relations", 0),
        ("relations", 1),
        ("hello", 0),
    ]
    for phase in run.phases:
        assert phase.reads.ok > 0, phase
        assert phase.reads.error_count == 0, phase.reads.errors
        assert 0.9 < phase.reads.seconds < 10
        assert 0 < phase.reads.p(50) <= phase.reads.p(99)
        if phase.writers:
            assert phase.writes is not None and phase.checks is not None
            assert phase.writes.ok > 0
            assert phase.writes.error_count == 0, phase.writes.errors
            assert phase.checks.count > 0
            assert phase.checks.errors == {}
            assert phase.checks.violations == []
        else:
            assert phase.writes is None and phase.checks is None
    # Every acknowledged batch is in the store, whole; nothing else was added.
    assert run.events_written > 0 and run.events_written % BATCH == 0
    assert run.events_at_end == EVENTS + run.events_written
    assert run.hello_rate > 0

    table = rows([run], BATCH)
    assert len(table) == len(run.phases)
    assert all(len(row) == len(HEADERS) for row in table)
    assert {row[HEADERS.index("violations")] for row in table} == {"-", 0}
    assert prep_rows([run])[0][1] == f"{EVENTS:,}"


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) != percentile([], 50)  # nan


def test_raw_session_reads_chunked_and_sized_bodies() -> None:
    async def exchange() -> list[tuple[int, bytes]]:
        answers = [
            b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello",
            b"HTTP/1.1 404 Not Found\r\ntransfer-encoding: chunked\r\n\r\n"
            b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
            b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nto the end",
        ]
        requests: list[bytes] = []

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            for answer in answers:
                requests.append(await reader.readuntil(b"\r\n\r\n"))
                writer.write(answer)
                await writer.drain()
                if b"connection: close" in answer:
                    writer.close()
                    return

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        session = RawSession("127.0.0.1", port)
        try:
            got = [await session.request("GET", f"/{i}") for i in range(3)]
        finally:
            await session.aclose()
            server.close()
            await server.wait_closed()
        assert [r.split(b" ")[1] for r in requests] == [b"/0", b"/1", b"/2"]
        return got

    assert run_async(exchange) == [(200, b"hello"), (404, b"abcde"), (200, b"to the end")]
