"""Dates past the calendar's ends are no dates, never a crash (issue 12).

Python dates hold years 1 to 9999. "Tomorrow" read on 9999-12-31, "last year" in year 1
or "99999999 days ago" today raised OverflowError or ValueError from deep inside a rule:
a 500 on GET /timeline?since= and on POST /documents. Now the extractor leaves such an
expression unresolved and `resolve_phrase` answers None (or ValueError, for the user).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.model import When
from graphsvc.temporal import calendar as cal
from graphsvc.temporal import find_dates, resolve_phrase, to_edtf, to_timex
from graphsvc.temporal.lexicon import lexicon

EDGES = [date.min, date(1, 1, 9), date(1, 3, 1), date(9999, 11, 30), date(9999, 12, 27), date.max]

RELATIVE = [
    "yesterday",
    "tomorrow",
    "tonight",
    "tomorrow morning",
    "the day before yesterday",
    "the day after tomorrow",
    "last week",
    "next week",
    "this week",
    "last weekend",
    "next weekend",
    "last month",
    "next month",
    "last year",
    "next year",
    "this year",
    "last decade",
    "next decade",
    "last quarter",
    "next quarter",
    "last winter",
    "next winter",
    "this winter",
    "last spring",
    "next autumn",
    "the first quarter of next year",
    "Q1 of last year",
    "the first half of next year",
    "the second half of last year",
    "the end of next year",
    "the beginning of last month",
    "late last year",
    "early next year",
    "earlier this year",
    "later this month",
    "on Monday",
    "next Monday",
    "last Friday",
    "this Sunday",
    "in August",
    "last March",
    "next December",
    "on January 3",
    "the last week of December",
    "the first week of January",
    "earlier in December",
    "two weeks later",
    "the following day",
    "the previous year",
    "3 days from now",
    "in 10 days",
    "99999999 days ago",
    "99999999 days from now",
    "10000000000 years ago",
    "10000000000 years from now",
    "in 99999 centuries",
    "99999 centuries ago",
    "5000 decades later",
    "12000 months ago",
    "999999999999999999999 weeks ago",
    "1" * 400 + " days ago",
    "every 99999999999999999999999 days",
    "the past 1" + "0" * 400 + " years",
]


def _checked(when: When | None) -> None:
    if when is not None:
        assert date.min <= when.start <= when.end <= date.max
        to_edtf(when)
        to_timex(when)


def _resolve(phrase: str, anchor: date) -> When | None:
    """resolve_phrase may say None or raise ValueError, nothing else."""
    try:
        return resolve_phrase(phrase, anchor)
    except ValueError:
        return None


@pytest.mark.parametrize("anchor", EDGES, ids=str)
@pytest.mark.parametrize("phrase", RELATIVE)
def test_relative_dates_at_the_calendar_edges_never_raise(phrase: str, anchor: date) -> None:
    _checked(_resolve(phrase, anchor))
    for sentence in (f"He said {phrase}.", f"They will meet {phrase}.", phrase):
        for mode in ("news", "narrative"):
            for found in find_dates(sentence, anchor, mode):  # the loader's path: no error
                _checked(found.when)


@pytest.mark.parametrize(
    "phrase",
    ["99999999 days ago", "10000000000 years ago", "99999 centuries ago", "1" * 30 + " days ago"],
)
def test_a_date_before_year_1_is_no_date(phrase: str) -> None:
    assert resolve_phrase(phrase, date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("phrase", "anchor"),
    [
        ("tomorrow", date.max),
        ("next year", date(9999, 6, 1)),
        ("next week", date(9999, 12, 27)),
        ("yesterday", date.min),
        ("last year", date(1, 6, 1)),
        ("last decade", date(5, 6, 1)),
    ],
)
def test_a_step_past_the_calendar_is_no_date(phrase: str, anchor: date) -> None:
    assert resolve_phrase(phrase, anchor) is None


@pytest.mark.parametrize(
    ("phrase", "anchor", "start"),
    [
        ("yesterday", date.max, date(9999, 12, 30)),
        ("tomorrow", date.min, date(1, 1, 2)),
        ("last year", date.max, date(9998, 1, 1)),
        ("next month", date.min, date(1, 2, 1)),
    ],
)
def test_a_step_inside_the_calendar_still_resolves(phrase: str, anchor: date, start: date) -> None:
    when = resolve_phrase(phrase, anchor)
    assert when is not None and when.start == start


def test_edtf_and_timex_of_units_at_the_calendar_end() -> None:
    """The ISO week of 9999-12-31 and winter 9999 run past year 9999: written as intervals."""
    week = When(start=date(9999, 12, 27), end=date(9999, 12, 31), precision="week")
    winter = When(start=date(9999, 12, 1), end=date(9999, 12, 31), precision="season")
    first = When(start=date(1, 1, 1), end=date(1, 2, 28), precision="season")
    assert to_edtf(week) == "[9999-12-27..9999-12-31]"
    assert to_timex(week) == "9999-W52"
    assert to_edtf(winter) == "9999-12-01/9999-12-31"
    assert to_timex(winter) == "9999-WI"
    assert to_edtf(first) == "0001-01-01/0001-02-28"
    assert cal.season_of(date.max) == (9999, "WI")


def test_calendar_arithmetic_reports_out_of_range() -> None:
    with pytest.raises(cal.OutOfRange):
        cal.shift_days(date.max, 1)
    with pytest.raises(cal.OutOfRange):
        cal.shift_days(date(2020, 1, 1), -(10**18))
    with pytest.raises(cal.OutOfRange):
        cal.shift_years(date(2020, 1, 1), 8000)
    with pytest.raises(cal.OutOfRange):
        cal.year_span(0)
    assert cal.shift_years(date(2020, 2, 29), 1) == date(2021, 2, 28)


UNITS = sorted(lexicon()["units"])
counts = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.sampled_from(["a", "two", "a couple of", "several", "1.5"]),
    st.text("0123456789", min_size=15, max_size=600),
)
relative = st.builds(
    "{} {}s {}".format,
    counts,
    st.sampled_from(UNITS),
    st.sampled_from(["ago", "later", "earlier", "from now", "hence", "before"]),
)
phrases = st.one_of(
    relative,
    st.builds("in {} {}s".format, counts, st.sampled_from(UNITS)),
    st.builds("every {} {}s".format, counts, st.sampled_from(UNITS)),
    st.builds("the past {} {}s".format, counts, st.sampled_from(UNITS)),
    st.sampled_from(RELATIVE),
    st.builds(" and ".join, st.lists(st.sampled_from(RELATIVE), min_size=2, max_size=3)),
    st.builds("from {} to {}".format, st.sampled_from(RELATIVE), st.sampled_from(RELATIVE)),
    st.builds("since {}".format, st.sampled_from(RELATIVE)),
)


@settings(max_examples=400, deadline=None)
@given(phrase=phrases, anchor=st.dates(), mode=st.sampled_from(["news", "narrative"]))
def test_no_phrase_on_any_anchor_raises_more_than_value_error(
    phrase: str, anchor: date, mode: str
) -> None:
    for found in find_dates(f"Officials said {phrase}.", anchor, mode):  # type: ignore[arg-type]
        _checked(found.when)
    try:
        when = resolve_phrase(phrase, anchor, mode)  # type: ignore[arg-type]
    except ValueError:
        return
    _checked(when)
