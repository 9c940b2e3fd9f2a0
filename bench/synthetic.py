"""Synthetic graphs for benchmarks: many events over a pool of actors and documents.

Deterministic for a given seed, so two runs (or two writers) get the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from graphsvc.model import (
    Actor,
    ActorKind,
    Document,
    Event,
    EventType,
    GraphBatch,
    Participant,
    Role,
    Source,
    When,
)

KINDS = list(ActorKind)
TYPES = [t for t in EventType if t is not EventType.other]


def actors(count: int) -> tuple[Actor, ...]:
    return tuple(
        Actor(id=f"person:synthetic-{i}", name=f"Synthetic Actor {i}", kind=KINDS[i % len(KINDS)])
        for i in range(count)
    )


def documents(count: int) -> tuple[Document, ...]:
    return tuple(
        Document(id=f"synthetic-doc-{i}", published=date(2016, 1, 1) + timedelta(days=i % 365))
        for i in range(count)
    )


def events(count: int, actor_count: int, document_count: int, seed: int = 7) -> Iterator[Event]:
    rng = random.Random(seed)
    base = date(2000, 1, 1)
    for i in range(count):
        start = base + timedelta(days=rng.randrange(9000))
        span = rng.choice([0, 0, 0, 6, 30])
        first, second = rng.sample(range(actor_count), 2)
        yield Event(
            id=f"event:synthetic-{i}",
            type=rng.choice(TYPES),
            summary=f"Synthetic event {i}",
            when=When(
                start=start,
                end=start + timedelta(days=span),
                precision="day" if span == 0 else "week" if span == 6 else "month",
            ),
            participants=(
                Participant(actor=f"person:synthetic-{first}", role=Role.agent),
                Participant(actor=f"person:synthetic-{second}", role=Role.target),
            ),
            sources=(
                Source(
                    document=f"synthetic-doc-{rng.randrange(document_count)}",
                    sentence=f"Sentence about event {i}.",
                ),
            ),
        )


def batches(
    count: int, batch_size: int, actor_count: int = 1000, document_count: int = 100
) -> Iterator[GraphBatch]:
    """The first batch also carries every actor and document."""
    pending: list[Event] = []
    first = True
    for event in events(count, actor_count, document_count):
        pending.append(event)
        if len(pending) == batch_size:
            yield _batch(pending, first, actor_count, document_count)
            pending, first = [], False
    if pending or first:
        yield _batch(pending, first, actor_count, document_count)


def _batch(items: list[Event], first: bool, actor_count: int, document_count: int) -> GraphBatch:
    return GraphBatch(
        actors=actors(actor_count) if first else (),
        documents=documents(document_count) if first else (),
        events=tuple(items),
    )
