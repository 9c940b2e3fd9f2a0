"""Named days: the date each falls on, and how news writes them."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.temporal import find_dates
from graphsvc.temporal.holidays import holiday_in

WEDNESDAY = date(1999, 11, 10)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("thanksgiving", 1998, date(1998, 11, 26)),
        ("memorial day", 2000, date(2000, 5, 29)),
        ("labor day", 1999, date(1999, 9, 6)),
        ("election day", 2000, date(2000, 11, 7)),
        ("election day", 2001, date(2001, 11, 6)),  # the first Monday is Nov. 5
        ("good friday", 2000, date(2000, 4, 21)),
        ("easter", 2011, date(2011, 4, 24)),
        ("christmas eve", 1999, date(1999, 12, 24)),
    ],
)
def test_the_day_a_holiday_falls_on(name: str, year: int, expected: date) -> None:
    assert holiday_in(name, year) == expected


def values(text: str, anchor: date = WEDNESDAY) -> dict[str, str | None]:
    return {e.text: e.value for e in find_dates(text, anchor)}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Sales rose last Thanksgiving.", "last Thanksgiving", "1998-11-26"),
        ("Stores will open on Thanksgiving Day.", "Thanksgiving Day", "1999-11-25"),
        ("He died on Christmas Eve, 1963.", "Christmas Eve, 1963", "1963-12-24"),
        ("Rebels rose at Easter 1916.", "Easter 1916", "1916-04-23"),
        ("They crossed the river on Christmas night.", "Christmas night", "1999-12-25TNI"),
        ("Voters will go to the polls on Election Day.", "Election Day", "2000-11-07"),
        ("Protesters prayed as Easter week began.", "Easter week", "2000-W16"),
    ],
)
def test_holidays_in_news(text: str, expression: str, value: str) -> None:
    anchor = {"Easter week": date(2000, 4, 17), "Christmas night": date(2000, 1, 10)}.get(
        expression, WEDNESDAY
    )
    assert values(text, anchor).get(expression) == value


@pytest.mark.parametrize(
    "text",
    [
        "A Christmas tree burned in the square.",
        "The band played White Christmas.",
        "She sent Christmas cards to everyone.",
        "the christmas market",  # not written as a name
    ],
)
def test_not_a_holiday_date(text: str) -> None:
    assert values(text) == {}
