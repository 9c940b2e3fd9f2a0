"""The writer tasks and the half-batch checker: batches POSTed while readers read, and
a reader of the batches' timelines that sees each whole or not at all."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

import orjson

from bench.load.client import TRANSPORT_ERRORS, TRANSPORT_PAUSE, Session, timed
from bench.load.config import CHECK_LIMIT
from bench.load.measures import Checks, Tally, exception_text, http_error


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


async def writer(
    session: Session,
    writer: int,
    writes: Writes,
    deadline: float,
    tally: Tally,
    headers: dict[str, str],
) -> None:
    while time.perf_counter() < deadline:
        batch = writes.new_batch(writer)
        ok = await timed(session, tally, "POST", "/records", batch.body, headers)
        writes.done(batch, ok=bool(ok))
        if ok is None:
            await asyncio.sleep(TRANSPORT_PAUSE)


async def checker(session: Session, writes: Writes, deadline: float, checks: Checks) -> None:
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
            checks.errors[exception_text(exc)] += 1
            await asyncio.sleep(TRANSPORT_PAUSE)
            continue
        if status == 404:
            ids: list[str] = []
            count = 0
        elif 200 <= status < 300:
            page = orjson.loads(body)
            ids = [item["id"] for item in page["items"]]
            count = page["count"]
        else:
            checks.errors[http_error(status, "GET", target, body)] += 1
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
