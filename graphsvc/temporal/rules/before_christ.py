"""Dates before the common era: "499 BC", "April 480 BC", "the spring of 480 BC",
"499-493 BC", and (in `relative`) the partial dates of a story told in those years
("the following year").

TIMEX3 writes them "BC0480-04"; Python's `date` cannot hold them, so they carry a value
and no interval (`Resolved.when` is None): they are found and normalised, not placed
on the timeline. A story's BC year is kept in `Context.bc_year` while the text stays
there, and "the following year" counts down from it (the year after 491 BC is 490 BC).

Patterns and gates are in `before_christ.yaml`, tried before every other family: at
equal length, the BC reading wins.
"""

from __future__ import annotations

import re

from graphsvc.temporal.lexicon import word
from graphsvc.temporal.rules.base import Context, Resolved, bc_value
from graphsvc.temporal.rules.registry import resolver


@resolver("bc_year")
def resolve_bc_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "499 BC": a TIMEX3 value only; Python dates cannot hold years before 1 AD."""
    return Resolved("DATE", bc_value(int(m["bc"])))


@resolver("bc_range_start")
def resolve_range_start(m: re.Match[str], ctx: Context) -> Resolved | None:
    """The first year of "499-493 BC" is BC too."""
    return Resolved("DATE", bc_value(int(m["bc"])))


@resolver("month_bc")
def resolve_month_bc(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = word("months", m["month"].rstrip("."))
    return Resolved("DATE", bc_value(int(m["bc"]), f"-{month:02d}"))


@resolver("season_bc")
def resolve_season_bc(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", bc_value(int(m["bc"]), f"-{word('seasons', m['season'])}"))
