"""Time as intervals with a precision (see `graphsvc.model.When`)."""

from graphsvc.temporal.iso import parse_iso_partial

__all__ = ["parse_iso_partial"]
