"""JSON export: the timeline as the API returns it, plus EDTF per event, and the cited
documents (title, link, publication) by id after the events; lossless, so loading it
back gives the same events and documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.model import When
from graphsvc.temporal import to_edtf
from graphsvc.views import EventView


def edtf_of(event: EventView) -> str | None:
    if event.start is None or event.end is None or event.precision is None:
        return None
    when = When(
        start=event.start,
        end=event.end,
        precision=event.precision,
        approximate=event.approximate,
        open_start=event.open_start,
    )
    return to_edtf(when)


def write(
    events: Iterable[EventView], title: str, citations: Citations = NO_CITATIONS
) -> Iterator[str]:
    yield '{"title": ' + orjson.dumps(title).decode() + ', "events": ['
    for index, event in enumerate(events):
        record = event.model_dump(mode="json") | {"edtf": edtf_of(event)}
        yield ("," if index else "") + "\n" + orjson.dumps(record).decode()
    # What the documents are, not when this store took them in (`ingested_at`): a
    # store that loads the export keeps its own time, and two stores with the same
    # graph export the same file.
    cited = {
        d.id: d.model_dump(mode="json", exclude_none=True, exclude={"ingested_at"})
        for d in citations.cited()
    }
    yield '\n], "documents": ' + orjson.dumps(cited).decode() + "}\n"
