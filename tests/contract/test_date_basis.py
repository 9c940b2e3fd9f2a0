"""A date's basis (stated, carried from context, or inferred from publication) and a
source's trigger offsets survive a round trip through each store."""

from __future__ import annotations

from datetime import date

from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.store.base import GraphStore, TimelineQuery


def test_basis_and_trigger_offsets_round_trip(store: GraphStore) -> None:
    sentence = "Acme said it sold the mill."
    batch = GraphBatch(
        documents=(Document(id="doc-basis", published=date(2014, 11, 16)),),
        actors=(Actor(id="org:acme", name="Acme", kind="organization"),),
        events=(
            Event(
                id="event:acme-said",
                type="statement",
                summary="Acme said",
                when=When(
                    start=date(2014, 11, 16),
                    end=date(2014, 11, 16),
                    precision="day",
                    approximate=True,
                    basis="publication",
                ),
                confidence=0.4,
                participants=(Participant(actor="org:acme", role="agent"),),
                sources=(
                    Source(
                        document="doc-basis",
                        sentence=sentence,
                        char_start=10,
                        char_end=10 + len(sentence),
                        trigger_start=15,
                        trigger_end=19,
                    ),
                ),
            ),
        ),
    )
    store.write_batch(batch)
    (item,) = store.timeline(TimelineQuery(limit=5)).items
    assert item.date_basis == "publication" and item.approximate
    assert (item.sources[0].trigger_start, item.sources[0].trigger_end) == (15, 19)
