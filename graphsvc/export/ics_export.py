"""iCalendar export (RFC 5545, via `icalendar`): all-day events, DTEND exclusive, weeks
and months as multi-day events; approximate dates are marked in the summary. A date
open at its start ("before 1998-01-08") is an all-day event on its last possible day
(the day before the bound), its summary starting "before 1998-01-08:" so a calendar
reader never takes that day for the event's date; the description gives the EDTF.

Text goes through `neutralise.plain_text`: RFC 5545 allows no control character in
text but HTAB (line breaks are written escaped, as `\\n`), and a NUL or ESC passed to
a calendar program is at best shown as garbage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta

from icalendar import Calendar, Event

from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.export.json_export import edtf_of
from graphsvc.export.neutralise import plain_text
from graphsvc.model import utc_now
from graphsvc.temporal import before_label
from graphsvc.views import EventView


def write(
    events: Iterable[EventView], title: str, citations: Citations = NO_CITATIONS
) -> Iterator[str]:
    """`citations` is unused: this format does not name its sources' documents."""
    calendar = Calendar()
    calendar.add("prodid", "-//graphsvc//timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", plain_text(title))
    head = calendar.to_ical().decode()
    stamp = utc_now().replace(microsecond=0)  # RFC 5545: when this calendar was written, UTC
    yield head.removesuffix("END:VCALENDAR\r\n")
    for event in events:
        if event.start is None or event.end is None:
            continue
        item = Event()
        item.add("uid", f"{event.id}@graphsvc")
        mark = "~ " if event.approximate else ""
        if event.open_start:
            mark += f"{before_label(event.end)}: "
        item.add("summary", plain_text(f"{mark}{event.summary}"))
        item.add("dtstart", event.start)
        item.add("dtend", event.end + timedelta(days=1))
        item.add("dtstamp", stamp)
        basis = event.date_basis or "text"
        detail = [
            f"{event.type.value}; {event.precision}; EDTF {edtf_of(event)}; date basis {basis}"
        ]
        if event.participants:
            who = ", ".join(p.described(role=True) for p in event.participants)
            detail.append(f"participants: {who}")
        detail += [f"{s.document}: {s.sentence}" for s in event.sources]
        item.add("description", plain_text("\n".join(detail)))
        yield item.to_ical().decode()
    yield "END:VCALENDAR\r\n"
