"""Properties every resolved date keeps, over generated phrases and anchors:
start <= end; an explicit day lies in its interval; EDTF round-trips through the
`edtf` package with the same bounds."""

from __future__ import annotations

import calendar
from datetime import date

from edtf import parse_edtf, struct_time_to_date
from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.temporal import find_dates, to_edtf, to_timex

MONTHS = list(calendar.month_name)[1:]
WEEKDAYS = list(calendar.day_name)
anchors = st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31))
years = st.integers(min_value=1900, max_value=2060)


@st.composite
def explicit_days(draw: st.DrawFn) -> tuple[str, date]:
    year = draw(years)
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    name = MONTHS[month - 1]
    form = draw(st.sampled_from(["{m} {d}, {y}", "{d} {m} {y}", "{y}-{mm:02d}-{d:02d}"]))
    return form.format(m=name, d=day, y=year, mm=month), date(year, month, day)


phrases = st.one_of(
    explicit_days().map(lambda p: p[0]),
    st.builds("in {} {}".format, st.sampled_from(MONTHS), years),
    st.builds("in {}".format, st.sampled_from(MONTHS)),
    st.builds("{} {}".format, st.sampled_from(["early", "mid", "late", "the end of"]), years),
    st.builds(
        "the {} quarter of {}".format,
        st.sampled_from(["first", "second", "third", "fourth"]),
        years,
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["last", "this", "next"]),
        st.sampled_from(["week", "month", "year", "quarter", "spring", "summer", "winter"]),
    ),
    st.builds(
        "{} {} ago".format,
        st.sampled_from(["two", "three", "five", "a"]),
        st.sampled_from(["days", "weeks", "months", "years"]),
    ),
    st.builds("on {}".format, st.sampled_from(WEEKDAYS)),
    st.builds("the {}0s".format, st.integers(190, 203)),
    st.builds("{} {}".format, st.sampled_from(["spring", "summer", "autumn", "winter"]), years),
    st.sampled_from(["earlier this month", "later this year", "the last week of March 2015"]),
)


@settings(max_examples=400, deadline=None)
@given(phrase=phrases, anchor=anchors)
def test_resolved_dates_are_well_formed(phrase: str, anchor: date) -> None:
    dated = [e.when for e in find_dates(f"It happened {phrase}.", anchor) if e.when]
    assert dated, f"{phrase!r} gave no date"
    for when in dated:
        assert when.start <= when.end
        assert when.anchor == anchor
        code = to_edtf(when)
        parsed = parse_edtf(code)
        assert str(parsed) == code
        if when.precision != "season":  # EDTF seasons name months differently per reader
            assert struct_time_to_date(parsed.lower_strict()) == when.start, code
            assert struct_time_to_date(parsed.upper_strict()) == when.end, code
        assert to_timex(when)


@settings(max_examples=300, deadline=None)
@given(day=explicit_days(), anchor=anchors)
def test_an_explicit_day_is_a_day_interval_holding_it(day: tuple[str, date], anchor: date) -> None:
    phrase, expected = day
    found = [e for e in find_dates(f"It happened on {phrase}.", anchor) if e.when]
    assert len(found) == 1, phrase
    when = found[0].when
    assert when.precision == "day"
    assert when.start <= expected <= when.end
    assert to_edtf(when) == expected.isoformat()
