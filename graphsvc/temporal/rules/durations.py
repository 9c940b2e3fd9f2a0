"""Durations ("five years", "the past two weeks"), sets ("weekly", "every Monday") and
references ("now", "recently"): TIMEX3 values without a calendar interval.

Patterns and gates are in `durations.yaml`, `sets.yaml` and `references.yaml`; here are
the resolvers.
"""

from __future__ import annotations

import re

from graphsvc.temporal.lexicon import number_value, word
from graphsvc.temporal.rules.base import LEX, Context, Resolved, duration_value
from graphsvc.temporal.rules.registry import family_words, resolver

_OF_NEXT = re.compile(r"\s+of\s+([a-z]+)", re.IGNORECASE)


def _share_of(ctx: Context, m: re.Match[str]) -> bool:
    """ "a quarter of the voters": a share of something, not a span of three months."""
    following = _OF_NEXT.match(ctx.text, m.end())
    return following is not None and following[1].lower() in family_words("durations")["share_of"]


@resolver("duration")
def resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    raw = m["n"].lower().replace(",", "")
    amount: float | None
    amount = float(raw) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else number_value(raw)
    unit = m["unit"].lower()
    if amount is None and raw not in [w.lower() for w in LEX["vague_numbers"]]:
        return None
    if unit == "second" and not raw[0].isdigit():
        return None  # "a second chance"
    if unit == "weekend":
        return None
    if unit == "quarter" and _share_of(ctx, m):
        return None
    value = duration_value(amount, unit)
    return Resolved("DURATION", value) if value else None


@resolver("past_n")
def resolve_past_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the past two weeks", "the next three years": durations."""
    raw = m["n"].lower().replace(",", "")
    amount = float(raw) if raw.replace(".", "", 1).isdigit() else number_value(raw)
    value = duration_value(amount, m["unit"].lower())
    return Resolved("DURATION", value) if value else None


@resolver("set")
def resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    phrase = " ".join(m[0].lower().split())
    if phrase in LEX["sets"]:
        return Resolved("SET", LEX["sets"][phrase])
    unit = (m["unit"] or "").lower()
    if m["wd"]:
        return Resolved("SET", f"XXXX-WXX-{word('weekdays', m['wd'].rstrip('.')) + 1}")
    amount = number_value(m["n"]) if m["n"] else 1
    if amount is None:
        return None  # a count with more digits than any period needs
    value = duration_value(amount or 1, unit)
    return Resolved("SET", value) if value else None


@resolver("reference")
def resolve_reference(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "now", "recently", "former", "in the future": TIMEX3 references, no interval."""
    phrase = " ".join(m[0].lower().split())
    return Resolved("DATE", LEX["references"][phrase])


@resolver("vague_duration")
def resolve_vague_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "in years", "for months": a duration of unknown length."""
    unit = m["unit"].lower().rstrip("s")
    value = duration_value(None, unit)
    if value is None:
        return None
    return Resolved("DURATION", value)
