"""Reporting periods, as business news names them: quarters and halves ("the fourth
quarter", "second-quarter earnings", "the first half of fiscal 1998"), fiscal years
("fiscal 2021", "FY2021"), the latest and the year-ago period ("the most recent
quarter", "the prior-year period", "a year earlier" after a quarter) and year-to-date.

TIMEX3 values follow the TimeML guidelines: `1998-Q3`, `1998-H1`, `FY1998`,
`FY1998-Q1`. Quarters and halves of the calendar carry their interval (precision
`quarter`, as halves already do); a fiscal year's months differ by company, so fiscal
periods carry a value and no interval, as years before Christ do.

A period the text names is remembered (`Context.period`): "the quarter", "the period",
"the year-earlier quarter" and "a year earlier" after it are read from it.

Patterns, gates and the words that veto a bare quarter or half (a game's quarters and
halves) are in `reporting.yaml`.
"""

from __future__ import annotations

import re
from datetime import date

from graphsvc.temporal import calendar as cal
from graphsvc.temporal.lexicon import word
from graphsvc.temporal.rules.base import Context, Resolved, dated, relative_year
from graphsvc.temporal.rules.registry import family_words, resolver

#: A period's TIMEX3 value: a calendar or fiscal year, with a quarter or half.
PERIOD_VALUE = re.compile(r"(?P<fy>FY)?(?P<year>\d{4})(?:-(?P<part>[QH])(?P<n>[1-4]))?")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d)]*\s|\n")
_WORD = re.compile(r"[a-z][a-z-]*")
#: How far around a bare quarter or half its vetoing words are looked for.
_VETO_REACH = 150
_OFFSETS = {"this": 0, "current": 0, "last": -1, "previous": -1, "prior": -1, "past": -1}
_OFFSETS |= {"next": 1, "coming": 1}
#: What a reading that needs the period the text is on answers while the candidates are
#: gathered (`Context.probing`), before any period is known: the match stays a candidate.
_PROVISIONAL = Resolved("DATE", "XXXX")


def period_of(value: str, text: str, ctx: Context, explicit_year: bool) -> Resolved | None:
    """The Resolved of a period value (`1998-Q3`, `1998-H2`, `FY1998`, `FY1998-Q1`, `1998`)."""
    parsed = PERIOD_VALUE.fullmatch(value)
    if parsed is None:
        return None
    if parsed["fy"]:
        return Resolved("DATE", value, None, explicit_year)
    year = int(parsed["year"])
    if not 1 <= year <= 9999:
        return None
    if parsed["part"] == "Q":
        start, end = cal.quarter_span(year, int(parsed["n"]))
    elif parsed["part"] == "H":
        start, end = cal.half_span(year, int(parsed["n"]))
    else:
        start, end = cal.year_span(year)
        return dated(text, start, end, "year", value, ctx, explicit_year=explicit_year)
    return dated(text, start, end, "quarter", value, ctx, explicit_year=explicit_year)


def shifted(value: str, years: int) -> str:
    """The same period `years` later (earlier when negative): `1998-Q3` -> `1997-Q3`."""
    parsed = PERIOD_VALUE.fullmatch(value)
    if parsed is None:
        return value
    rest = f"-{parsed['part']}{parsed['n']}" if parsed["part"] else ""
    return f"{parsed['fy'] or ''}{int(parsed['year']) + years:04d}{rest}"


def _near_period(ctx: Context, start: int) -> Resolved | None:
    """The period the text named last, when it lies in the sentence that reaches `start`."""
    if ctx.period is None or ctx.period_end > start:
        return None
    if _SENTENCE_BREAK.search(ctx.text, ctx.period_end, start):
        return None
    return ctx.period


def _vetoed(ctx: Context, m: re.Match[str]) -> bool:
    """A bare quarter or half among words of a game ("scored in the fourth quarter")."""
    window = ctx.text[max(0, m.start() - _VETO_REACH) : m.end() + _VETO_REACH].lower()
    return not family_words("reporting")["game_words"].isdisjoint(_WORD.findall(window))


def _year_of_part(part: int, span: int, ctx: Context) -> int:
    """The year of a quarter (span 3) or half (span 6) named without one: a past tense
    reports on the last such period that has ended, a future one on the next that has
    not; with no tense, the one nearest the anchor (the one that holds it, if any)."""
    base = ctx.base

    def bounds(year: int) -> tuple[date, date]:
        first_month = (part - 1) * span + 1
        return cal.make_date(year, first_month, 1), cal.month_end(year, first_month + span - 1)

    years = (base.year - 1, base.year, base.year + 1)
    if ctx.tense == "past":
        return max(year for year in years if bounds(year)[1] < base)
    if ctx.tense == "future":
        return min(year for year in years if bounds(year)[1] >= base)

    def distance(year: int) -> int:
        start, end = bounds(year)
        return max((start - base).days, (base - end).days, 0)

    return min(years, key=lambda year: (distance(year), -year))


def _ordinal(m: re.Match[str], highest: int) -> int | None:
    number = word("ordinals", m["ord"])
    number = highest if number == -1 else number
    return number if 1 <= number <= highest else None


def _explicit_year(m: re.Match[str]) -> int | None:
    for group in ("year", "ylead"):
        if m.groupdict().get(group):
            return int(m[group])
    return None


