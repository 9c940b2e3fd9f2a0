"""Dates as a model should cite them: the value at its precision, and how it is known."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.mcp.text import cite, date_label, date_value
from graphsvc.views import SourceDocument


@pytest.mark.parametrize(
    ("start", "end", "precision", "value"),
    [
        (date(2015, 10, 20), date(2015, 10, 20), "day", "2015-10-20"),
        (date(2015, 9, 24), date(2015, 9, 30), "week", "2015-09-24..2015-09-30"),
        (date(2015, 8, 1), date(2015, 8, 31), "month", "2015-08"),
        (date(2015, 10, 1), date(2015, 12, 31), "quarter", "2015-Q4"),
        (date(2015, 7, 1), date(2015, 12, 31), "quarter", "2015-H2"),
        (date(2015, 1, 1), date(2015, 12, 31), "year", "2015"),
        (date(1990, 1, 1), date(1999, 12, 31), "decade", "1990s"),
        (date(2015, 3, 5), date(2015, 4, 9), "month", "2015-03-05..2015-04-09"),
    ],
)
def test_date_value_at_its_precision(start: date, end: date, precision: str, value: str) -> None:
    assert date_value(start, end, precision) == value


def test_a_season_is_named() -> None:
    label = date_value(date(2015, 6, 1), date(2015, 8, 31), "season")
    assert label == "summer 2015"


def test_labels_say_stated_or_inferred() -> None:
    day = date(2015, 10, 20)
    assert date_label(day, day, "day", basis="text") == "2015-10-20 (day, stated)"
    assert (
        date_label(date(2015, 10, 1), date(2015, 12, 31), "quarter", basis="publication")
        == "2015-Q4 (quarter, inferred from publication)"
    )
    assert (
        date_label(day, day, "day", True, "publication")
        == "2015-10-20 (day, approximate, inferred from publication)"
    )
    assert (
        date_label(day, day, "day", basis="text", date_text="on Tuesday")
        == '2015-10-20 (day, stated as "on Tuesday")'
    )
    assert date_label(None, None, None) == "undated"


def test_a_citation_names_title_id_date_and_link() -> None:
    document = SourceDocument(
        id="doc-1", title="A title", url="https://example.org/a", published=date(2016, 1, 22)
    )
    assert (
        cite("doc-1", document) == '"A title" (doc-1, published 2016-01-22, https://example.org/a)'
    )
    assert cite("doc-2", None) == "document doc-2"


def test_a_relation_reads_with_its_role_type_basis_and_interval() -> None:
    from graphsvc.mcp.text import relations_text
    from graphsvc.views import ActorRef, RelatedActor, RelatedActorsPage, RelationView

    lopez = ActorRef(id="person:maria-lopez", name="Maria Lopez", kind="person")
    acme = ActorRef(id="organization:acme", name="Acme", kind="organization")
    relation = RelationView(
        type="WORKS_FOR",
        direction="out",
        since=date(2009, 1, 1),
        until=None,
        document=None,
        sentence="Maria Lopez, Acme's chief financial officer since 2009, spoke.",
        role="chief financial officer",
        basis="stated",
        since_precision="year",
        current=True,
        stated_on=date(2016, 1, 22),
    )
    item = RelatedActor(
        actor=acme, relations=[relation], shared_events=0, first=None, last=None, events=[]
    )
    page = RelatedActorsPage(actor=lopez, items=[item], count=1)
    text = relations_text(page, {}, lambda _: None)
    assert (
        "relation: Maria Lopez chief financial officer of Acme [WORKS_FOR, stated] "
        "(since 2009, still on 2016-01-22)" in text
    ), text
