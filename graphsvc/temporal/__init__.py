"""Time as intervals with a precision: find temporal expressions and resolve them.

- `find_dates(text, anchor)`: every expression, as TimeML would tag it, with its TIMEX3
  value and, for dates, a `When` interval.
- `resolve_phrase(text, anchor)`: one `When` for a phrase, ranges included.
- `to_edtf(when)`, `to_timex(when)`: the interval as EDTF or a TIMEX3 value.
"""

from graphsvc.temporal.expression import TemporalExpression
from graphsvc.temporal.extract import find_dates
from graphsvc.temporal.formats import before_label, to_edtf, to_timex
from graphsvc.temporal.iso import parse_iso_partial
from graphsvc.temporal.phrase import resolve_phrase

__all__ = [
    "TemporalExpression",
    "before_label",
    "find_dates",
    "parse_iso_partial",
    "resolve_phrase",
    "to_edtf",
    "to_timex",
]
