"""A date open at its start ("before 1998-01-08": the event happened on or before
1998-01-07, nothing says how long before) survives each store, and time windows treat
it by its stored day: never in a window wholly after its bound, never in one wholly
before its last possible day (no evidence places it there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from graphsvc.model import Actor, Document, Event, GraphBatch, Participant, Source, When
from graphsvc.store.base import GraphStore, TimelineQuery, Window

BOUND_DAY = date(1998, 1, 7)  # the reference time is 1998-01-08


def _event(event_id: str, when: When | None, document: str = "doc-open") -> Event:
    return Event(
        id=event_id,
        type="agree",
        summary=event_id.removeprefix("event:"),
        when=when,
        participants=(Participant(actor="org:acme", role="agent"),),
        sources=(Source(document=document, sentence="Acme had signed the deal."),),
    )


def _before() -> When:
    return When(
        start=BOUND_DAY,
        end=BOUND_DAY,
        precision="day",
        open_start=True,
        basis="context",
        anchor=date(1998, 1, 8),
    )


def _batch(*events: Event) -> GraphBatch:
    return GraphBatch(
        documents=(Document(id="doc-open", published=date(1998, 1, 8)),),
        actors=(Actor(id="org:acme", name="Acme", kind="organization"),),
        events=events,
    )


def test_an_open_start_survives_every_read(
    store: GraphStore, reopen: Callable[[], GraphStore]
) -> None:
    store.write_batch(_batch(_event("event:had-signed", _before())))
    (item,) = store.timeline(TimelineQuery(limit=5)).items
    assert item.open_start and (item.start, item.end) == (BOUND_DAY, BOUND_DAY)
    assert item.date_basis == "context"
    assert store.get_event("event:had-signed").open_start
    assert store.timeline(TimelineQuery(actor="org:acme", limit=5)).items[0].open_start
    (listed,) = store.document_detail("doc-open").events
    assert listed.open_start
    store.close()
    again = reopen()
    try:
        assert again.get_event("event:had-signed").open_start
    finally:
        again.close()


def test_a_closed_date_written_again_loses_its_open_start(store: GraphStore) -> None:
    """The update path (an event already stored) sets the flag and clears it, too."""
    store.write_batch(_batch(_event("event:had-signed", _before())))
    closed = _before().model_copy(update={"open_start": False, "basis": "text"})
    store.write_batch(_batch(_event("event:had-signed", closed)))
    assert not store.get_event("event:had-signed").open_start
    store.write_batch(_batch(_event("event:had-signed", _before())))
    assert store.get_event("event:had-signed").open_start


def test_windows_keep_an_open_start_only_where_its_day_is(store: GraphStore) -> None:
    store.write_batch(_batch(_event("event:had-signed", _before())))

    def found(since: date | None, until: date | None) -> bool:
        query = TimelineQuery(window=Window(since=since, until=until), limit=5)
        return [e.id for e in store.timeline(query).items] == ["event:had-signed"]

    assert not found(date(1998, 1, 8), None)  # wholly after the bound
    assert not found(date(1998, 2, 1), date(1998, 2, 28))
    assert found(date(1998, 1, 1), date(1998, 1, 31))  # holds the last possible day
    assert found(None, date(1998, 1, 7))
    # Wholly before its last possible day: the text does not place it there.
    assert not found(date(1997, 1, 1), date(1997, 12, 31))


def test_an_open_start_sorts_at_its_last_possible_day(store: GraphStore) -> None:
    earlier = When(start=date(1998, 1, 2), end=date(1998, 1, 2), precision="day")
    later = When(start=date(1998, 1, 8), end=date(1998, 1, 8), precision="day")
    store.write_batch(
        _batch(
            _event("event:later", later),
            _event("event:had-signed", _before()),
            _event("event:earlier", earlier),
        )
    )
    ids = [e.id for e in store.timeline(TimelineQuery(limit=5)).items]
    assert ids == ["event:earlier", "event:had-signed", "event:later"]
