"""Dates keep their true precision: each phrase resolves to the interval it allows.

Rows are (phrase, anchor, start, end, precision), grouped by phrase family, with the
anchor pinned: mostly 2016-01-22 (a Friday), the publication date of the sample
article, so "in August" is August 2015 and "on January 3" is 2016-01-03.
"""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.temporal import find_dates
from graphsvc.temporal.phrase import resolve_phrase

A = "2016-01-22"  # Friday; ISO week 2016-W03
B = "2008-09-04"  # Thursday, a MEANTIME article
C = "2015-12-31"  # Thursday

FULL_DATES = [
    ("January 3, 2016", A, "2016-01-03", "2016-01-03", "day"),
    ("Jan. 3, 2016", A, "2016-01-03", "2016-01-03", "day"),
    ("3 January 2016", A, "2016-01-03", "2016-01-03", "day"),
    ("2016-01-03", A, "2016-01-03", "2016-01-03", "day"),
    ("January 3", A, "2016-01-03", "2016-01-03", "day"),
    ("Sergun died on January 3 at the age of 58", A, "2016-01-03", "2016-01-03", "day"),
    ("3 January", A, "2016-01-03", "2016-01-03", "day"),
    ("the 3rd of January", A, "2016-01-03", "2016-01-03", "day"),
    ("Tuesday, January 5, 2016", A, "2016-01-05", "2016-01-05", "day"),
    ("October 20, 2015", A, "2015-10-20", "2015-10-20", "day"),
    ("Oct. 20, 2015", A, "2015-10-20", "2015-10-20", "day"),
    ("They met on December 25", A, "2015-12-25", "2015-12-25", "day"),
    ("They will meet on February 10", A, "2016-02-10", "2016-02-10", "day"),
    ("February 10", A, "2016-02-10", "2016-02-10", "day"),
    ("1/3/2016", A, "2016-01-03", "2016-01-03", "day"),
    ("March 15, 1985", A, "1985-03-15", "1985-03-15", "day"),
    ("September 1, 1939", A, "1939-09-01", "1939-09-01", "day"),
    ("July 4th, 1776", A, "1776-07-04", "1776-07-04", "day"),
    ("the 1st of May 2015", A, "2015-05-01", "2015-05-01", "day"),
    ("He died on January 3", C, "2015-01-03", "2015-01-03", "day"),
    ("They will meet on January 3", C, "2016-01-03", "2016-01-03", "day"),
]

MONTHS_AND_YEARS = [
    ("in August", A, "2015-08-01", "2015-08-31", "month"),
    (
        "Syria had agreed in August to lend Russia facilities",
        A,
        "2015-08-01",
        "2015-08-31",
        "month",
    ),
    ("as early as August", A, "2015-08-01", "2015-08-31", "month"),
    ("August 2015", A, "2015-08-01", "2015-08-31", "month"),
    ("Sept. 2015", A, "2015-09-01", "2015-09-30", "month"),
    # a past read from a cue word reaches back nine months at most: news writes the year
    # of an older date, not of its own year's (issue 15, AQUAINT)
    ("It happened in March", A, "2016-03-01", "2016-03-31", "month"),
    ("It happened in October", A, "2015-10-01", "2015-10-31", "month"),
    ("They will visit in March", A, "2016-03-01", "2016-03-31", "month"),
    ("last August", A, "2015-08-01", "2015-08-31", "month"),
    ("next March", A, "2016-03-01", "2016-03-31", "month"),
    ("this January", A, "2016-01-01", "2016-01-31", "month"),
    ("before his death in January", A, "2016-01-01", "2016-01-31", "month"),
    ("Markets fell in June", B, "2008-06-01", "2008-06-30", "month"),
    ("in 2014", A, "2014-01-01", "2014-12-31", "year"),
    ("in 1989", A, "1989-01-01", "1989-12-31", "year"),
    ("by 2020", A, "2020-01-01", "2020-12-31", "year"),
    ("the year 2000", A, "2000-01-01", "2000-12-31", "year"),
]

WEEKS = [
    ("last week", A, "2016-01-11", "2016-01-17", "week"),
    ("this week", A, "2016-01-18", "2016-01-24", "week"),
    ("next week", A, "2016-01-25", "2016-01-31", "week"),
    ("last week", B, "2008-08-25", "2008-08-31", "week"),
    ("the last week of September 2015", A, "2015-09-24", "2015-09-30", "week"),
    ("in the last week of September 2015", A, "2015-09-24", "2015-09-30", "week"),
    ("the first week of March 2015", A, "2015-03-01", "2015-03-07", "week"),
    ("the week of Oct. 5", A, "2015-10-05", "2015-10-11", "week"),
    ("two weeks ago", A, "2016-01-04", "2016-01-10", "week"),
    ("last weekend", A, "2016-01-16", "2016-01-17", "week"),
    ("earlier this week", A, "2016-01-18", "2016-01-22", "week"),
]

