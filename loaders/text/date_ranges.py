"""Ranges an event spans: "in 1985-1986", "between 1980 and 1985", "from February to
April 2004", "in 2006-07". The TIMEX3 guidelines mark the two ends as two expressions
(and `find_dates` does); an event dated by the range happened somewhere from the start
of the first to the end of the second, not at one end of it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import get_args

from graphsvc.model import Precision
from graphsvc.temporal import TemporalExpression
from graphsvc.temporal import calendar as cal

#: What stands between the two ends of a range ("-", "to", "through", "and" after
#: "between").
_BETWEEN_ENDS = re.compile(r"^\s*(?:-|\u2013|\u2014|to|through|till|until|and)\s*$", re.IGNORECASE)
#: "2006-07", "1957-58": a year and the last two digits of the next ones.
_SHORT_YEAR_AFTER = re.compile(r"[-\u2013/](\d{2})\b")
_ORDER = get_args(Precision)


def _coarser(a: str, b: str) -> str:
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def join_ranges(text: str, expressions: list[TemporalExpression]) -> list[TemporalExpression]:
    """The expressions of `text` (offsets into it, in order), with each range's two ends
    read as one expression spanning both; everything else unchanged."""
    joined: list[TemporalExpression] = []
    for expression in expressions:
        previous = joined[-1] if joined else None
        if previous is not None and _range_of(text, previous, expression):
            joined[-1] = _spanning(text, previous, expression)
            continue
        joined.append(_short_year_range(text, expression))
    return joined


def _range_of(text: str, first: TemporalExpression, second: TemporalExpression) -> bool:
    if first.when is None or second.when is None or first.when.start > second.when.end:
        return False
    between = text[first.end : second.start]
    if not _BETWEEN_ENDS.match(between):
        return False
    if between.strip().lower() == "and":  # "between 1980 and 1985", not "1980 and 1985"
        return text[max(0, first.start - 9) : first.start].strip().lower().endswith("between")
    return True


def _spanning(
    text: str, first: TemporalExpression, second: TemporalExpression
) -> TemporalExpression:
    assert first.when is not None and second.when is not None
    when = first.when.model_copy(
        update={
            "end": second.when.end,
            "precision": _coarser(first.when.precision, second.when.precision),
            "approximate": first.when.approximate or second.when.approximate,
            "text": text[first.start : second.end],
        }
    )
    return replace(first, end=second.end, text=text[first.start : second.end], when=when)


def _short_year_range(text: str, expression: TemporalExpression) -> TemporalExpression:
    """ "2006-07": the year 2006 through 2007, when the two digits come after it."""
    when = expression.when
    if when is None or when.precision != "year" or not re.fullmatch(r"\d{4}", expression.text):
        return expression
    short = _SHORT_YEAR_AFTER.match(text, expression.end)
    if short is None:
        return expression
    year = int(expression.text)
    last = year // 100 * 100 + int(short[1])
    if not year < last <= year + 10:
        return expression
    end = cal.year_span(last)[1]
    span = text[expression.start : short.end()]
    return replace(
        expression,
        end=short.end(),
        text=span,
        when=when.model_copy(update={"end": end, "text": span}),
    )
