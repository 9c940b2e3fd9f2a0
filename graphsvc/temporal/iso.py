"""Partial ISO dates (`2015`, `2015-09`, `2015-09-30`) as intervals.

API filters take these because a user asking for "2015-09" means the whole month:
`since` uses the interval's first day and `until` its last, so a filter never cuts a
month or a year in half.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from graphsvc.model import When

_PARTIAL_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def parse_iso_partial(text: str) -> When:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the interval it names.

    Raises ValueError with a message meant for the user on anything else.
    """
    match = _PARTIAL_ISO.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"{text!r}: year must be 0001 or later")
    if match["month"] is None:
        return When(start=date(year, 1, 1), end=date(year, 12, 31), precision="year", text=text)
    month = int(match["month"])
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month must be 01 to 12")
    last_day = calendar.monthrange(year, month)[1]
    if match["day"] is None:
        return When(
            start=date(year, month, 1),
            end=date(year, month, last_day),
            precision="month",
            text=text,
        )
    day = int(match["day"])
    if not 1 <= day <= last_day:
        raise ValueError(f"{text!r}: day must be 01 to {last_day:02d} in that month")
    return When(
        start=date(year, month, day), end=date(year, month, day), precision="day", text=text
    )
