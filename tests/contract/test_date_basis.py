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
                reported_by="org:acme",
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
    assert item.reported_by == "org:acme"
    assert (item.sources[0].trigger_start, item.sources[0].trigger_end) == (15, 19)


def test_the_timeline_filters_by_basis(store: GraphStore) -> None:
    from graphsvc.store.base import TimelineQuery as Query

    stated = When(start=date(2014, 11, 14), end=date(2014, 11, 14), precision="day")
    inferred = stated.model_copy(update={"start": date(2014, 11, 16), "end": date(2014, 11, 16)})
    inferred = inferred.model_copy(update={"basis": "publication", "approximate": True})
    events = tuple(
        Event(
            id=f"event:{name}",
            type="statement",
            summary=name,
            when=when,
            participants=(Participant(actor="org:acme", role="agent"),),
        )
        for name, when in (("stated", stated), ("inferred", inferred), ("undated", None))
    )
    store.write_batch(
        GraphBatch(actors=(Actor(id="org:acme", name="Acme", kind="organization"),), events=events)
    )
    ids = lambda **kw: [e.id for e in store.timeline(Query(limit=10, **kw)).items]  # noqa: E731
    assert ids() == ["event:stated", "event:inferred"]
    assert ids(bases=("text",)) == ["event:stated"]
    assert ids(bases=("publication",), undated=True) == ["event:inferred", "event:undated"]
    assert ids(bases=("text",), actor="org:acme") == ["event:stated"]


def test_negated_and_possible_events_are_kept_but_shown_only_when_asked(
    store: GraphStore,
) -> None:
    """Issue 13: a failed ratification is stored, but a timeline shows it only on request."""
    from graphsvc.store.base import TimelineQuery as Query

    day = When(start=date(2014, 11, 14), end=date(2014, 11, 14), precision="day")
    events = tuple(
        Event(
            id=f"event:{factuality}",
            type="agree",
            summary=factuality,
            when=day,
            factuality=factuality,
            participants=(Participant(actor="org:acme", role="agent"),),
        )
        for factuality in ("asserted", "negated", "planned", "possible", "reported")
    )
    store.write_batch(
        GraphBatch(actors=(Actor(id="org:acme", name="Acme", kind="organization"),), events=events)
    )

    def ids(**kw: object) -> set[str]:
        return {e.id for e in store.timeline(Query(limit=10, **kw)).items}

    assert ids() == {"event:asserted", "event:planned", "event:reported"}
    assert ids(factualities=("negated", "possible")) == {"event:negated", "event:possible"}
    (negated,) = store.timeline(Query(factualities=("negated",))).items
    assert negated.factuality == "negated"


def test_an_unknown_reporter_is_refused_and_nothing_written(store: GraphStore) -> None:
    import pytest

    from graphsvc.errors import InvalidInput

    event = Event(
        id="event:claimed",
        type="statement",
        summary="claimed",
        reported_by="org:nobody",
        participants=(Participant(actor="org:acme", role="agent"),),
    )
    batch = GraphBatch(
        actors=(Actor(id="org:acme", name="Acme", kind="organization"),), events=(event,)
    )
    with pytest.raises(InvalidInput) as refused:
        store.write_batch(batch)
    assert "reported_by refers to unknown actor org:nobody" in refused.value.errors[0]["message"]
    assert store.stats().events == 0


def test_an_event_no_actor_is_named_in_is_stored_listed_and_replaced(store: GraphStore) -> None:
    """Issue 13: "a bomb exploded" has no participant; it is on the timeline (not on any
    actor's), and reloading its document replaces it like any other event."""
    sentence = "A bomb exploded near the market on Friday."
    document = Document(id="doc-unnamed", published=date(2019, 6, 16))
    event = Event(
        id="event:other-explode-1a2b3c4d5e",
        type="other",
        summary="A bomb exploded near the market",
        when=When(start=date(2019, 6, 14), end=date(2019, 6, 14), precision="day"),
        sources=(
            Source(
                document="doc-unnamed",
                sentence=sentence,
                char_start=0,
                char_end=len(sentence),
                trigger_start=7,
                trigger_end=15,
            ),
        ),
    )
    acme = Actor(id="org:acme", name="Acme", kind="organization")
    batch = GraphBatch(
        replaces=("doc-unnamed",), documents=(document,), actors=(acme,), events=(event,)
    )
    store.write_batch(batch)
    store.write_batch(batch)  # the same document twice changes nothing
    (item,) = store.timeline(TimelineQuery(limit=5)).items
    assert item.id == event.id and item.participants == []
    assert item.sources[0].trigger_start == 7
    assert store.timeline(TimelineQuery(limit=5, actor="org:acme")).items == []
    assert store.stats().events == 1
    store.write_batch(GraphBatch(replaces=("doc-unnamed",), documents=(document,), actors=(acme,)))
    assert store.timeline(TimelineQuery(limit=5)).items == []
