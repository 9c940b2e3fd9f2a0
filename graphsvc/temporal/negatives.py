"""Words that look like temporal expressions and are not, under the TIMEX3 guidelines:
an age ("the 44-year-old", "a man 30 years old") is a property of a person, not a
time; a title ("60 Minutes") or an idiom ("high noon") is no time either. (Hyphenated
measures, "a five-year plan", stay expressions: the development sets mark them; so do
dateline dates in some newswire and not in other.)
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
#: A count of units with a capital letter inside a sentence is a title: "60 Minutes",
#: "Seven Days in May" (a sentence's first word may be capitalised anyway).
_TITLED_UNIT = re.compile(
    r"\d[\d,]*\s+(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?)$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"'\u201d)]*\s+)$")
#: "high noon" is the idiom, not a time of day.
_IDIOM_BEFORE = re.compile(r"\bhigh\s+$", re.IGNORECASE)


def not_a_timex(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], found by a rule, is not a temporal expression."""
    phrase = text[start:end]
    if _AGE.search(phrase) or _OLD_AT_END.search(phrase):
        return True
    before = text[max(0, start - 12) : start]
    if _TITLED_UNIT.search(phrase) and not _SENTENCE_START.search(before):
        return True
    if phrase.lower() == "noon" and _IDIOM_BEFORE.search(before):
        return True
    return phrase.lower().endswith(_UNITS) and bool(_OLD_AFTER.match(text[end : end + 8]))
