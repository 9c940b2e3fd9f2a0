"""Dates as they are said: years in words ("nineteen ninety-eight", "twenty twenty-one",
"two thousand and one"), with a month ("March twenty nineteen") and days as ordinals
("the twenty-first of March", "March first"), as broadcast transcripts write them.

Patterns and gates are in `spoken.yaml`. A year in words is a date only after a word
that introduces one ("in", "since", "by": the lexicon's month cues) or a month, and not
when a count of things follows ("nineteen twenty-year-olds", "two thousand troops").
"""

from __future__ import annotations

import re

from graphsvc.temporal import calendar as cal
from graphsvc.temporal.lexicon import word
from graphsvc.temporal.rules.base import (
    LEX,
    Context,
    Resolved,
    capitalised,
    dated,
    day_date,
    has_cue,
    pick_year,
)
from graphsvc.temporal.rules.registry import resolver

_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")
_COUNTED = frozenset({"years", "year", "percent", "per", "times", "people", "old"})


def _number(words: str) -> int:
    """ "ninety-eight" -> 98, "oh five" -> 5, "ten" -> 10 (the spoken lists only)."""
    total = 0
    for part in re.split(r"[\s-]+", words.lower()):
        for name in ("spoken_units", "spoken_teens", "spoken_tens"):
            if part in LEX[name]:
                total += int(LEX[name][part])
    return total


def spoken_year(m: re.Match[str]) -> int | None:
    """The year a SPOKEN_YEAR match says; None for forms that are no year ("twenty
    hundred" is a time of day)."""
    if m["hi"]:
        century = int(LEX["spoken_teens"].get(m["hi"].lower()) or 20)
        low = m["lo"].lower()
        if low == "hundred":
            return None if century == 20 else century * 100
        return century * 100 + _number(low)
    return 2000 + (_number(m["lo2"]) if m["lo2"] else 0)  # "two thousand (and) one"


def _counted(ctx: Context, m: re.Match[str]) -> bool:
    """Whether a count of things follows: then the words are a number, not a year."""
    following = _NEXT_WORD.match(ctx.text, m.end())
    if following is None:
        return False
    name = following[1].lower()
    return name in _COUNTED or name in LEX["amount_units"]


@resolver("spoken_year")
def resolve_spoken_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "in nineteen ninety-eight": a year, after a cue word."""
    year = spoken_year(m)
    if year is None or not has_cue(ctx, m) or _counted(ctx, m):
        return None
    start, end = cal.year_span(year)
    return dated(m[0], start, end, "year", str(year), ctx, explicit_year=True)


@resolver("spoken_month_year")
def resolve_spoken_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "March twenty nineteen": a month of a year said in words."""
    year = spoken_year(m)
    if year is None or not capitalised(m["month"]) or _counted(ctx, m):
        return None
    month = word("months", m["month"].rstrip("."))
    start, end = cal.month_span(year, month)
    return dated(m[0], start, end, "month", f"{year}-{month:02d}", ctx, explicit_year=True)


@resolver("spoken_day")
def resolve_spoken_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the twenty-first of March", "March first, twenty nineteen": a day said as an
    ordinal, in the year given or the one the tense points at; "March nineteen, twenty
    twenty-one": as a cardinal, before a year (the rule asks for one)."""
    if not capitalised(m["month"]):
        return None
    if capitalised(m["dayword"]) and not m["month"].isupper():
        return None  # a name after the month: "the end of May the Second Squadron sailed"
    month = word("months", m["month"].rstrip("."))
    said = " ".join(m["dayword"].lower().split())
    day = int(LEX["day_ordinals"].get(said) or LEX["day_cardinals"][said])
    explicit = int(m["year"]) if m["year"] else None
    if m["said"]:
        explicit = spoken_year(m)
        if explicit is None:
            return None
    year = pick_year(month, day, ctx, explicit)
    return day_date(year, month, day, m[0], ctx, explicit is not None)
