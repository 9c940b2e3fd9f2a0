"""Words that look like temporal expressions and are not, under the TIMEX3 guidelines:
an age ("the 44-year-old", "a man 30 years old") is a property of a person, not a
time. (Hyphenated measures, "a five-year plan", stay expressions: the development
sets mark them; so do dateline dates in some newswire and not in other.)
"""

from __future__ import annotations

import re

#: "44-year-old", "six-month-old".
_AGE = re.compile(r"(?:^|\S-)(?:year|month|week|day)s?-old$", re.IGNORECASE)
#: "30 years old", "six-year old".
_OLD_AFTER = re.compile(r"^[-\s]old\b", re.IGNORECASE)
#: "30 years old" matched whole.
_OLD_AT_END = re.compile(r"(?:year|month|week|day)s?[-\s]old$", re.IGNORECASE)
_UNITS = ("year", "years", "month", "months", "week", "weeks", "day", "days")


def not_a_timex(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], found by a rule, is not a temporal expression."""
    phrase = text[start:end]
    if _AGE.search(phrase) or _OLD_AT_END.search(phrase):
        return True
    return phrase.lower().endswith(_UNITS) and bool(_OLD_AFTER.match(text[end : end + 8]))