@resolver("quarter")
def resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Q3 2021", "the fourth quarter of 1998", "second-quarter", "the 1998 third
    quarter", "the first quarter of fiscal 1998" (FY1998-Q1)."""
    quarter = int(m["q"][1]) if m["q"] else _ordinal(m, 4)
    if quarter is None:
        return None
    year = _explicit_year(m)
    explicit = year is not None
    bare = year is None and not m["rel"]
    if bare and not m["q"]:
        if m["ord"].lower() in ("last", "final") and not m["the"]:
            return None  # "last quarter" is the one before this one (`relative`)
        if _vetoed(ctx, m):
            return None
    if m.groupdict().get("fiscal") and year is not None:
        return Resolved("DATE", f"FY{year}-Q{quarter}", None, True)
    if year is None:
        year = relative_year(m["rel"], ctx) or _year_of_part(quarter, 3, ctx)
    start, end = cal.quarter_span(year, quarter)
    return dated(m[0], start, end, "quarter", f"{year}-Q{quarter}", ctx, explicit_year=explicit)


@resolver("half")
def resolve_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the first half of 2015", "the second half", "first-half profit", "the first half
    of fiscal 1998" (FY1998-H1); not "the second half of the match"."""
    half = 1 if m["ord"].lower() == "first" else 2
    year = int(m["year"]) if m["year"] else None
    explicit = year is not None
    bare = year is None and not m["rel"]
    if bare:
        joined = m["sep"] == "-"
        if m["ord"].lower() == "latter" or not (m["the"] or joined):
            return None
        if re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) or _vetoed(ctx, m):
            return None
    if m["fiscal"] and year is not None:
        return Resolved("DATE", f"FY{year}-H{half}", None, True)
    if year is None:
        year = relative_year(m["rel"], ctx) or _year_of_part(half, 6, ctx)
    start, end = cal.half_span(year, half)
    return dated(m[0], start, end, "quarter", f"{year}-H{half}", ctx, explicit_year=explicit)


def _two_digit(year: str) -> int:
    number = int(year.lstrip("'"))
    return number if number >= 100 else number + (1900 if number >= 50 else 2000)


@resolver("fiscal_year")
def resolve_fiscal_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "fiscal 2021", "fiscal year 2020", "the 1998 fiscal year", "FY98", "last fiscal
    year": `FY2021`, named by the calendar year it ends in."""
    written = next((m[g] for g in ("y1", "y2", "y3") if m[g]), None)
    if written is not None:
        return Resolved("DATE", f"FY{_two_digit(written)}", None, True)
    return Resolved("DATE", f"FY{ctx.anchor.year + _OFFSETS[m['rel'].lower()]}")


def _last_ended(unit: str, ctx: Context) -> str | None:
    """The value of the last quarter or half that ended before the anchor."""
    base = ctx.anchor
    if unit == "quarter":
        year, quarter = (base.year, cal.quarter_of(base) - 1)
        return f"{year - 1}-Q4" if quarter == 0 else f"{year}-Q{quarter}"
    if unit == "half":
        return f"{base.year - 1}-H2" if base.month <= 6 else f"{base.year}-H1"
    return None


def _unit_of(value: str) -> str:
    parsed = PERIOD_VALUE.fullmatch(value)
    part = parsed["part"] if parsed else None
    return {"Q": "quarter", "H": "half"}.get(part or "", "year")


@resolver("recent_period")
def resolve_recent_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the most recent quarter", "the latest quarter": the period the text is
    reporting on, else the last one that ended before the publication."""
    unit = m["unit"].lower()
    period = ctx.period
    if period is not None and unit in ("period", _unit_of(period.value)):
        return period_of(period.value, m[0], ctx, False)
    value = _last_ended(unit, ctx)
    if value is None:
        return _PROVISIONAL if ctx.probing else None
    return period_of(value, m[0], ctx, False)


@resolver("year_ago_period")
def resolve_year_ago_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the year-earlier quarter", "the prior-year period", "the same quarter last
    year": the period being reported on, a year back."""
    unit = (m["unit"] or m["unit2"]).lower()
    period = ctx.period
    named = period is not None and unit in ("period", _unit_of(period.value))
    value = period.value if period is not None and named else _last_ended(unit, ctx)
    if value is None:
        return _PROVISIONAL if ctx.probing else None
    return period_of(shifted(value, -1), m[0], ctx, False)


def period_back(ctx: Context, m: re.Match[str], years: int) -> Resolved | None:
    """ "a year earlier", "a year ago" in the sentence of a quarter or half: that period
    `years` back (TimeML reads "profit rose from $5 million a year earlier" after
    "third-quarter" as the third quarter of the year before); None without one."""
    period = _near_period(ctx, m.start())
    if period is None or _unit_of(period.value) == "year":
        return None
    return period_of(shifted(period.value, -years), m[0], ctx, False)


@resolver("the_period")
def resolve_the_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the quarter", "the period" after a report named one: that period."""
    period = ctx.period
    unit = m["unit"].lower()
    if period is None or unit not in ("period", _unit_of(period.value)):
        return _PROVISIONAL if ctx.probing else None
    return period_of(period.value, m[0], ctx, False)


@resolver("year_to_date")
def resolve_year_to_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "year-to-date", "so far this year": this year up to the publication."""
    start, _end = cal.year_span(ctx.anchor.year)
    return dated(m[0], start, ctx.anchor, "year", str(ctx.anchor.year), ctx)
