"""Calendar arithmetic for intervals: months, ISO weeks, quarters, seasons, parts.

Seasons are meteorological and northern-hemisphere (spring = March to May; winter Y =
December Y to February Y+1), which is what news in English usually means.

Every date is built or moved here, and a result outside 0001-01-01..9999-12-31 (the
range Python dates hold) raises `OutOfRange`: "next year" read in 9999 names a year
no date can hold, and the extractor leaves such an expression unresolved.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


class OutOfRange(ValueError):
    """A date before year 1 or after year 9999: one Python cannot represent."""


def make_date(year: int, month: int, day: int) -> date:
    """`date(year, month, day)`, with a year outside 1..9999 reported as `OutOfRange`."""
    if not MINYEAR <= year <= MAXYEAR:
        raise OutOfRange(f"year {year} is outside {MINYEAR}..{MAXYEAR}")
    return date(year, month, day)


def shift_days(day: date, days: int) -> date:
    """`day + days`; `OutOfRange` rather than OverflowError past the calendar's ends."""
    try:
        return day + timedelta(days=days)
    except OverflowError as exc:
        raise OutOfRange(f"{day} {days:+d} days is outside the calendar") from exc


def shift_years(day: date, years: int) -> date:
    """The same day `years` later (or earlier); February 29 becomes the 28th off leap years."""
    year = day.year + years
    last = month_end(year, day.month).day
    return make_date(year, day.month, min(day.day, last))


def month_end(year: int, month: int) -> date:
    return make_date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    return make_date(year, month, 1), month_end(year, month)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def year_span(year: int) -> tuple[date, date]:
    return make_date(year, 1, 1), make_date(year, 12, 31)


def week_span(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) that holds `day`."""
    monday = shift_days(day, -day.weekday())
    return monday, shift_days(monday, 6)


def iso_week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return make_date(year, first, 1), month_end(year, first + 2)


def half_span(year: int, half: int) -> tuple[date, date]:
    return (
        (make_date(year, 1, 1), make_date(year, 6, 30))
        if half == 1
        else (make_date(year, 7, 1), make_date(year, 12, 31))
    )


def season_span(year: int, season: str) -> tuple[date, date]:
    first = SEASON_MONTHS[season]
    end_year, end_month = add_months(year, first, 2)
    return make_date(year, first, 1), month_end(end_year, end_month)


def season_of(day: date) -> tuple[int, str]:
    """The season holding `day`, with the year it is named by (January is winter Y-1).

    Read from the month alone, so it answers for every date, even where the season's
    span would run past year 9999.
    """
    for code, first in sorted(SEASON_MONTHS.items(), key=lambda s: -s[1]):
        if day.month >= first:
            return day.year, code
    return day.year - 1, "WI"


def decade_span(decade_start: int) -> tuple[date, date]:
    return make_date(decade_start, 1, 1), make_date(decade_start + 9, 12, 31)


def part_of_year(year: int, part: str) -> tuple[date, date]:
    """Early, mid, late: January-April, May-August, September-December."""
    first = {"early": 1, "mid": 5, "late": 9}[part]
    return make_date(year, first, 1), month_end(year, first + 3)


def part_of_month(year: int, month: int, part: str) -> tuple[date, date]:
    """Early, mid, late: days 1-10, 11-20, 21 to the end."""
    if part == "early":
        return make_date(year, month, 1), make_date(year, month, 10)
    if part == "mid":
        return make_date(year, month, 11), make_date(year, month, 20)
    return make_date(year, month, 21), month_end(year, month)


def part_of_decade(decade_start: int, part: str) -> tuple[date, date]:
    """Early, mid, late: years 0-3, 4-6, 7-9."""
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
    return make_date(decade_start + first, 1, 1), make_date(decade_start + last, 12, 31)