PARTS = [
    ("early October", A, "2015-10-01", "2015-10-10", "month"),
    ("mid-October 2015", A, "2015-10-11", "2015-10-20", "month"),
    ("late October 2015", A, "2015-10-21", "2015-10-31", "month"),
    ("late 2015", A, "2015-09-01", "2015-12-31", "year"),
    ("early 2015", A, "2015-01-01", "2015-04-30", "year"),
    ("mid-2015", A, "2015-05-01", "2015-08-31", "year"),
    ("toward the end of 2015", A, "2015-09-01", "2015-12-31", "year"),
    ("the end of 2015", A, "2015-09-01", "2015-12-31", "year"),
    ("the beginning of 2015", A, "2015-01-01", "2015-04-30", "year"),
    ("the first half of 2015", A, "2015-01-01", "2015-06-30", "quarter"),
    ("the second half of 2015", A, "2015-07-01", "2015-12-31", "quarter"),
    ("The talks collapsed at the end of August", A, "2015-08-21", "2015-08-31", "month"),
    ("late last year", A, "2015-09-01", "2015-12-31", "year"),
    ("early this year", A, "2016-01-01", "2016-04-30", "year"),
    ("earlier this month", A, "2016-01-01", "2016-01-22", "month"),
    ("earlier this year", A, "2016-01-01", "2016-01-22", "year"),
    ("earlier this year", B, "2008-01-01", "2008-09-04", "year"),
    ("later this year", A, "2016-01-22", "2016-12-31", "year"),
    ("earlier in January", A, "2016-01-01", "2016-01-22", "month"),
]

SEASONS_AND_QUARTERS = [
    ("last spring", A, "2015-03-01", "2015-05-31", "season"),
    ("this summer", A, "2016-06-01", "2016-08-31", "season"),
    ("spring 2015", A, "2015-03-01", "2015-05-31", "season"),
    ("the summer of 2012", A, "2012-06-01", "2012-08-31", "season"),
    ("the winter of 1941", A, "1941-12-01", "1942-02-28", "season"),
    ("last fall", A, "2015-09-01", "2015-11-30", "season"),
    ("last winter", A, "2014-12-01", "2015-02-28", "season"),
    ("Q3 2015", A, "2015-07-01", "2015-09-30", "quarter"),
    ("Q4 2015", A, "2015-10-01", "2015-12-31", "quarter"),
    ("the third quarter", A, "2015-07-01", "2015-09-30", "quarter"),
    ("the fourth quarter of 2015", A, "2015-10-01", "2015-12-31", "quarter"),
    ("the first quarter of this year", A, "2016-01-01", "2016-03-31", "quarter"),
    ("the second quarter of last year", A, "2015-04-01", "2015-06-30", "quarter"),
    ("last quarter", A, "2015-10-01", "2015-12-31", "quarter"),
]

DECADES = [
    ("the 1990s", A, "1990-01-01", "1999-12-31", "decade"),
    ("the 1980s", A, "1980-01-01", "1989-12-31", "decade"),
    ("the early 1990s", A, "1990-01-01", "1993-12-31", "decade"),
    ("the late 1980s", A, "1987-01-01", "1989-12-31", "decade"),
    ("the nineties", A, "1990-01-01", "1999-12-31", "decade"),
    ("the '90s", A, "1990-01-01", "1999-12-31", "decade"),
    ("this decade", A, "2010-01-01", "2019-12-31", "decade"),
]

WEEKDAYS_AND_DAYS = [
    ("He resigned on Tuesday", A, "2016-01-19", "2016-01-19", "day"),
    ("He resigned on Friday", A, "2016-01-22", "2016-01-22", "day"),
    ("They will meet on Tuesday", A, "2016-01-26", "2016-01-26", "day"),
    ("last Tuesday", A, "2016-01-19", "2016-01-19", "day"),
    ("next Tuesday", A, "2016-01-26", "2016-01-26", "day"),
    ("Monday", A, "2016-01-25", "2016-01-25", "day"),
    ("Prices rose on Thursday", A, "2016-01-21", "2016-01-21", "day"),
    ("Clashes broke out Wednesday morning", A, "2016-01-20", "2016-01-20", "day"),
    ("The Dow fell on Thursday", B, "2008-09-04", "2008-09-04", "day"),
    ("today", A, "2016-01-22", "2016-01-22", "day"),
    ("yesterday", A, "2016-01-21", "2016-01-21", "day"),
    ("tomorrow", A, "2016-01-23", "2016-01-23", "day"),
    ("the day before yesterday", A, "2016-01-20", "2016-01-20", "day"),
    ("tonight", A, "2016-01-22", "2016-01-22", "day"),
    ("this morning", A, "2016-01-22", "2016-01-22", "day"),
    ("five days ago", A, "2016-01-17", "2016-01-17", "day"),
]

RELATIVE_SPANS = [
    ("last year", A, "2015-01-01", "2015-12-31", "year"),
    ("this year", A, "2016-01-01", "2016-12-31", "year"),
    ("next year", A, "2017-01-01", "2017-12-31", "year"),
    ("next year", C, "2016-01-01", "2016-12-31", "year"),
    ("last month", A, "2015-12-01", "2015-12-31", "month"),
    ("this month", A, "2016-01-01", "2016-01-31", "month"),
    ("next month", A, "2016-02-01", "2016-02-29", "month"),
    ("next month", B, "2008-10-01", "2008-10-31", "month"),
    ("three years ago", A, "2013-01-01", "2013-12-31", "year"),
    ("two years ago", A, "2014-01-01", "2014-12-31", "year"),
    ("a month ago", A, "2015-12-01", "2015-12-31", "month"),
]

