"""TimelineJS3 JSON: a title slide and one slide an event, with dates holding only the
parts the precision supports (a month-precision event has no day). A date open at its
start ("before 1998-01-08") is a slide at its last possible day, the day before the
bound, with "(before 1998-01-08)" in its text: TimelineJS has no open interval.

TimelineJS puts every text field (headline, text, group, captions) into the page as
HTML, so each piece of stored text is HTML-escaped here: a summary holding
`<img src=...>` shows as those characters, never as an image or a link. Only the
markup this module writes itself (`<p>`, `<blockquote>`) is HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from html import escape

import orjson

from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.temporal import before_label
from graphsvc.views import EventView

PARTS = {"day": 3, "week": 3, "month": 2, "quarter": 2, "season": 2, "year": 1, "decade": 1}


def _date(value: date, precision: str) -> dict[str, str]:
    parts = PARTS.get(precision, 3)
    out = {"year": str(value.year)}
    if parts >= 2:
        out["month"] = str(value.month)
    if parts >= 3:
        out["day"] = str(value.day)
    return out


#: What a reader is told of a date the text does not state for the event.
INFERRED = {
    "publication": "the article's publication day",
    "context": "the time the text had set before",
}


def slide(event: EventView) -> dict | None:
    if event.start is None or event.end is None or event.precision is None:
        return None
    mark = " (approximate)" if event.approximate else ""
    if event.open_start:
        mark += f" ({before_label(event.end)})"
    if event.date_basis in INFERRED:
        mark += f" (date inferred: {INFERRED[event.date_basis]})"
    people = escape(", ".join(p.described() for p in event.participants))
    sources = "".join(f"<blockquote>{escape(s.sentence)}</blockquote>" for s in event.sources[:3])
    result = {
        "unique_id": event.id.replace(":", "-"),
        "start_date": _date(event.start, event.precision),
        "text": {
            "headline": escape(event.summary),
            "text": f"<p>{escape(event.date_text or '')}{mark} · {people}</p>{sources}",
        },
        "group": escape(event.type.value),
    }
    if event.end != event.start:
        result["end_date"] = _date(event.end, event.precision)
    return result


def title_slide(title: str, undated: int) -> dict:
    """The title slide; it says how many undated events the export was asked for and
    could not place, since a slide needs a date (the JSON and CSV exports keep them)."""
    text = "Exported from graphsvc"
    if undated:
        events = "event has" if undated == 1 else "events have"
        text += (
            f". {undated} undated {events} no slide: TimelineJS places every slide at "
            "a date (the JSON and CSV exports list them)"
        )
    # The title names the actor, whose name is stored text like any other.
    return {"text": {"headline": escape(title), "text": text}}


def write(
    events: Iterable[EventView], title: str, citations: Citations = NO_CITATIONS
) -> Iterator[str]:
    """`citations` is unused: this format does not name its sources' documents. The
    title slide comes after the events (JSON keys have no order), so that it can count
    the undated events left out without holding the stream."""
    yield '{"events": ['
    first = True
    undated = 0
    for event in events:
        item = slide(event)
        if item is None:
            undated += 1
            continue
        yield ("" if first else ",") + "\n" + orjson.dumps(item).decode()
        first = False
    yield '\n], "title": ' + orjson.dumps(title_slide(title, undated)).decode() + "}\n"
