"""Times of day: clock times ("10 a.m.", "16:08 UTC"), "noon", "the night of 8 February".

Patterns and gates are in `times.yaml`; here are the resolvers.
"""

from __future__ import annotations

import re

from graphsvc.temporal.lexicon import word
from graphsvc.temporal.rules.base import (
    Context,
    Resolved,
    Tense,
    capitalised,
    until_direction,
    weekday_near,
    when_of,
)
from graphsvc.temporal.rules.dates import resolve_month_day
from graphsvc.temporal.rules.fragments import DAY, MONTH, WEEKDAY, YEAR
from graphsvc.temporal.rules.registry import resolver


@resolver("time_of_day_of")
def resolve_time_of_day_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the night of 8 February 1904": that day's night, a TIME."""
    day = resolve_month_day(m, ctx)
    if day is None or day.when is None:
        return None
    code = word("times_of_day", m["tod"])
    return Resolved("TIME", f"{day.value}T{code}", day.when, day.explicit_year)


_FOLLOWING_DATE = re.compile(
    rf"(?:\s+[A-Za-z]+\s+time)?,?\s+(?:on\s+)?(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR}\b)?",
    re.IGNORECASE,
)


@resolver("clock")
def resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if "morning" in ampm:  # "4 in the morning"
        ampm = "am"
    elif "afternoon" in ampm or "evening" in ampm or "night" in ampm:
        ampm = "pm" if hour != 12 else "am"
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    day = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    following = _FOLLOWING_DATE.match(ctx.text, m.end())
    weekday = m.groupdict().get("wd")
    if weekday and capitalised(weekday):
        # "9 a.m. Tuesday", "4 a.m. EDT Thursday": one expression, that day's hour
        # a deadline: "until 9 a.m. Tuesday"; "did not open until 9 a.m. Tuesday": past
        until = until_direction(ctx, m)
        tense: Tense = "future" if until == "ahead" else "past" if until == "back" else ctx.tense
        day = weekday_near(day, word("weekdays", weekday.rstrip(".")), tense)
    elif following:
        sub = Context(
            text=ctx.text,
            anchor=ctx.anchor,
            mode=ctx.mode,
            reference=ctx.reference,
            tense=ctx.tense,
        )
        dated = resolve_month_day(following, sub)
        if dated is not None and dated.when is not None:
            day = dated.when.start
    zone = "Z" if (m["tz"] or "").upper() in ("UTC", "GMT", "Z") else ""
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}"
    return Resolved("TIME", value, when_of(day, day, "day", ctx, m[0]))


@resolver("noon")
def resolve_noon(m: re.Match[str], ctx: Context) -> Resolved | None:
    day = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    clock = "24:00" if m[0].lower() == "midnight" else "12:00"
    return Resolved("TIME", f"{day.isoformat()}T{clock}", when_of(day, day, "day", ctx, m[0]))
