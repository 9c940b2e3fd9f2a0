"""Time as intervals with a precision: find temporal expressions and resolve them."""

from graphsvc.temporal.expression import TemporalExpression
from graphsvc.temporal.iso import parse_iso_partial

__all__ = ["TemporalExpression", "find_dates", "parse_iso_partial"]


def find_dates(text, anchor, mode="news"):  # replaced by the extractor below
    from graphsvc.temporal.extract import find_dates as _find

    return _find(text, anchor, mode)
