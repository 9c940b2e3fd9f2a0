"""Periods: quarters, halves, seasons, decades, centuries and parts of a period ("the
end of 2015", "late last year").

Patterns, gates and negative contexts are in `periods.yaml`; here are the resolvers.
"""

from __future__ import annotations

import re

from graphsvc.temporal import calendar as cal
from graphsvc.temporal.lexicon import word
from graphsvc.temporal.rules.base import (
    FLAGS,
    LEX,
    Context,
    Resolved,
    bc_value,
    dated,
    has_cue,
    shift,
    unit_span,
)
from graphsvc.temporal.rules.registry import load_rules, resolver


@resolver("decade")
def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["dec"]:
        decade = int(m["dec"])
    elif m["short"]:
        decade = 1900 + int(m["short"])
    else:
        decade = 1900 + 10 * int(word("decade_words", m["dword"]))
    start, end = cal.decade_span(decade)
    value = str(decade // 10)
    if m["part"]:
        start, end = cal.part_of_decade(decade, m["part"].lower())
        return dated(m[0], start, end, "decade", value, ctx, approximate=True, explicit_year=True)
    return dated(m[0], start, end, "decade", value, ctx, explicit_year=True)


@resolver("century")
def resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    raw = m["ord"].lower()
    number = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else word("ordinals", raw)
    if number < 1:
        return None
    return Resolved("DATE", f"{number - 1:02d}", None)


@resolver("season")
def resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = m["season"].lower()
    rel = (m["rel"] or "").lower()
    if name == "fall" and not (m["year"] or rel in ("this", "last", "next", "that")):
        return None
    if not (m["year"] or rel or has_cue(ctx, m)):
        return None
    code = word("seasons", name)
    if ctx.bc_year is not None and not m["year"] and rel not in ("this", "last", "next"):
        return Resolved("DATE", bc_value(ctx.bc_year, f"-{code}"))
    base = ctx.base
    current_year, current = cal.season_of(base)
    if m["year"]:
        year = int(m["year"])
    elif rel == "last":
        year = base.year - 1 if cal.season_span(base.year, code)[0] >= base else base.year
        if (year, code) == (current_year, current):
            year -= 1
    elif rel == "next":
        year = base.year if cal.season_span(base.year, code)[0] > base else base.year + 1
    elif rel in ("this", "that") and code == current:
        year = current_year
    else:
        year = base.year
        in_story = ctx.mode == "narrative" and ctx.reference is not None
        if ctx.tense == "past" and not in_story and cal.season_span(year, code)[0] > base:
            year -= 1
    start, end = cal.season_span(year, code)
    value = f"{year}-{code}"
    approximate = rel in ("early", "late", "mid")
    if approximate:
        start, end = cal.part_of_month(start.year, start.month, "early")[0], end
    return dated(m[0], start, end, "season", value, ctx, approximate, bool(m["year"]))


@resolver("earlier_later")
def resolve_earlier_later(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "earlier this month" runs from the month's first day to the anchor; "later this year"
    from the anchor to the year's end; "late last year" is the last third of last year."""
    part, rel, unit = m["part"].lower(), m["rel"].lower(), m["unit"].lower()
    base = ctx.anchor if ctx.mode == "news" else ctx.base
    day = shift(base, unit, {"this": 0, "last": -1, "next": 1}[rel])
    start, end, precision, value = unit_span(unit, day)
    if part in ("earlier", "later") and rel == "this":
        start, end = (start, base) if part == "earlier" else (base, end)
        return dated(m[0], start, end, precision, value, ctx)
    key = {"earlier": "early", "later": "late"}.get(part, part)
    if unit == "year":
        start, end = cal.part_of_year(day.year, key)
    elif unit == "month":
        start, end = cal.part_of_month(day.year, day.month, key)
    return dated(m[0], start, end, precision, value, ctx, approximate=True)


@resolver("part_of")
def resolve_part_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the end of 2015", "the beginning of August", "the first half of the year"."""
    inner = _resolve_inner(m["rest"], ctx)
    if inner is None or inner.when is None:
        return None
    part = m["part"].lower()
    when = inner.when
    if "half" in part:
        if when.precision != "year":
            return None
        half = 1 if part.startswith("first") else 2
        start, end = cal.half_span(when.start.year, half)
        return dated(
            m[0],
            start,
            end,
            "quarter",
            f"{when.start.year}-H{half}",
            ctx,
            explicit_year=inner.explicit_year,
        )
    key = word("parts", part.split()[0]) if part.split()[0] in LEX["parts"] else "late"
    if when.precision == "year":
        start, end = cal.part_of_year(when.start.year, key)
    elif when.precision == "month":
        start, end = cal.part_of_month(when.start.year, when.start.month, key)
    elif when.precision == "decade":
        start, end = cal.part_of_decade(when.start.year, key)
    else:
        start, end = when.start, when.end
    return dated(
        m[0],
        start,
        end,
        when.precision,
        inner.value,
        ctx,
        approximate=True,
        explicit_year=inner.explicit_year,
    )


def _resolve_inner(text: str, ctx: Context) -> Resolved | None:
    """Resolve the period inside a part-of phrase with the other rules.

    The period is read as if after "in", the cue a bare month name needs.
    """
    if re.fullmatch(r"the\s+(year|month|week|decade)", text, FLAGS):
        text = "this " + text.split()[-1]
    padded = "in " + text
    sub = Context(
        text=padded, anchor=ctx.anchor, mode=ctx.mode, reference=ctx.reference, tense=ctx.tense
    )
    for rule in load_rules():
        if rule.name == "part_of":
            continue
        match = rule.pattern.fullmatch(padded, 3)
        if match:
            resolved = rule.apply(match, sub)
            if resolved is not None:
                return resolved
    return None
