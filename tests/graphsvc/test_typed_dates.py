"""Issue 15: dates people type, read by dateparser; an ambiguous one is refused, never
guessed. Rows written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.typed_dates import AmbiguousDate, read_typed_date

READ = [
    ("2016-01-22", date(2016, 1, 22)),
    ("22 janvier 2016", date(2016, 1, 22)),
    ("22.01.2016", date(2016, 1, 22)),
    ("Jan 22nd, 2016", date(2016, 1, 22)),
    ("January 22, 2016", date(2016, 1, 22)),
    ("22/01/2016", date(2016, 1, 22)),
    ("22 de enero de 2016", date(2016, 1, 22)),
    ("22. Januar 2016", date(2016, 1, 22)),
    ("12.12.2012", date(2012, 12, 12)),
    ("3 February 2009", date(2009, 2, 3)),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[r[0] for r in READ])
def test_typed_dates_are_read(text: str, expected: date) -> None:
    assert read_typed_date(text) == expected


@pytest.mark.parametrize("text", ["03-02-2009", "03/02/2009", "3.2.2009", "01-12-2015"])
def test_day_and_month_either_way_round_is_refused(text: str) -> None:
    with pytest.raises(AmbiguousDate, match="ambiguous"):
        read_typed_date(text)


@pytest.mark.parametrize(
    "text", ["next week", "soon", "2016-13-45", "2016-13-01", "32.01.2016", "hello"]
)
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        read_typed_date(text)