RANGES = [
    ("from March to May 2015", A, "2015-03-01", "2015-05-31", "month"),
    ("between January and March 2015", A, "2015-01-01", "2015-03-31", "month"),
    ("between 2011 and 2013", A, "2011-01-01", "2013-12-31", "year"),
    ("from 2010 to 2012", A, "2010-01-01", "2012-12-31", "year"),
    ("1939-1945", A, "1939-01-01", "1945-12-31", "year"),
    ("from January 3 to January 10", A, "2016-01-03", "2016-01-10", "day"),
    ("since September 2015", A, "2015-09-01", "2016-01-22", "month"),
    ("since 2014", A, "2014-01-01", "2016-01-22", "year"),
    ("until March 2016", A, "2016-01-22", "2016-03-31", "month"),
]

ROWS = (
    FULL_DATES
    + MONTHS_AND_YEARS
    + WEEKS
    + PARTS
    + SEASONS_AND_QUARTERS
    + DECADES
    + WEEKDAYS_AND_DAYS
    + RELATIVE_SPANS
    + RANGES
)

APPROXIMATE = {"late 2015", "early 2015", "mid-2015", "toward the end of 2015", "late last year"}

NEGATIVE = [
    "of 58",
    "at the age of 58",
    "I am a staff writer",
    "May I ask a question?",
    "the March on Washington",
    "Call +1 202 555 2015 for tickets",
    "The score was 21-14",
    "They won 3-2 in extra time",
    "a 58-year-old man",
    "2,015 troops crossed",
    "$2015 in cash",
    "2015 troops crossed the border",
    "stocks fall 3%",
    "he will march on the capital",
    "the Russell 2000 Index",
    "the Sunday Times reported",
    "a second chance",
    "the Sun newspaper",
    "April showers",
    "page 12 of the report",
]


def test_there_are_enough_rows() -> None:
    assert len(ROWS) >= 120
    assert len(NEGATIVE) >= 15


@pytest.mark.parametrize(
    ("phrase", "anchor", "start", "end", "precision"), ROWS, ids=[r[0] for r in ROWS]
)
def test_phrase_resolves_to_its_interval(
    phrase: str, anchor: str, start: str, end: str, precision: str
) -> None:
    when = resolve_phrase(phrase, date.fromisoformat(anchor))
    assert when is not None, f"{phrase!r} found no date"
    assert (when.start.isoformat(), when.end.isoformat(), when.precision) == (
        start,
        end,
        precision,
    )
    assert when.anchor == date.fromisoformat(anchor)


@pytest.mark.parametrize("phrase", sorted(APPROXIMATE))
def test_vague_parts_are_approximate(phrase: str) -> None:
    when = resolve_phrase(phrase, date.fromisoformat(A))
    assert when is not None and when.approximate


@pytest.mark.parametrize("text", NEGATIVE, ids=NEGATIVE)
def test_not_a_date(text: str) -> None:
    dated = [e for e in find_dates(text, date.fromisoformat(A)) if e.when is not None]
    assert dated == [], f"{text!r} gave {[(e.text, e.value) for e in dated]}"
    assert resolve_phrase(text, date.fromisoformat(A)) is None


def test_days_later_counts_from_the_last_date_given() -> None:
    found = find_dates(
        "Sergun died on January 3 and was buried three days later.", date.fromisoformat(A)
    )
    assert [(e.text, e.value) for e in found] == [
        ("January 3", "2016-01-03"),
        ("three days later", "2016-01-06"),
    ]


def test_days_later_without_an_earlier_date_is_no_date() -> None:
    assert find_dates("He was buried three days later.", date.fromisoformat(A)) == []


def test_sample_article_dates(shared_fixtures) -> None:
    """Every dated phrase of the sample article, read against its publication date."""
    text = (shared_fixtures / "articles" / "putin-assad-step-down.txt").read_text("utf-8")
    found = {e.text: e for e in find_dates(text, date.fromisoformat(A)) if e.when}
    expected = {
        "October 20, 2015": ("2015-10-20", "2015-10-20", "day"),
        "toward the end of 2015": ("2015-09-01", "2015-12-31", "year"),
        "January": ("2016-01-01", "2016-01-31", "month"),
        "January 3": ("2016-01-03", "2016-01-03", "day"),
        "earlier this month": ("2016-01-01", "2016-01-22", "month"),
        "the last week of September 2015": ("2015-09-24", "2015-09-30", "week"),
        "September 2015": ("2015-09-01", "2015-09-30", "month"),
        "earlier in January": ("2016-01-01", "2016-01-22", "month"),
        "August": ("2015-08-01", "2015-08-31", "month"),
    }
    got = {
        text: (e.when.start.isoformat(), e.when.end.isoformat(), e.when.precision)
        for text, e in found.items()
    }
    assert got == expected
