"""Write a `When` as EDTF (ISO 8601-2) and as a TimeML TIMEX3 value.

EDTF keeps the precision: `2015-08` is a month, `2015-36` the fourth quarter,
`2015-23` autumn, `199X` the 1990s, `[2015-09-24..2015-09-30]` one day of that week,
and `~` marks an approximate date. Spans that are no calendar unit become intervals.
A date open at its start ("before 1998-01-08") is EDTF's open interval `../1998-01-07`.
"""

from __future__ import annotations

from datetime import date, timedelta

from graphsvc.model import When
from graphsvc.temporal import calendar as cal

EDTF_SEASONS = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
EDTF_QUARTERS = {1: 33, 2: 34, 3: 35, 4: 36}
EDTF_HALVES = {1: 40, 2: 41}


def _unit_code(when: When) -> tuple[str, str] | None:
    """(EDTF, TIMEX3) when the interval is exactly one calendar unit of its precision.

    A unit that runs past year 9999 (the ISO week of 9999-12-31, winter 9999) is no
    interval Python can hold, so nothing ending in year 9999 is one: it is written as
    an interval instead.
    """
    try:
        return _whole_unit(when)
    except cal.OutOfRange:
        return None


def _whole_unit(when: When) -> tuple[str, str] | None:
    start, end = when.start, when.end
    if when.precision == "day" and start == end:
        return start.isoformat(), start.isoformat()
    if when.precision == "month" and (start, end) == cal.month_span(start.year, start.month):
        value = f"{start.year}-{start.month:02d}"
        return value, value
    if when.precision == "year" and (start, end) == cal.year_span(start.year):
        return str(start.year), str(start.year)
    if (
        when.precision == "decade"
        and start.year % 10 == 0
        and (start, end) == cal.decade_span(start.year)
    ):
        return f"{start.year // 10}X", str(start.year // 10)
    if when.precision == "week" and (start, end) == cal.week_span(start):
        return f"[{start.isoformat()}..{end.isoformat()}]", cal.iso_week_value(start)
    if when.precision == "quarter":
        quarter = cal.quarter_of(start)
        if (start, end) == cal.quarter_span(start.year, quarter):
            return f"{start.year}-{EDTF_QUARTERS[quarter]}", f"{start.year}-Q{quarter}"
        for half in (1, 2):
            if (start, end) == cal.half_span(start.year, half):
                return f"{start.year}-{EDTF_HALVES[half]}", f"{start.year}-H{half}"
    if when.precision == "season":
        year, season = cal.season_of(start)
        if (start, end) == cal.season_span(year, season):
            return f"{year}-{EDTF_SEASONS[season]}", f"{year}-{season}"
    return None


def before_label(end: date) -> str:
    """`before 1998-01-08` for a date open at its start whose last possible day is `end`:
    the reader sees the bound the text gives (the reference time), not a day before it."""
    return f"before {(end + timedelta(days=1)).isoformat()}"


def to_edtf(when: When) -> str:
    """EDTF for the interval; `~` when approximate (as an interval where EDTF needs it)."""
    if when.open_start:
        return f"../{when.end.isoformat()}{'~' if when.approximate else ''}"
    unit = _unit_code(when)
    if unit is not None:
        code = unit[0]
        if not when.approximate:
            return code
        if code[0].isdigit() and code[5:7] not in {str(n) for n in range(21, 42)}:
            return f"{code}~" if "X" not in code else f"{when.start}~/{when.end}~"
        return f"{when.start.isoformat()}~/{when.end.isoformat()}~"
    if when.precision == "week" and (when.end - when.start).days <= 6:
        code = f"[{when.start.isoformat()}..{when.end.isoformat()}]"
        return code if not when.approximate else f"{when.start}~/{when.end}~"
    mark = "~" if when.approximate else ""
    return f"{when.start.isoformat()}{mark}/{when.end.isoformat()}{mark}"


def to_timex(when: When) -> str:
    """The TIMEX3 value of the unit the interval names, or of the coarsest unit holding it."""
    unit = _unit_code(when)
    if unit is not None:
        return unit[1]
    start = when.start
    if when.precision == "week":
        return cal.iso_week_value(start)
    if when.precision in ("day",):
        return start.isoformat()
    if when.precision == "month":
        return f"{start.year}-{start.month:02d}"
    if when.precision == "quarter":
        return f"{start.year}-Q{cal.quarter_of(start)}"
    if when.precision == "season":
        year, season = cal.season_of(start)
        return f"{year}-{season}"
    if when.precision == "decade":
        return str(start.year // 10)
    return str(start.year)
