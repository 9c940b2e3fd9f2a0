"""One interval for a whole phrase: ranges, "since" and "until" included.

`find_dates` reports each expression apart, as TimeML does ("March" and "May 2015");
a caller that wants the period a phrase names ("from March to May 2015") uses this.
"""

from __future__ import annotations

import re
from datetime import date

from graphsvc.model import When
from graphsvc.temporal.extract import Mode, find_dates

PRECISION_ORDER = ["day", "week", "month", "quarter", "season", "year", "decade"]
#: Longest phrase read, as long as a `When.text` may be. Reading is linear, but every
#: rule still scans the whole phrase, and no date phrase needs more than a line.
MAX_PHRASE_CHARS = 500
_RANGE_MARK = re.compile(r"[\u2013\u2014]|\d\s*-\s*\d")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\b", re.I)
_RANGE_CLOSE = re.compile(r"\b(?:to|until|till|through|and)\b", re.I)
_SINCE = re.compile(r"^\s*(?:ever\s+)?since\b", re.I)
_UNTIL = re.compile(r"^\s*(?:until|till|up\s+to|through)\b", re.I)


def _is_range(text: str) -> bool:
    """ "from X to Y", "between X and Y" (on one line), "X\u2013Y", "2015-2016".

    One search per line from its first "from": a `from.+to` regex backtracks over the
    rest of the line for every "from", quadratic in the phrase's length.
    """
    if _RANGE_MARK.search(text):
        return True
    for line in text.split("\n"):
        opening = _RANGE_OPEN.search(line)
        if opening and _RANGE_CLOSE.search(line, opening.end() + 1):
            return True
    return False


def _dated(text: str, anchor: date, mode: Mode) -> list[When]:
    return [e.when for e in find_dates(text, anchor, mode) if e.when is not None]


def resolve_phrase(text: str, anchor: date, mode: Mode = "news") -> When | None:
    """The interval `text` names, read against `anchor`; None when it names no date.

    Ranges span their ends, and an end without a year takes the year of the other:
    "from March to May 2015" is 2015-03-01..2015-05-31. "since X" runs from X to the
    anchor; "until X" from the anchor (or X, if X is earlier) to the end of X.

    Raises ValueError for a phrase over MAX_PHRASE_CHARS characters. A date outside
    years 1..9999 ("99999999 days ago") is no date: None.
    """
    if len(text) > MAX_PHRASE_CHARS:
        raise ValueError(
            f"a date phrase may have at most {MAX_PHRASE_CHARS} characters, not {len(text)}"
        )
    found = _dated(text, anchor, mode)
    if not found:
        return None
    if len(found) >= 2 and _is_range(text):
        last = found[-1]
        reread = _dated(text, last.end, mode) if last.start < anchor else []
        first = reread[0] if reread else found[0]
        if first.start > last.start:
            first = found[0]
        coarsest = max(first.precision, last.precision, key=PRECISION_ORDER.index)
        return When(
            start=first.start,
            end=last.end,
            precision=coarsest,
            approximate=first.approximate or last.approximate,
            text=text.strip(),
            anchor=anchor,
        )
    when = found[0]
    if _SINCE.search(text):
        return when.model_copy(update={"end": max(anchor, when.end), "text": text.strip()})
    if _UNTIL.search(text):
        return when.model_copy(update={"start": min(anchor, when.start), "text": text.strip()})
    return when
