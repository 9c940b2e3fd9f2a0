"""A date open at its start ("before 1998-01-08") in every place a date is written:
EDTF `../1998-01-07` in JSON, CSV and GraphML, a marked all-day event in iCalendar, a
marked slide in TimelineJS, "before 1998-01-08" in the MCP text; and the model refuses
an open start whose start is not its end (one stored shape)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import networkx as nx
import pytest
from icalendar import Calendar
from pydantic import ValidationError

from graphsvc.export import csv_export, graphml_export, ics_export, json_export, timelinejs_export
from graphsvc.mcp.text import event_date
from graphsvc.model import When
from graphsvc.temporal import to_edtf
from graphsvc.views import EventView

DAY = date(1998, 1, 7)


def _view(open_start: bool = True, precision: str = "day") -> EventView:
    return EventView(
        id="event:had-signed",
        type="agree",
        summary="Acme had signed the deal",
        start=DAY,
        end=DAY,
        precision=precision,
        approximate=False,
        open_start=open_start,
        date_text="Thursday",
        date_basis="context",
        confidence=0.5,
        participants=[],
        sources=[],
    )


def test_edtf_is_an_open_interval() -> None:
    when = When(start=DAY, end=DAY, precision="day", open_start=True)
    assert to_edtf(when) == "../1998-01-07"
    approximate = when.model_copy(update={"approximate": True})
    assert to_edtf(approximate) == "../1998-01-07~"
    # The same days without the flag are the day itself.
    assert to_edtf(when.model_copy(update={"open_start": False})) == "1998-01-07"


def test_an_open_start_takes_start_equal_to_end() -> None:
    with pytest.raises(ValidationError, match="open-start"):
        When(start=date(1990, 1, 1), end=DAY, precision="day", open_start=True)


def test_json_csv_and_graphml_write_the_open_interval() -> None:
    exported = json.loads("".join(json_export.write([_view()], "t")))
    (record,) = exported["events"]
    assert record["edtf"] == "../1998-01-07" and record["open_start"] is True
    rows = list(
        csv.DictReader(io.StringIO("".join(csv_export.write([_view()], "t")).lstrip("\ufeff")))
    )
    assert rows[0]["edtf"] == "../1998-01-07" and rows[0]["open_start"] == "True"
    graph = nx.parse_graphml("".join(graphml_export.write([_view()], "t")))
    node = graph.nodes["event:had-signed"]
    assert node["edtf"] == "../1998-01-07" and node["open_start"] is True


def test_icalendar_marks_the_day_as_a_bound() -> None:
    calendar = Calendar.from_ical("".join(ics_export.write([_view()], "t")))
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]).startswith("before 1998-01-08: ")
    assert item.decoded("dtstart") == DAY
    assert "EDTF ../1998-01-07" in str(item["description"])


def test_timelinejs_marks_the_slide_as_a_bound() -> None:
    slide = timelinejs_export.slide(_view())
    assert slide is not None and "(before 1998-01-08)" in slide["text"]["text"]
    assert slide["start_date"] == {"year": "1998", "month": "1", "day": "7"}
    assert "end_date" not in slide
    plain = timelinejs_export.slide(_view(open_start=False))
    assert plain is not None and "(before 1998-01-08)" not in plain["text"]["text"]


def test_mcp_text_says_before() -> None:
    assert event_date(_view()).startswith("before 1998-01-08 (day, ")
    assert event_date(_view(open_start=False)).startswith("1998-01-07 (day, ")


def test_the_json_export_loads_back_open() -> None:
    from loaders.timeline_json import parse_timeline_export

    exported = "".join(json_export.write([_view()], "t")).encode()
    (event,) = parse_timeline_export(exported).events
    assert event.when is not None and event.when.open_start and event.when.end == DAY
