"""Dates relative to the anchor or to the last date the text gave: "last week", "the
following year", weekdays, "today", "two weeks ago", "the day", "the weekend".

Patterns, gates and negative contexts are in `relative.yaml`; here are the resolvers.
"""

from __future__ import annotations

import re

from graphsvc.temporal import calendar as cal
from graphsvc.temporal.lexicon import number_value, word
from graphsvc.temporal.rules.base import (
    CAPITALISED_AFTER,
    LEX,
    Context,
    Resolved,
    bc_value,
    capitalised,
    dated,
    previous_word,
    shift,
    unit_span,
    until_direction,
    weekday_near,
    when_of,
)
from graphsvc.temporal.rules.registry import resolver
from graphsvc.temporal.rules.reporting import period_back

#: "the following year" after a BC year: one year fewer before Christ.
_BC_YEAR_STEPS = {"following": -1, "next": -1, "previous": 1, "preceding": 1, "same": 0, "that": 0}


@resolver("relative_unit")
def resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Last week, this year, next month, the following day; "the past year" is a duration."""
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit == "century":
        return None
    in_bc_story = ctx.bc_year is not None and unit == "year" and (m["the"] or rel == "that")
    if in_bc_story and ctx.bc_year is not None and rel in _BC_YEAR_STEPS:
        # "the following year" in a story of 491 BC: 490 BC
        return Resolved("DATE", bc_value(ctx.bc_year + _BC_YEAR_STEPS[rel]))
    if rel == "past":
        code = word("units", unit)["code"]
        return Resolved("DURATION", f"P1{code}" if code != "DE" else "P10Y")
    if rel in ("following", "next") and m["the"]:
        base, amount = ctx.reference or ctx.anchor, 1
    elif rel in ("previous", "preceding") and m["the"]:
        base, amount = ctx.reference or ctx.anchor, -1
    elif rel in ("same", "that"):
        base, amount = ctx.reference or ctx.anchor, 0
    else:
        base = ctx.anchor if ctx.mode == "news" else ctx.base
        amount = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[rel]
    if unit in LEX["times_of_day"]:
        day = shift(base, "day", amount)
        code = word("times_of_day", unit)
        return Resolved("TIME", f"{day.isoformat()}T{code}", when_of(day, day, "day", ctx, m[0]))
    day = shift(base, unit, amount)
    start, end, precision, value = unit_span(unit, day)
    return dated(m[0], start, end, precision, value, ctx)


@resolver("weekday")
def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "on Tuesday" in past-tense news: the Tuesday on or before the anchor."""
    name = m["wd"]
    if not capitalised(name) or (len(name.rstrip(".")) <= 3 and not name.endswith(".")):
        return None  # "Sun" the newspaper, "wed" the verb
    following = CAPITALISED_AFTER.match(ctx.text, m.end())
    if following and following[1].lower() not in LEX["months"] and not m["tod"]:
        return None  # a name: "Sunday Times", "Black Monday Fund"
    weekday = word("weekdays", m["wd"].rstrip("."))
    rel = (m["rel"] or "").lower()
    base = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if rel == "last":
        offset = -(back or 7)
    elif rel == "next":
        offset = forward or 7
    elif rel == "this":
        offset = forward if ctx.tense == "future" else -back
    elif ctx.tense == "future" or until_direction(ctx, m) == "ahead":
        offset = forward
    elif ctx.tense == "past" or until_direction(ctx, m) == "back":
        offset = -back
    else:
        offset = -back if back <= forward else forward
    day = cal.shift_days(base, offset)
    if m["tod"]:
        code = word("times_of_day", m["tod"])
        return Resolved("TIME", f"{day.isoformat()}T{code}", when_of(day, day, "day", ctx, m[0]))
    return dated(m[0], day, day, "day", day.isoformat(), ctx)


@resolver("deictic")
def resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    """today, yesterday, tomorrow, tonight, this morning, the day before yesterday."""
    phrase = " ".join(m[0].lower().split())
    offsets = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "tonight": 0,
        "this": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    head = phrase.split()[0] if phrase.split()[0] in offsets else phrase
    amount = offsets.get(phrase, offsets.get(head, 0))
    day = cal.shift_days(ctx.anchor, amount)
    tod = m["tod"] or ("night" if phrase == "tonight" else None)
    if tod:
        code = word("times_of_day", tod)
        return Resolved("TIME", f"{day.isoformat()}T{code}", when_of(day, day, "day", ctx, m[0]))
    return dated(m[0], day, day, "day", day.isoformat(), ctx)


@resolver("ago")
def resolve_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "two weeks ago" from the anchor; "three days later" from the last date the text gave."""
    unit = m["unit"].lower()
    amount = number_value(m["n"])
    direction = " ".join(m["dir"].lower().split())
    if unit in ("second", "minute", "hour"):
        return None
    if amount is None:
        return Resolved("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    if unit == "year" and sign < 0:
        back = period_back(ctx, m, int(amount))  # "a year earlier" after "the third quarter"
        if back is not None:
            return back
    if direction in ("ago", "from now", "hence"):
        base = ctx.anchor
    elif ctx.reference is not None:
        base = ctx.reference
    else:
        return None  # "days later" needs another date to count from
    day = shift(base, unit, sign * int(amount))
    span_unit = "day" if unit in ("day", "night") else unit
    start, end, precision, value = unit_span(span_unit, day)
    return dated(m[0], start, end, precision, value, ctx)


@resolver("the_weekend")
def resolve_the_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "during the weekend": the weekend the tense points at, from the anchor."""
    base = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    if base.weekday() == 6:  # a Sunday report's weekend is its own
        base = cal.shift_days(base, -1)
    saturday = weekday_near(base, 5, ctx.tense)
    start, end, precision, value = unit_span("weekend", saturday)
    return dated(m[0], start, end, precision, value, ctx)


_ANOTHER_DAY_AFTER = re.compile(
    r"\s+(?:before|after|when|that|of|following|on which)\b"
    r"|,?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


@resolver("the_day")
def resolve_the_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the day" in news is the day of the report: "to end the day up 2%". Not when
    it points at another day: "the day before the arrest", "the day of the vote", "the
    day Friday", "later in the day" (later than something the text just told)."""
    if ctx.mode != "news":
        return None
    bare = " ".join(m[0].lower().split()) == "the day"
    if bare and (
        _ANOTHER_DAY_AFTER.match(ctx.text, m.end())
        or previous_word(ctx, m, 2) in ("earlier in", "later in")
    ):
        return None
    day = ctx.anchor
    return dated(m[0], day, day, "day", day.isoformat(), ctx)
