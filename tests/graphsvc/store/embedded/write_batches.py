"""Subprocess for the durability test: writes numbered batches and acknowledges each.

Run as `python write_batches.py DATA_DIR`; prints `ack N` after batch N is committed.
Each batch holds one document, ACTORS actors and EVENTS events, all tagged with N.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.store.embedded import EmbeddedStore

ACTORS = 50
EVENTS = 200


def make_batch(n: int) -> GraphBatch:
    document = Document(id=f"doc-{n}")
    actors = tuple(
        Actor(id=f"person:b{n}-a{i}", name=f"Person {n}.{i}", kind="person") for i in range(ACTORS)
    )
    events = tuple(
        Event(
            id=f"event:b{n}-e{i}",
            type="consult",
            summary=f"Meeting {n}.{i}",
            when=When(
                start=date(2015, 1 + i % 12, 1), end=date(2015, 1 + i % 12, 28), precision="month"
            ),
            participants=(
                Participant(actor=f"person:b{n}-a{i % ACTORS}"),
                Participant(actor=f"person:b{n}-a{(i + 1) % ACTORS}"),
            ),
            sources=(Source(document=document.id, sentence=f"Sentence {i}."),),
        )
        for i in range(EVENTS)
    )
    return GraphBatch(documents=(document,), actors=actors, events=events)


def main(data_dir: Path) -> None:
    store = EmbeddedStore(data_dir)
    n = 0
    while True:
        store.write_batch(make_batch(n))
        print(f"ack {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]))
