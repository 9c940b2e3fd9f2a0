"""Dates before the common era: "April 480 BC", "the spring of 480 BC", "499-493 BC",
and (in `rules`) the partial dates of a story told in those years ("the following year").

TIMEX3 writes them "BC0480-04"; Python's `date` cannot hold them, so they carry a value
and no interval (`Resolved.when` is None): they are found and normalised, not placed
on the timeline. A story's BC year is kept in `Context.bc_year` while the text stays
there, and "the following year" counts down from it (the year after 491 BC is 490 BC).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphsvc.temporal.rules import FLAGS, MONTH, PART, Context, Resolved, Rule, bc_value, word

BC = r"(?P<bc>\d{1,4})\s*(?:BC|BCE|B\.C\.)(?!\w)"
_SEASONS = r"(?P<season>spring|summer|autumn|fall|winter)"


def _value(year: int, rest: str = "") -> str:
    return bc_value(year, rest)


def resolve_range_start(m: re.Match[str], ctx: Context) -> Resolved | None:
    """The first year of "499-493 BC" is BC too."""
    return Resolved("DATE", _value(int(m["bc"])))


def resolve_month_bc(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = word("months", m["month"].rstrip("."))
    return Resolved("DATE", _value(int(m["bc"]), f"-{month:02d}"))


def resolve_season_bc(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved("DATE", _value(int(m["bc"]), f"-{word('seasons', m['season'])}"))


def _rule(
    name: str,
    pattern: str,
    resolve: Callable[[re.Match[str], Context], Resolved | None],
    gate: tuple[str, ...],
) -> Rule:
    return Rule(name, re.compile(pattern, FLAGS), resolve, gate)


_BC_WORDS = ("bc", "b.c")
#: Tried before the other rules: at equal length, the BC reading wins.
BC_RULES: list[Rule] = [
    _rule(
        "bc_range_start",
        r"\b(?P<bc>\d{1,4})(?=\s*(?:-|\u2013|\s+to\s+|\s+and\s+)\s*\d{1,4}\s*(?:BC|BCE|B\.C\.)(?!\w))",
        resolve_range_start,
        _BC_WORDS,
    ),
    _rule(
        "month_bc",
        rf"\b(?:{PART}[-\s]+)?{MONTH},?\s+(?:of\s+)?{BC}",
        resolve_month_bc,
        _BC_WORDS,
    ),
    _rule(
        "season_bc",
        rf"\b(?:the\s+)?(?:(?:early|late|mid)[-\s]+)?{_SEASONS}\s+(?:of\s+)?{BC}",
        resolve_season_bc,
        _BC_WORDS,
    ),
]
