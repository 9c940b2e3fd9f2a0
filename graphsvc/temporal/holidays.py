"""Named days of the calendar and the date each falls on in a given year.

"Christmas", "Thanksgiving", "Easter" are dates (TIMEX3 values like 1998-11-26) that
news writes without a number. Fixed days are a month and day; the movable ones are a
weekday counted in a month (Thanksgiving: the fourth Thursday of November) or a distance
from Easter (Good Friday), which `dateutil.easter` computes (Western churches).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta, weekday

FIXED: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "fourth of july": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
    "bastille day": (7, 14),
}

#: (month, weekday, which): which > 0 counts from the month's start, -1 is the last.
COUNTED: dict[str, tuple[int, weekday, int]] = {
    "thanksgiving": (11, TH, 4),
    "thanksgiving day": (11, TH, 4),
    "labor day": (9, MO, 1),
    "memorial day": (5, MO, -1),
    "martin luther king day": (1, MO, 3),
    "presidents day": (2, MO, 3),
    "presidents' day": (2, MO, 3),
    "columbus day": (10, MO, 2),
}

#: Days from Easter Sunday.
FROM_EASTER: dict[str, int] = {
    "easter": 0,
    "easter sunday": 0,
    "easter monday": 1,
    "good friday": -2,
    "palm sunday": -7,
    "ash wednesday": -46,
}

NAMES = sorted([*FIXED, *COUNTED, *FROM_EASTER, "election day"], key=len, reverse=True)


def _counted(year: int, month: int, day: weekday, which: int) -> date:
    if which < 0:
        return date(year, month, 1) + relativedelta(day=31, weekday=day(-1))
    return date(year, month, 1) + relativedelta(weekday=day(which))


def _election_day(year: int) -> date:
    """US federal elections: the Tuesday after the first Monday of November."""
    return _counted(year, 11, MO, 1) + relativedelta(weekday=TU(1), days=1)


def holiday_in(name: str, year: int) -> date:
    """The date of holiday `name` (lower case, one of `NAMES`) in `year`."""
    if name in FIXED:
        month, day = FIXED[name]
        return date(year, month, day)
    if name in COUNTED:
        return _counted(year, *COUNTED[name])
    if name == "election day":
        return _election_day(year)
    return easter(year) + timedelta(days=FROM_EASTER[name])
