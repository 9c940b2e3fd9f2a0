"""Dates people type, in the forms and languages they type them: "2016-01-22",
"22 janvier 2016", "22.01.2016", "Jan 22nd, 2016". This is the job `dateparser` is made
for (the temporal module reads dates inside running text; this reads one date given on
its own: an article's `published`, a record's date, a `since`/`until` bound).

A form whose day and month can be read either way ("03-02-2009": 3 February or March 2?)
is refused with a message that says so, never guessed.
"""

from __future__ import annotations

import re
from datetime import date

#: Digits only, day and month both 12 or less, no year first: which is the month?
_NUMERIC = re.compile(r"^\s*(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2,4})\s*$")
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}


class AmbiguousDate(ValueError):
    """A date whose day and month order the text does not settle."""


def read_typed_date(text: str) -> date:
    """The date `text` names, whole (day, month and year). ValueError when it names
    none; AmbiguousDate when its day and month could be swapped."""
    stripped = text.strip()
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", stripped):
        raise ValueError(  # year first is read as ISO: year, month, day; no swapping
            f"{text!r} is not a date: a date written year first is YYYY-MM-DD, with a month "
            "from 01 to 12 and a day that month has"
        )
    if not re.search(r"\d", stripped):
        raise ValueError(  # "next week" is a phrase to read against a day, not a date
            f"{text!r} is not a date: give the day, month and year, such as '2016-01-22', "
            "'22 January 2016' or '22.01.2016'"
        )
    numeric = _NUMERIC.match(stripped)
    if numeric:
        first, second = int(numeric[1]), int(numeric[2])
        if first <= 12 and second <= 12 and first != second:
            raise AmbiguousDate(
                f"{text!r} is ambiguous: {first} and {second} could each be the month; "
                "write it as YYYY-MM-DD or with the month's name (e.g. '3 February 2009')"
            )
    import dateparser  # heavy (its language data): loaded when a typed date needs it

    parsed = dateparser.parse(stripped, settings=_SETTINGS)  # type: ignore[arg-type]
    if parsed is None:
        raise ValueError(
            f"{text!r} is not a date: use YYYY-MM-DD, or a day, month and year such as "
            "'22 January 2016', '22 janvier 2016' or '22.01.2016'"
        )
    return parsed.date()


def typed_date_or_none(value: object) -> object:
    """A pydantic `before` validator: strings go through `read_typed_date`; dates and
    anything else are left to the field's own validation."""
    if isinstance(value, str) and value.strip():
        return read_typed_date(value)
    return value
