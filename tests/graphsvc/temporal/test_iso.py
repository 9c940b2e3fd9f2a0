"""API filters: a partial ISO date means the whole year, month or day it names."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.temporal import parse_iso_partial


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2015", date(2015, 1, 1), date(2015, 12, 31), "year"),
        ("2015-09", date(2015, 9, 1), date(2015, 9, 30), "month"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),
        ("2015-09-30", date(2015, 9, 30), date(2015, 9, 30), "day"),
        (" 2015-09-30 ", date(2015, 9, 30), date(2015, 9, 30), "day"),
    ],
    ids=lambda v: str(v),
)
def test_partial_iso_dates(text: str, start: date, end: date, precision: str) -> None:
    when = parse_iso_partial(text)
    assert (when.start, when.end, when.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015-9", "YYYY-MM"),
        ("15", "YYYY-MM"),
        ("2015-13", "month must be"),
        ("2015-02-30", "day must be 01 to 28"),
        ("0000", "year must be"),
        ("September 2015", "YYYY-MM"),
        ("", "YYYY-MM"),
    ],
)
def test_bad_partial_dates_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_iso_partial(text)
