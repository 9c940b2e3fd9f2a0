"""CSV export: one row an event, UTF-8 with a byte-order mark and full quoting so
spreadsheets open it as written; a cell a spreadsheet would run as a formula starts
with `'` (see `neutralise.spreadsheet_cell`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from graphsvc.export.citations import NO_CITATIONS, Citations
from graphsvc.export.json_export import edtf_of
from graphsvc.export.neutralise import spreadsheet_cell
from graphsvc.views import EventView

COLUMNS = [
    "id",
    "start",
    "end",
    "precision",
    "approximate",
    "open_start",
    "edtf",
    "date_text",
    "date_basis",
    "factuality",
    "reported_by",
    "type",
    "summary",
    "participants",
    "sources",
    "source_titles",
    "source_urls",
    "participant_links",
]


def _row(values: Sequence[object]) -> str:
    # Quoting keeps commas and line breaks inside a cell; it does not stop a formula,
    # hence the quote mark on every cell that would start one.
    cells = [spreadsheet_cell(str(value)) for value in values]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def _cited(event: EventView, citations: Citations, field: str) -> str:
    """Each source's document title or link, in the order of `sources`."""
    documents = (citations.of(s.document) for s in event.sources)
    return " | ".join(getattr(d, field) or "" if d else "" for d in documents)


def write(
    events: Iterable[EventView], title: str, citations: Citations = NO_CITATIONS
) -> Iterator[str]:
    yield "\ufeff" + _row(COLUMNS)
    for event in events:
        yield _row(
            [
                event.id,
                event.start or "",
                event.end or "",
                event.precision or "",
                event.approximate,
                event.open_start,
                edtf_of(event) or "",
                event.date_text or "",
                event.date_basis or "",
                event.factuality,
                event.reported_by or "",
                event.type.value,
                event.summary,
                "; ".join(f"{p.name} ({p.role.value})" for p in event.participants),
                " | ".join(f"{s.document}: {s.sentence}" for s in event.sources),
                _cited(event, citations, "title"),
                _cited(event, citations, "url"),
                # How each participant (in the order of `participants`) was linked.
                "; ".join(p.link_note() or p.basis for p in event.participants),
            ]
        )
