"""Calendar dates: full and partial dates, months, years, weeks of a month, holidays.

Patterns, gates and negative contexts are in `dates.yaml`; here are the resolvers, each
registered under the name the file gives.
"""

from __future__ import annotations

import re
from datetime import date

from graphsvc.temporal import calendar as cal
from graphsvc.temporal.holidays import holiday_in
from graphsvc.temporal.lexicon import alternation, word
from graphsvc.temporal.rules.base import (
    FLAGS,
    LEX,
    PRONOUN_AFTER,
    Context,
    Resolved,
    capitalised,
    dated,
    day_date,
    has_cue,
    pick_year,
    when_of,
)
from graphsvc.temporal.rules.registry import resolver

_YEAR_REFERENCE = {
    "that": 0,
    "the same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
}


@resolver("iso")
def resolve_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    return day_date(int(m["year"]), int(m["m"]), int(m["d"]), m[0], ctx, True)


@resolver("slash")
def resolve_slash(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    return day_date(year, int(m["a"]), int(m["b"]), m[0], ctx, True)


@resolver("month_day")
def resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    explicit = int(m["year"]) if m["year"] else None
    year = pick_year(month, day, ctx, explicit)
    return day_date(year, month, day, m[0], ctx, explicit is not None)


@resolver("month_year")
def resolve_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not capitalised(m["month"]):
        return None
    month, year = word("months", m["month"].rstrip(".")), int(m["year"])
    start, end = cal.month_span(year, month)
    value = f"{year}-{month:02d}"
    if m["part"]:
        start, end = cal.part_of_month(year, month, m["part"].lower())
        return dated(m[0], start, end, "month", value, ctx, approximate=True, explicit_year=True)
    return dated(m[0], start, end, "month", value, ctx, explicit_year=True)


@resolver("month")
def resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A month alone: "in August", "last March", "early May"."""
    name = m["month"].rstrip(".").lower()
    if not capitalised(m["month"]) or (len(name) <= 4 and name not in ("may", "june", "july")):
        return None
    rel = (m["rel"] or "").lower()
    year_rel = (m["yrel"] or "").lower()
    if not (rel or year_rel or m["part"] or has_cue(ctx, m)):
        return None
    if name in LEX["ambiguous_months"] and not (rel or year_rel or m["part"] or has_cue(ctx, m)):
        return None
    if name in LEX["ambiguous_months"] and PRONOUN_AFTER.match(ctx.text, m.end()):
        return None
    month = word("months", name)
    base = ctx.base
    if year_rel:  # "early October this year", "in April next year": one expression
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[year_rel]
    elif rel == "last":
        year = base.year if month < base.month else base.year - 1
    elif rel == "next":
        year = base.year if month > base.month else base.year + 1
    elif rel == "this":
        year = base.year
    else:
        partner = _COORDINATED_YEAR.match(ctx.text, m.end())
        year = int(partner["year"]) if partner else pick_year(month, None, ctx, None)
    start, end = cal.month_span(year, month)
    value = f"{year}-{month:02d}"
    if m["part"]:
        start, end = cal.part_of_month(year, month, m["part"].lower())
        return dated(m[0], start, end, "month", value, ctx, approximate=True)
    return dated(m[0], start, end, "month", value, ctx)


#: "April and June 1955", "March to May 2015": the first month takes the second's year.
_COORDINATED_YEAR = re.compile(
    rf"\s*(?:and|or|to|through|until|till|-|\u2013)\s+(?:(?:early|mid|late)[-\s]+)?"
    rf"(?:{alternation(LEX['months'])})\.?\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:1[0-9]|20)\d\d)\b",
    re.IGNORECASE,
)


@resolver("month_of_year_ref")
def resolve_month_of_year_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "August of that year", "January 24 of the same year": the year the text is in."""
    if not capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    offset = _YEAR_REFERENCE[" ".join(m["yref"].lower().split())]
    year = (ctx.reference or ctx.anchor).year + offset
    if m["day"]:
        return day_date(year, month, int(m["day"]), m[0], ctx, False)
    start, end = cal.month_span(year, month)
    approximate = bool(m["part"])
    if approximate:
        start, end = cal.part_of_month(year, month, m["part"].lower())
    return dated(m[0], start, end, "month", f"{year}-{month:02d}", ctx, approximate)


@resolver("day_of_month_ref")
def resolve_day_of_month_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the 28th of that month": a day of the month the text is in."""
    base = ctx.reference or ctx.anchor
    return day_date(base.year, base.month, int(m["day"]), m[0], ctx, False)


#: The contexts that make four digits no year, compiled once: `resolve_year` reads every
#: four-digit number of a text.
_GROUP_BEFORE = re.compile(r"\d{3}[\s-]+$")
_YEAR_RANGE_BEFORE = re.compile(r"(?:1[0-9]|20)\d\d\s*[-\u2013]\s*$")
_NUMBER_BEFORE = re.compile(r"[\d.,$£€#/]$")
_NUMBER_AFTER = re.compile(r"[\d%]|[.,]\d|\s*(?:per\s?cent|percent)")
_HYPHEN_OK_BEFORE = re.compile(r"(?:1[0-9]|20)\d\d-$|mid-$")
_NEXT_WORD = re.compile(r"\s*([a-z]+)", FLAGS)
_NUMBERED_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


@resolver("year")
def resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A four-digit year, unless the context says it is an amount or part of a number."""
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 2) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    preceding = ctx.text[max(0, m.start() - 8) : m.start()]
    if _GROUP_BEFORE.search(preceding) and not _YEAR_RANGE_BEFORE.search(preceding):
        return None  # a group of a longer number: "+1 202 555 2015"
    if _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after):
        return None
    if before.endswith("-") and not _HYPHEN_OK_BEFORE.search(
        ctx.text[max(0, m.start() - 6) : m.start()]
    ):
        return None
    next_word = _NEXT_WORD.match(after)
    if next_word and next_word[1].lower() in LEX["amount_units"]:
        return None
    numbered = _NUMBERED_BEFORE.search(ctx.text[max(0, m.start() - 30) : m.start()])
    if numbered and numbered[1].lower() in LEX["numbered_nouns"]:
        return None  # "Resolution 1483", "Flight 1549", "No. 1945"
    previous = _WORD_BEFORE.search(ctx.text[max(0, m.start() - 30) : m.start()])
    if (
        next_word
        and previous
        and next_word[1][0].isupper()
        and previous[1][0].isupper()
        and (
            previous[1].lower() not in LEX["month_cues"]
            and previous[1].lower() not in LEX["months"]
        )
    ):
        return None  # a name: "Russell 2000 Index", "Windows 2000 Server"
    if not 1000 <= year <= 2099:
        return None
    start, end = cal.year_span(year)
    if m["part"]:
        start, end = cal.part_of_year(year, m["part"].lower())
        return dated(m[0], start, end, "year", str(year), ctx, approximate=True, explicit_year=True)
    return dated(m[0], start, end, "year", str(year), ctx, explicit_year=True)


#: A capitalised word right before a holiday makes it part of a name ("White Christmas",
#: "Orthodox Christmas", whose date differs), unless it is a sentence's first word.
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\s+$")
_NOT_A_NAME = frozenset({"on", "at", "by", "before", "after", "since", "until", "during", "over"})


@resolver("holiday")
def resolve_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Christmas", "last Thanksgiving", "Easter 1916", "Easter week": a named day."""
    if not capitalised(m["holiday"]):
        return None
    named = _NAME_BEFORE.search(ctx.text[max(0, m.start() - 30) : m.start()])
    if not m["rel"] and named and named[1].lower() not in _NOT_A_NAME:
        return None
    name = " ".join(m["holiday"].lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").split())
    rel = (m["rel"] or "").lower()
    base = ctx.base
    if m["year"]:
        year = int(m["year"])
    elif rel:
        this_year = holiday_in(name, base.year)
        year = (
            base.year
            + {
                "last": -1 if this_year >= base else 0,
                "next": 1 if this_year <= base else 0,
                "this": 0,
            }[rel]
        )
    else:
        usual = holiday_in(name, base.year)
        if m["week"]:  # "as Easter week began": the week's start decides
            usual = cal.week_span(usual)[0]
        year = pick_year(usual.month, usual.day, ctx, None)
    day = holiday_in(name, year)
    if m["tod"]:
        code = word("times_of_day", m["tod"])
        return Resolved("TIME", f"{day.isoformat()}T{code}", when_of(day, day, "day", ctx, m[0]))
    if m["week"]:
        start, end = cal.week_span(day)
        return dated(
            m[0], start, end, "week", cal.iso_week_value(day), ctx, explicit_year=bool(m["year"])
        )
    return dated(m[0], day, day, "day", day.isoformat(), ctx, explicit_year=bool(m["year"]))


@resolver("week_of")
def resolve_week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the last week of September 2015": its last seven days; "the week of Oct. 5": the
    ISO week holding that day."""
    if not capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    explicit = int(m["year"]) if m["year"] else None
    if m["day"]:
        year = pick_year(month, int(m["day"]), ctx, explicit)
        try:
            day = date(year, month, int(m["day"]))
        except ValueError:
            return None
        start, end = cal.week_span(day)
        return dated(
            m[0],
            start,
            end,
            "week",
            cal.iso_week_value(day),
            ctx,
            explicit_year=explicit is not None,
        )
    year = pick_year(month, None, ctx, explicit)
    first, last = cal.month_span(year, month)
    ordinal = word("ordinals", m["ord"])
    if ordinal == -1:
        start, end = cal.shift_days(last, -6), last
    elif 1 <= ordinal <= 4:
        start = cal.shift_days(first, 7 * (ordinal - 1))
        end = cal.shift_days(start, 6)
    else:
        return None
    return dated(
        m[0], start, end, "week", cal.iso_week_value(start), ctx, explicit_year=explicit is not None
    )


@resolver("earlier_in_month")
def resolve_earlier_in_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "earlier in January" in an article of January: from the 1st to the anchor."""
    if not capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    year = pick_year(month, None, ctx, None)
    start, end = cal.month_span(year, month)
    base = ctx.anchor
    if m["part"].lower() == "earlier" and start <= base <= end:
        end = base
    elif m["part"].lower() == "later" and start <= base <= end:
        start = base
    return dated(m[0], start, end, "month", f"{year}-{month:02d}", ctx)
