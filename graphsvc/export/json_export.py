"""JSON export: the timeline as the API returns it, plus EDTF per event; lossless, so
loading it back gives the same events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from graphsvc.model import When
from graphsvc.temporal import to_edtf
from graphsvc.views import EventView


def edtf_of(event: EventView) -> str | None:
    if event.start is None or event.end is None or event.precision is None:
        return None
    when = When(
        start=event.start, end=event.end, precision=event.precision, approximate=event.approximate
    )
    return to_edtf(when)


def write(events: Iterable[EventView], title: str) -> Iterator[str]:
    yield '{"title": ' + orjson.dumps(title).decode() + ', "events": ['
    for index, event in enumerate(events):
        record = event.model_dump(mode="json") | {"edtf": edtf_of(event)}
        yield ("," if index else "") + "\n" + orjson.dumps(record).decode()
    yield "\n]}\n"
