"""Rules that find temporal expressions: one regex and one resolver each.

A resolver turns a match into a TIMEX3 type and value and, for dates, a `When`. It may
refuse a match (return None) when the context says it is not a date: "May I", "2000
troops", "the fall in prices". Resolvers read the anchor (publication date), the
reference date (the last date the text resolved, for "two days later") and the tense of
the sentence (for the year of "in August").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from graphsvc.model import Precision, When
from graphsvc.temporal import calendar as cal
from graphsvc.temporal.expression import TimexType
from graphsvc.temporal.holidays import NAMES as HOLIDAYS
from graphsvc.temporal.holidays import holiday_in
from graphsvc.temporal.lexicon import alternation, lexicon, number_value, word

#: "open": the parse found the verb and it leaves the time open ("to testify on Feb. 10"
#: under a past verb may lie ahead): the reading nearest the anchor, no cue word asked.
Tense = Literal["past", "future", "unknown", "open"]


@dataclass
class Context:
    """What a resolver may look at besides the match."""

    text: str
    anchor: date
    mode: Literal["news", "narrative"]
    reference: date | None = None
    tense: Tense = "unknown"
    #: Whether `tense` came from the parse (the verb the expression modifies) rather
    #: than from the nearest cue word, which is weaker evidence.
    tense_told: bool = False
    #: The year before Christ a story stands in, after it gave one ("in 481 BC"): its
    #: "the following year" and "in the summer" are read there (`before_christ`).
    bc_year: int | None = None

    @property
    def base(self) -> date:
        """What partial dates are read against: the narrative's last date, or the anchor."""
        if self.mode == "narrative" and self.reference is not None:
            return self.reference

        return self.anchor


@dataclass(frozen=True)
class Resolved:
    type: TimexType
    value: str
    when: When | None = None
    explicit_year: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Context], Resolved | None]
    #: Lower-case words one of which every match holds: a text without any of them is
    #: not scanned with this rule at all (most texts name no century, no holiday).
    gate: tuple[str, ...] = ()


LEX = lexicon()
MONTH = rf"(?P<month>{alternation(LEX['months'])})(?:\.|(?![A-Za-z]))"
WEEKDAY = rf"(?P<wd>{alternation(LEX['weekdays'])})\.?"
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
THOUSANDS = r"\d{1,3}(?:,\d{3})+(?![\d,])"
NUMBER = (
    rf"(?P<n>{THOUSANDS}|\d+(?:\.\d+)?|"
    rf"{alternation(LEX['numbers'])}|{alternation(LEX['vague_numbers'])})"
)
UNIT = rf"(?P<unit>{alternation(LEX['units'])})s?"
ORDINAL = rf"(?P<ord>{alternation(LEX['ordinals'])})"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
PART = r"(?P<part>early|mid|late)"
FLAGS = re.IGNORECASE


def _when(
    start: date, end: date, precision: Precision, ctx: Context, text: str, approximate: bool = False
) -> When:
    return When(
        start=start,
        end=end,
        precision=precision,
        approximate=approximate,
        text=text,
        anchor=ctx.anchor,
    )


def _date(
    text: str,
    start: date,
    end: date,
    precision: Precision,
    value: str,
    ctx: Context,
    approximate: bool = False,
    explicit_year: bool = False,
) -> Resolved:
    return Resolved(
        "DATE", value, _when(start, end, precision, ctx, text, approximate), explicit_year
    )


_TOKEN = re.compile(r"[a-z']+|[^\sa-z]")
_CUES = [(cue, len(cue.split())) for cue in LEX["month_cues"]]


def _words_before(ctx: Context, match: re.Match[str]) -> list[str]:
    return _TOKEN.findall(ctx.text[max(0, match.start() - 40) : match.start()].lower())


def _previous_word(ctx: Context, match: re.Match[str], words: int = 1) -> str:
    return " ".join(_words_before(ctx, match)[-words:])


def _has_cue(ctx: Context, match: re.Match[str]) -> bool:
    """A month cue ("in", "the end of") right before the match; the text is split once."""
    tokens = _words_before(ctx, match)
    return any(" ".join(tokens[-length:]) == cue for cue, length in _CUES)


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


#: Read at a match's end with `.match(text, pos)`: slicing the rest of the text off
#: instead would copy it for every match, quadratic in the text's length.
_PRONOUN_AFTER = re.compile(r"\s+(I|we|you|he|she|they|it)\b")
_CAPITALISED_AFTER = re.compile(r"\s+([A-Z][a-z]+)")


#: How far back a past tense read from cue words may carry a date without a year: news
#: writes the year of a past date further back than this, not of its own year's
#: ("Meissner gave no reason for the Jan. 14 deadline", reported on January 5, is
#: nine days ahead, not a year back). A tense from the parse is trusted as it is.
_CUE_PAST_REACH_DAYS = 270


def _pick_year(month: int, day: int | None, ctx: Context, explicit: int | None) -> int:
    """The year of a date given without one: by tense around the anchor, or the narrative's."""
    if explicit is not None:
        return explicit
    base = ctx.base
    if ctx.mode == "narrative" and ctx.reference is not None:
        return base.year
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            start = date(year, month, day or 1)
        except ValueError:
            continue
        end = start if day else cal.month_end(year, month)
        candidates.append((year, start, end))
    if ctx.tense == "future":
        for year, _start, end in candidates:
            if end >= base:
                return year
    if ctx.tense == "past":
        for year, start, end in reversed(candidates):
            if start <= base:
                near = ctx.tense_told or (base - end).days <= _CUE_PAST_REACH_DAYS
                return year if near else base.year
    return min(candidates, key=lambda c: abs((c[1] - base).days))[0]


# -- explicit calendar dates -----------------------------------------------------------


def _day_date(
    year: int, month: int, day: int, text: str, ctx: Context, explicit_year: bool
) -> Resolved | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return _date(text, value, value, "day", value.isoformat(), ctx, explicit_year=explicit_year)


def resolve_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    return _day_date(int(m["year"]), int(m["m"]), int(m["d"]), m[0], ctx, True)


def resolve_slash(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    return _day_date(year, int(m["a"]), int(m["b"]), m[0], ctx, True)


def resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not _capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    explicit = int(m["year"]) if m["year"] else None
    year = _pick_year(month, day, ctx, explicit)
    return _day_date(year, month, day, m[0], ctx, explicit is not None)


def resolve_time_of_day_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the night of 8 February 1904": that day's night, a TIME."""
    day = resolve_month_day(m, ctx)
    if day is None or day.when is None:
        return None
    code = word("times_of_day", m["tod"])
    return Resolved("TIME", f"{day.value}T{code}", day.when, day.explicit_year)


def resolve_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not _capitalised(m["month"]):
        return None
    month, year = word("months", m["month"].rstrip(".")), int(m["year"])
    start, end = cal.month_span(year, month)
    value = f"{year}-{month:02d}"
    if m["part"]:
        start, end = cal.part_of_month(year, month, m["part"].lower())
        return _date(m[0], start, end, "month", value, ctx, approximate=True, explicit_year=True)
    return _date(m[0], start, end, "month", value, ctx, explicit_year=True)


def resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A month alone: "in August", "last March", "early May"."""
    name = m["month"].rstrip(".").lower()
    if not _capitalised(m["month"]) or (len(name) <= 4 and name not in ("may", "june", "july")):
        return None
    rel = (m["rel"] or "").lower()
    year_rel = (m["yrel"] or "").lower()
    if not (rel or year_rel or m["part"] or _has_cue(ctx, m)):
        return None
    if name in LEX["ambiguous_months"] and not (rel or year_rel or m["part"] or _has_cue(ctx, m)):
        return None
    if name in LEX["ambiguous_months"] and _PRONOUN_AFTER.match(ctx.text, m.end()):
        return None
    month = word("months", name)
    base = ctx.base
    if year_rel:  # "early October this year", "in April next year": one expression
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[year_rel]
    elif rel == "last":
        year = base.year if month < base.month else base.year - 1
    elif rel == "next":
        year = base.year if month > base.month else base.year + 1
    elif rel == "this":
        year = base.year
    else:
        partner = _COORDINATED_YEAR.match(ctx.text, m.end())
        year = int(partner["year"]) if partner else _pick_year(month, None, ctx, None)
    start, end = cal.month_span(year, month)
    value = f"{year}-{month:02d}"
    if m["part"]:
        start, end = cal.part_of_month(year, month, m["part"].lower())
        return _date(m[0], start, end, "month", value, ctx, approximate=True)
    return _date(m[0], start, end, "month", value, ctx)


#: "April and June 1955", "March to May 2015": the first month takes the second's year.
_COORDINATED_YEAR = re.compile(
    rf"\s*(?:and|or|to|through|until|till|-|\u2013)\s+(?:(?:early|mid|late)[-\s]+)?"
    rf"(?:{alternation(LEX['months'])})\.?\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:1[0-9]|20)\d\d)\b",
    re.IGNORECASE,
)


_YEAR_REFERENCE = {
    "that": 0,
    "the same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
}
YEAR_REFERENCE = (
    r"(?P<yref>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)"
)


def resolve_month_of_year_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "August of that year", "January 24 of the same year": the year the text is in."""
    if not _capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    offset = _YEAR_REFERENCE[" ".join(m["yref"].lower().split())]
    year = (ctx.reference or ctx.anchor).year + offset
    if m["day"]:
        return _day_date(year, month, int(m["day"]), m[0], ctx, False)
    start, end = cal.month_span(year, month)
    approximate = bool(m["part"])
    if approximate:
        start, end = cal.part_of_month(year, month, m["part"].lower())
    return _date(m[0], start, end, "month", f"{year}-{month:02d}", ctx, approximate)


def resolve_day_of_month_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the 28th of that month": a day of the month the text is in."""
    base = ctx.reference or ctx.anchor
    return _day_date(base.year, base.month, int(m["day"]), m[0], ctx, False)


def resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """A four-digit year, unless the context says it is an amount or part of a number."""
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 2) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    preceding = ctx.text[max(0, m.start() - 8) : m.start()]
    if re.search(r"\d{3}[\s-]+$", preceding) and not re.search(
        r"(?:1[0-9]|20)\d\d\s*[-\u2013]\s*$", preceding
    ):
        return None  # a group of a longer number: "+1 202 555 2015"
    if re.search(r"[\d.,$£€#/]$", before) or re.match(
        r"[\d%]|[.,]\d|\s*(?:per\s?cent|percent)", after
    ):
        return None
    if before.endswith("-") and not re.search(
        r"(?:1[0-9]|20)\d\d-$|mid-$", ctx.text[max(0, m.start() - 6) : m.start()]
    ):
        return None
    next_word = re.match(r"\s*([a-z]+)", after, FLAGS)
    if next_word and next_word[1].lower() in LEX["amount_units"]:
        return None
    numbered = re.search(r"([A-Za-z]+)\.?\s+$", ctx.text[max(0, m.start() - 30) : m.start()])
    if numbered and numbered[1].lower() in LEX["numbered_nouns"]:
        return None  # "Resolution 1483", "Flight 1549", "No. 1945"
    previous = re.search(r"([A-Za-z]+)\s+$", ctx.text[max(0, m.start() - 30) : m.start()])
    if (
        next_word
        and previous
        and next_word[1][0].isupper()
        and previous[1][0].isupper()
        and (
            previous[1].lower() not in LEX["month_cues"]
            and previous[1].lower() not in LEX["months"]
        )
    ):
        return None  # a name: "Russell 2000 Index", "Windows 2000 Server"
    if not 1000 <= year <= 2099:
        return None
    start, end = cal.year_span(year)
    if m["part"]:
        start, end = cal.part_of_year(year, m["part"].lower())
        return _date(m[0], start, end, "year", str(year), ctx, approximate=True, explicit_year=True)
    return _date(m[0], start, end, "year", str(year), ctx, explicit_year=True)


def bc_value(year: int, rest: str = "") -> str:
    """The TIMEX3 value of a year before Christ: "BC0480", "BC0480-SP"."""
    return f"BC{year:04d}{rest}"


def resolve_bc_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "499 BC": a TIMEX3 value only; Python dates cannot hold years before 1 AD."""
    return Resolved("DATE", bc_value(int(m["bc"])))


#: "the following year" after a BC year: one year fewer before Christ.
_BC_YEAR_STEPS = {"following": -1, "next": -1, "previous": 1, "preceding": 1, "same": 0, "that": 0}


def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["dec"]:
        decade = int(m["dec"])
    elif m["short"]:
        decade = 1900 + int(m["short"])
    else:
        decade = 1900 + 10 * int(word("decade_words", m["dword"]))
    start, end = cal.decade_span(decade)
    value = str(decade // 10)
    if m["part"]:
        start, end = cal.part_of_decade(decade, m["part"].lower())
        return _date(m[0], start, end, "decade", value, ctx, approximate=True, explicit_year=True)
    return _date(m[0], start, end, "decade", value, ctx, explicit_year=True)


def resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    raw = m["ord"].lower()
    number = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else word("ordinals", raw)
    if number < 1:
        return None
    return Resolved("DATE", f"{number - 1:02d}", None)


def resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["q"]:
        quarter = int(m["q"][1])
    else:
        quarter = word("ordinals", m["ord"])
        quarter = 4 if quarter == -1 else quarter
        if not 1 <= quarter <= 4:
            return None
    explicit = bool(m["year"])
    year = int(m["year"]) if m["year"] else _relative_year(m["rel"], ctx)
    if year is None:
        base = ctx.base
        year = base.year
        if cal.quarter_span(year, quarter)[0] > base and ctx.tense != "future":
            year -= 1
    start, end = cal.quarter_span(year, quarter)
    return _date(m[0], start, end, "quarter", f"{year}-Q{quarter}", ctx, explicit_year=explicit)


def _relative_year(rel: str | None, ctx: Context) -> int | None:
    offsets = {"this": 0, "last": -1, "next": 1, "the": 0}
    return ctx.base.year + offsets[rel.lower()] if rel else None


def resolve_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    half = 1 if m["ord"].lower() == "first" else 2
    year = int(m["year"]) if m["year"] else _relative_year(m["rel"], ctx)
    year = ctx.base.year if year is None else year
    start, end = cal.half_span(year, half)
    return _date(m[0], start, end, "quarter", f"{year}-H{half}", ctx, explicit_year=bool(m["year"]))


def resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = m["season"].lower()
    rel = (m["rel"] or "").lower()
    if name == "fall" and not (m["year"] or rel in ("this", "last", "next", "that")):
        return None
    if not (m["year"] or rel or _has_cue(ctx, m)):
        return None
    code = word("seasons", name)
    if ctx.bc_year is not None and not m["year"] and rel not in ("this", "last", "next"):
        return Resolved("DATE", bc_value(ctx.bc_year, f"-{code}"))
    base = ctx.base
    current_year, current = cal.season_of(base)
    if m["year"]:
        year = int(m["year"])
    elif rel == "last":
        year = base.year - 1 if cal.season_span(base.year, code)[0] >= base else base.year
        if (year, code) == (current_year, current):
            year -= 1
    elif rel == "next":
        year = base.year if cal.season_span(base.year, code)[0] > base else base.year + 1
    elif rel in ("this", "that") and code == current:
        year = current_year
    else:
        year = base.year
        in_story = ctx.mode == "narrative" and ctx.reference is not None
        if ctx.tense == "past" and not in_story and cal.season_span(year, code)[0] > base:
            year -= 1
    start, end = cal.season_span(year, code)
    value = f"{year}-{code}"
    approximate = rel in ("early", "late", "mid")
    if approximate:
        start, end = cal.part_of_month(start.year, start.month, "early")[0], end
    return _date(m[0], start, end, "season", value, ctx, approximate, bool(m["year"]))


#: Nouns a holiday's name describes rather than dates: "a Christmas tree".
_HOLIDAY_MODIFIES = re.compile(
    r"\s+(?:trees?|cards?|gifts?|presents?|carols?|decorations?|lights|stockings?|"
    r"spirit|music|songs?|turkeys?|dinners?|specials?)\b",
    re.IGNORECASE,
)


#: A capitalised word right before a holiday makes it part of a name ("White Christmas",
#: "Orthodox Christmas", whose date differs), unless it is a sentence's first word.
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\s+$")
_NOT_A_NAME = frozenset({"on", "at", "by", "before", "after", "since", "until", "during", "over"})


def resolve_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "Christmas", "last Thanksgiving", "Easter 1916", "Easter week": a named day."""
    if not _capitalised(m["holiday"]) or _HOLIDAY_MODIFIES.match(ctx.text, m.end()):
        return None
    named = _NAME_BEFORE.search(ctx.text[max(0, m.start() - 30) : m.start()])
    if not m["rel"] and named and named[1].lower() not in _NOT_A_NAME:
        return None
    name = " ".join(m["holiday"].lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'").split())
    rel = (m["rel"] or "").lower()
    base = ctx.base
    if m["year"]:
        year = int(m["year"])
    elif rel:
        this_year = holiday_in(name, base.year)
        year = (
            base.year
            + {
                "last": -1 if this_year >= base else 0,
                "next": 1 if this_year <= base else 0,
                "this": 0,
            }[rel]
        )
    else:
        usual = holiday_in(name, base.year)
        if m["week"]:  # "as Easter week began": the week's start decides
            usual = cal.week_span(usual)[0]
        year = _pick_year(usual.month, usual.day, ctx, None)
    day = holiday_in(name, year)
    if m["tod"]:
        code = word("times_of_day", m["tod"])
        return Resolved("TIME", f"{day.isoformat()}T{code}", _when(day, day, "day", ctx, m[0]))
    if m["week"]:
        start, end = cal.week_span(day)
        return _date(
            m[0], start, end, "week", cal.iso_week_value(day), ctx, explicit_year=bool(m["year"])
        )
    return _date(m[0], day, day, "day", day.isoformat(), ctx, explicit_year=bool(m["year"]))


# -- relative to the anchor --------------------------------------------------------------


def _unit_span(unit: str, day: date) -> tuple[date, date, Precision, str]:
    """The calendar unit that holds `day`, with its precision and TIMEX3 value."""
    if unit == "week":
        start, end = cal.week_span(day)
        return start, end, "week", cal.iso_week_value(day)
    if unit == "weekend":
        start, _ = cal.week_span(day)
        return (
            cal.shift_days(start, 5),
            cal.shift_days(start, 6),
            "week",
            cal.iso_week_value(day) + "-WE",
        )
    if unit == "month":
        start, end = cal.month_span(day.year, day.month)
        return start, end, "month", f"{day.year}-{day.month:02d}"
    if unit == "quarter":
        quarter = cal.quarter_of(day)
        start, end = cal.quarter_span(day.year, quarter)
        return start, end, "quarter", f"{day.year}-Q{quarter}"
    if unit == "decade":
        decade = day.year // 10 * 10
        start, end = cal.decade_span(decade)
        return start, end, "decade", str(decade // 10)
    if unit == "day":
        return day, day, "day", day.isoformat()
    start, end = cal.year_span(day.year)
    return start, end, "year", str(day.year)


def _shift(day: date, unit: str, amount: int) -> date:
    """`day` moved by `amount` units; `cal.OutOfRange` when that leaves years 1..9999."""
    if unit in ("day", "night"):
        return cal.shift_days(day, amount)
    if unit in ("week", "weekend"):
        return cal.shift_days(day, 7 * amount)
    if unit == "fortnight":
        return cal.shift_days(day, 14 * amount)
    if unit in ("month", "quarter"):
        year, month = cal.add_months(day.year, day.month, amount * (3 if unit == "quarter" else 1))
        return cal.make_date(year, month, min(day.day, cal.month_end(year, month).day))
    return cal.shift_years(day, amount * {"decade": 10, "century": 100}.get(unit, 1))


def resolve_relative_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Last week, this year, next month, the following day; "the past year" is a duration."""
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit == "century":
        return None
    in_bc_story = ctx.bc_year is not None and unit == "year" and (m["the"] or rel == "that")
    if in_bc_story and ctx.bc_year is not None and rel in _BC_YEAR_STEPS:
        # "the following year" in a story of 491 BC: 490 BC
        return Resolved("DATE", bc_value(ctx.bc_year + _BC_YEAR_STEPS[rel]))
    if rel == "past":
        code = word("units", unit)["code"]
        return Resolved("DURATION", f"P1{code}" if code != "DE" else "P10Y")
    if rel in ("following", "next") and m["the"]:
        base, amount = ctx.reference or ctx.anchor, 1
    elif rel in ("previous", "preceding") and m["the"]:
        base, amount = ctx.reference or ctx.anchor, -1
    elif rel in ("same", "that"):
        base, amount = ctx.reference or ctx.anchor, 0
    else:
        base = ctx.anchor if ctx.mode == "news" else ctx.base
        amount = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[rel]
    if unit in LEX["times_of_day"]:
        day = _shift(base, "day", amount)
        code = word("times_of_day", unit)
        return Resolved("TIME", f"{day.isoformat()}T{code}", _when(day, day, "day", ctx, m[0]))
    day = _shift(base, unit, amount)
    start, end, precision, value = _unit_span(unit, day)
    return _date(m[0], start, end, precision, value, ctx)


def resolve_earlier_later(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "earlier this month" runs from the month's first day to the anchor; "later this year"
    from the anchor to the year's end; "late last year" is the last third of last year."""
    part, rel, unit = m["part"].lower(), m["rel"].lower(), m["unit"].lower()
    base = ctx.anchor if ctx.mode == "news" else ctx.base
    day = _shift(base, unit, {"this": 0, "last": -1, "next": 1}[rel])
    start, end, precision, value = _unit_span(unit, day)
    if part in ("earlier", "later") and rel == "this":
        start, end = (start, base) if part == "earlier" else (base, end)
        return _date(m[0], start, end, precision, value, ctx)
    key = {"earlier": "early", "later": "late"}.get(part, part)
    if unit == "year":
        start, end = cal.part_of_year(day.year, key)
    elif unit == "month":
        start, end = cal.part_of_month(day.year, day.month, key)
    return _date(m[0], start, end, precision, value, ctx, approximate=True)


def resolve_part_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the end of 2015", "the beginning of August", "the first half of the year"."""
    inner = _resolve_inner(m["rest"], ctx)
    if inner is None or inner.when is None:
        return None
    part = m["part"].lower()
    when = inner.when
    if "half" in part:
        if when.precision != "year":
            return None
        half = 1 if part.startswith("first") else 2
        start, end = cal.half_span(when.start.year, half)
        return _date(
            m[0],
            start,
            end,
            "quarter",
            f"{when.start.year}-H{half}",
            ctx,
            explicit_year=inner.explicit_year,
        )
    key = word("parts", part.split()[0]) if part.split()[0] in LEX["parts"] else "late"
    if when.precision == "year":
        start, end = cal.part_of_year(when.start.year, key)
    elif when.precision == "month":
        start, end = cal.part_of_month(when.start.year, when.start.month, key)
    elif when.precision == "decade":
        start, end = cal.part_of_decade(when.start.year, key)
    else:
        start, end = when.start, when.end
    return _date(
        m[0],
        start,
        end,
        when.precision,
        inner.value,
        ctx,
        approximate=True,
        explicit_year=inner.explicit_year,
    )


def _resolve_inner(text: str, ctx: Context) -> Resolved | None:
    """Resolve the period inside a part-of phrase with the other rules.

    The period is read as if after "in", the cue a bare month name needs.
    """
    if re.fullmatch(r"the\s+(year|month|week|decade)", text, FLAGS):
        text = "this " + text.split()[-1]
    padded = "in " + text
    sub = Context(
        text=padded, anchor=ctx.anchor, mode=ctx.mode, reference=ctx.reference, tense=ctx.tense
    )
    for rule in RULES:
        if rule.name == "part_of":
            continue
        match = rule.pattern.fullmatch(padded, 3)
        if match:
            resolved = rule.resolve(match, sub)
            if resolved is not None:
                return resolved
    return None


def resolve_week_of(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the last week of September 2015": its last seven days; "the week of Oct. 5": the
    ISO week holding that day."""
    if not _capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    explicit = int(m["year"]) if m["year"] else None
    if m["day"]:
        year = _pick_year(month, int(m["day"]), ctx, explicit)
        try:
            day = date(year, month, int(m["day"]))
        except ValueError:
            return None
        start, end = cal.week_span(day)
        return _date(
            m[0],
            start,
            end,
            "week",
            cal.iso_week_value(day),
            ctx,
            explicit_year=explicit is not None,
        )
    year = _pick_year(month, None, ctx, explicit)
    first, last = cal.month_span(year, month)
    ordinal = word("ordinals", m["ord"])
    if ordinal == -1:
        start, end = cal.shift_days(last, -6), last
    elif 1 <= ordinal <= 4:
        start = cal.shift_days(first, 7 * (ordinal - 1))
        end = cal.shift_days(start, 6)
    else:
        return None
    return _date(
        m[0], start, end, "week", cal.iso_week_value(start), ctx, explicit_year=explicit is not None
    )


def resolve_earlier_in_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "earlier in January" in an article of January: from the 1st to the anchor."""
    if not _capitalised(m["month"]):
        return None
    month = word("months", m["month"].rstrip("."))
    year = _pick_year(month, None, ctx, None)
    start, end = cal.month_span(year, month)
    base = ctx.anchor
    if m["part"].lower() == "earlier" and start <= base <= end:
        end = base
    elif m["part"].lower() == "later" and start <= base <= end:
        start = base
    return _date(m[0], start, end, "month", f"{year}-{month:02d}", ctx)


def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "on Tuesday" in past-tense news: the Tuesday on or before the anchor."""
    name = m["wd"]
    if not _capitalised(name) or (len(name.rstrip(".")) <= 3 and not name.endswith(".")):
        return None  # "Sun" the newspaper, "wed" the verb
    following = _CAPITALISED_AFTER.match(ctx.text, m.end())
    if following and following[1].lower() not in LEX["months"] and not m["tod"]:
        return None  # a name: "Sunday Times", "Black Monday Fund"
    weekday = word("weekdays", m["wd"].rstrip("."))
    rel = (m["rel"] or "").lower()
    base = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if rel == "last":
        offset = -(back or 7)
    elif rel == "next":
        offset = forward or 7
    elif rel == "this":
        offset = forward if ctx.tense == "future" else -back
    elif ctx.tense == "future" or _previous_word(ctx, m) in ("until", "till"):
        offset = forward
    elif ctx.tense == "past":
        offset = -back
    else:
        offset = -back if back <= forward else forward
    day = cal.shift_days(base, offset)
    if m["tod"]:
        code = word("times_of_day", m["tod"])
        return Resolved("TIME", f"{day.isoformat()}T{code}", _when(day, day, "day", ctx, m[0]))
    return _date(m[0], day, day, "day", day.isoformat(), ctx)


def resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    """today, yesterday, tomorrow, tonight, this morning, the day before yesterday."""
    phrase = " ".join(m[0].lower().split())
    offsets = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "tonight": 0,
        "this": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    head = phrase.split()[0] if phrase.split()[0] in offsets else phrase
    amount = offsets.get(phrase, offsets.get(head, 0))
    day = cal.shift_days(ctx.anchor, amount)
    tod = m["tod"] or ("night" if phrase == "tonight" else None)
    if tod:
        code = word("times_of_day", tod)
        return Resolved("TIME", f"{day.isoformat()}T{code}", _when(day, day, "day", ctx, m[0]))
    return _date(m[0], day, day, "day", day.isoformat(), ctx)


def resolve_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "two weeks ago" from the anchor; "three days later" from the last date the text gave."""
    unit = m["unit"].lower()
    amount = number_value(m["n"])
    direction = " ".join(m["dir"].lower().split())
    if unit in ("second", "minute", "hour"):
        return None
    if amount is None:
        return Resolved("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    if direction in ("ago", "from now", "hence"):
        base = ctx.anchor
    elif ctx.reference is not None:
        base = ctx.reference
    else:
        return None  # "days later" needs another date to count from
    day = _shift(base, unit, sign * int(amount))
    span_unit = "day" if unit in ("day", "night") else unit
    start, end, precision, value = _unit_span(span_unit, day)
    return _date(m[0], start, end, precision, value, ctx)


# -- durations, sets, references, times --------------------------------------------------


def _duration_value(amount: float | None, unit: str) -> str | None:
    spec = LEX["units"].get(unit)
    if spec is None or (amount is not None and not math.isfinite(amount)):
        return None  # "1e400 days" is no count a TIMEX3 value can carry
    code = spec["code"]
    count = "X" if amount is None else f"{amount * spec.get('times', 1):g}"
    if code == "DE":
        code, count = "Y", "X" if amount is None else f"{10 * amount:g}"
    if code == "CE":
        code, count = "Y", "X" if amount is None else f"{100 * amount:g}"
    if code == "WE":
        code = "WE"
    prefix = "PT" if spec.get("time") else "P"
    return f"{prefix}{count}{code}"


def resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    raw = m["n"].lower().replace(",", "")
    amount: float | None
    amount = float(raw) if re.fullmatch(r"\d+(?:\.\d+)?", raw) else number_value(raw)
    unit = m["unit"].lower()
    if amount is None and raw not in [w.lower() for w in LEX["vague_numbers"]]:
        return None
    if unit == "second" and not raw[0].isdigit():
        return None  # "a second chance"
    if unit == "weekend":
        return None
    value = _duration_value(amount, unit)
    return Resolved("DURATION", value) if value else None


def resolve_past_n(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the past two weeks", "the next three years": durations."""
    raw = m["n"].lower().replace(",", "")
    amount = float(raw) if raw.replace(".", "", 1).isdigit() else number_value(raw)
    value = _duration_value(amount, m["unit"].lower())
    return Resolved("DURATION", value) if value else None


def resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    phrase = " ".join(m[0].lower().split())
    if phrase in LEX["sets"]:
        return Resolved("SET", LEX["sets"][phrase])
    unit = (m["unit"] or "").lower()
    if m["wd"]:
        return Resolved("SET", f"XXXX-WXX-{word('weekdays', m['wd'].rstrip('.')) + 1}")
    amount = number_value(m["n"]) if m["n"] else 1
    if amount is None:
        return None  # a count with more digits than any period needs
    value = _duration_value(amount or 1, unit)
    return Resolved("SET", value) if value else None


def resolve_reference(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "now", "recently", "former", "in the future": TIMEX3 references, no interval."""
    phrase = " ".join(m[0].lower().split())
    return Resolved("DATE", LEX["references"][phrase])


#: "5:00 am on October 3, 1935": the clock time belongs to the date after it.
_FOLLOWING_DATE = re.compile(
    rf"(?:\s+[A-Za-z]+\s+time)?,?\s+(?:on\s+)?(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR}\b)?",
    re.IGNORECASE,
)


def _weekday_near(base: date, weekday: int, tense: Tense) -> date:
    """The weekday the tense points at from `base`: back in the past, ahead in the
    future, the nearer of the two when the tense says nothing."""
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if tense == "future":
        return cal.shift_days(base, forward)
    if tense == "past":
        return cal.shift_days(base, -back)
    return cal.shift_days(base, -back if back <= forward else forward)


def resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    hour = int(m["h"])
    minute = int(m["min"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if "morning" in ampm:  # "4 in the morning"
        ampm = "am"
    elif "afternoon" in ampm or "evening" in ampm or "night" in ampm:
        ampm = "pm" if hour != 12 else "am"
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    day = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    following = _FOLLOWING_DATE.match(ctx.text, m.end())
    weekday = m.groupdict().get("wd")
    if weekday and _capitalised(weekday):
        # "9 a.m. Tuesday", "4 a.m. EDT Thursday": one expression, that day's hour
        ahead = _previous_word(ctx, m) in ("until", "till")  # a deadline: "until 9 a.m. Tuesday"
        tense: Tense = "future" if ahead else ctx.tense
        day = _weekday_near(day, word("weekdays", weekday.rstrip(".")), tense)
    elif following:
        sub = Context(
            text=ctx.text,
            anchor=ctx.anchor,
            mode=ctx.mode,
            reference=ctx.reference,
            tense=ctx.tense,
        )
        dated = resolve_month_day(following, sub)
        if dated is not None and dated.when is not None:
            day = dated.when.start
    zone = "Z" if (m["tz"] or "").upper() in ("UTC", "GMT", "Z") else ""
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}{zone}"
    return Resolved("TIME", value, _when(day, day, "day", ctx, m[0]))


def resolve_the_weekend(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "during the weekend": the weekend the tense points at, from the anchor."""
    base = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    if base.weekday() == 6:  # a Sunday report's weekend is its own
        base = cal.shift_days(base, -1)
    saturday = _weekday_near(base, 5, ctx.tense)
    start, end, precision, value = _unit_span("weekend", saturday)
    return _date(m[0], start, end, precision, value, ctx)


def resolve_noon(m: re.Match[str], ctx: Context) -> Resolved | None:
    day = ctx.reference if ctx.mode == "narrative" and ctx.reference else ctx.anchor
    clock = "24:00" if m[0].lower() == "midnight" else "12:00"
    return Resolved("TIME", f"{day.isoformat()}T{clock}", _when(day, day, "day", ctx, m[0]))


_ANOTHER_DAY_AFTER = re.compile(
    r"\s+(?:before|after|when|that|of|following|on which)\b"
    r"|,?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


def resolve_the_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "the day" in news is the day of the report: "to end the day up 2%". Not when
    it points at another day: "the day before the arrest", "the day of the vote", "the
    day Friday", "later in the day" (later than something the text just told)."""
    if ctx.mode != "news":
        return None
    bare = " ".join(m[0].lower().split()) == "the day"
    if bare and (
        _ANOTHER_DAY_AFTER.match(ctx.text, m.end())
        or _previous_word(ctx, m, 2) in ("earlier in", "later in")
    ):
        return None
    day = ctx.anchor
    return _date(m[0], day, day, "day", day.isoformat(), ctx)


def resolve_vague_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """ "in years", "for months": a duration of unknown length."""
    unit = m["unit"].lower().rstrip("s")
    value = _duration_value(None, unit)
    if value is None:
        return None
    return Resolved("DURATION", value)


def _rule(
    name: str,
    pattern: str,
    resolve: Callable[[re.Match[str], Context], Resolved | None],
    gate: tuple[str, ...] = (),
) -> Rule:
    return Rule(name, re.compile(pattern, FLAGS), resolve, gate)


HOLIDAY_NAMES = alternation(HOLIDAYS).replace("'", "['\u2019]")
#: The longest word of each holiday name, for the holiday rule's gate.
HOLIDAY_WORDS = tuple(sorted({max(name.split(), key=len).split("'")[0] for name in HOLIDAYS}))
REL_UNITS = r"week|weekend|month|year|quarter|decade|century|day|morning|afternoon|evening|night"

RULES: list[Rule] = [
    _rule(
        "iso", rf"\b{YEAR}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?:T\d\d:\d\d(?::\d\d)?)?\b", resolve_iso
    ),
    _rule("slash", r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})\b", resolve_slash),
    _rule(
        "month_day", rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR}\b)?", resolve_month_day
    ),
    _rule(
        "day_month",
        rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR}\b)?",
        resolve_month_day,
    ),
    _rule(
        "tod_of_month_day",
        rf"\bthe\s+(?P<tod>night|morning|afternoon|evening)\s+of\s+(?P<wd>)?{MONTH}\s+{DAY}(?:,?\s+{YEAR}\b)?",
        resolve_time_of_day_of,
    ),
    _rule(
        "tod_of_day_month",
        rf"\bthe\s+(?P<tod>night|morning|afternoon|evening)\s+of\s+(?P<wd>)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR}\b)?",
        resolve_time_of_day_of,
    ),
    _rule("month_year", rf"\b(?:{PART}[-\s]+)?{MONTH},?\s+(?:of\s+)?{YEAR}\b", resolve_month_year),
    _rule(
        "month_of_year_ref",
        rf"\b(?:{PART}[-\s]+)?{MONTH}(?:\s+{DAY})?,?\s+of\s+{YEAR_REFERENCE}\s+year\b",
        resolve_month_of_year_ref,
    ),
    _rule(
        "day_month_of_year_ref",
        rf"\b(?:the\s+)?(?P<part>){DAY}\s+(?:of\s+)?{MONTH},?\s+of\s+{YEAR_REFERENCE}\s+year\b",
        resolve_month_of_year_ref,
    ),
    _rule(
        "day_of_month_ref",
        r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\s+of\s+(?:that|the\s+same)\s+month\b",
        resolve_day_of_month_ref,
    ),
    _rule(
        "month",
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?:{PART}[-\s]+)?{MONTH}"
        r"(?:\s+(?P<yrel>this|last|next)\s+year\b)?\b",
        resolve_month,
    ),
    _rule(
        "part_of",
        r"\b(?:(?:toward|towards)\s+)?the\s+(?P<part>beginning|start|middle|end|close|first\s+half|second\s+half|latter\s+half|latter\s+part|early\s+part|later\s+part)\s+of\s+"
        rf"(?P<rest>(?:{alternation(LEX['months'])})\.?(?:,?\s+(?:1[0-9]|20)\d\d)?|(?:1[0-9]|20)\d\d|(?:this|last|next|the)\s+(?:year|month|week|decade)|the\s+(?:1[0-9]|20)\d0'?s)\b",
        resolve_part_of,
    ),
    _rule(
        "week_of",
        rf"\bthe\s+(?:{ORDINAL}\s+)?week\s+of\s+{MONTH}(?:\s+{DAY})?(?:,?\s+{YEAR}\b)?",
        resolve_week_of,
    ),
    _rule(
        "earlier_in_month", rf"\b(?P<part>earlier|later)\s+in\s+{MONTH}\b", resolve_earlier_in_month
    ),
    _rule(
        "earlier_later",
        r"\b(?P<part>earlier|later|early|late|mid)\s+(?P<rel>this|last|next)\s+(?P<unit>year|month|week|decade)\b",
        resolve_earlier_later,
    ),
    _rule(
        "quarter",
        rf"\b(?:(?P<q>Q[1-4])|the\s+{ORDINAL}\s+quarter)(?:\s+(?:of\s+)?{YEAR}\b|\s+of\s+(?P<rel>this|last|next|the)\s+year)?",
        resolve_quarter,
    ),
    _rule(
        "half",
        rf"\bthe\s+(?P<ord>first|second|latter)\s+half\s+of\s+(?:{YEAR}\b|(?P<rel>this|last|next|the)\s+year)",
        resolve_half,
    ),
    _rule(
        "season",
        rf"\b(?:the\s+(?=(?:early|late|mid)?[-\s]*(?:spring|summer|autumn|fall|winter)\b))?(?:(?P<rel>this|last|next|that|early|late|mid)[-\s]+)?(?P<season>spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?{YEAR}\b)?",
        resolve_season,
    ),
    _rule(
        "decade",
        rf"\b(?:the\s+)?(?:{PART}[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)'?s|'(?P<short>\d0)s|(?P<dword>{alternation(LEX['decade_words'])}))\b",
        resolve_decade,
    ),
    _rule(
        "century",
        rf"\b(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{alternation(LEX['ordinals'])})\s+century\b",
        resolve_century,
    ),
    _rule(
        "holiday",
        rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<holiday>{HOLIDAY_NAMES})(?![\w'])"
        rf"(?:,?\s+(?:of\s+)?{YEAR}\b)?"
        r"(?:\s+(?P<week>week)\b|\s+(?P<tod>morning|afternoon|evening|night)\b)?",
        resolve_holiday,
    ),
    _rule("bc_year", r"\b(?P<bc>\d{1,4})\s*(?:BC|BCE|B\.C\.)(?!\w)", resolve_bc_year),
    _rule("year", rf"\b(?:{PART}[-\s])?{YEAR}\b", resolve_year),
    _rule(
        "relative_unit",
        rf"\b(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|preceding|current|following|same|that)\s+(?P<unit>{REL_UNITS})\b",
        resolve_relative_unit,
    ),
    _rule(
        "weekday",
        rf"\b(?:(?P<rel>last|this|next|early|late)\s+)?{WEEKDAY}(?:\s+(?P<tod>morning|afternoon|evening|night))?\b(?!s)",
        resolve_weekday,
    ),
    _rule(
        "deictic",
        r"\b(?:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|yesterday|tomorrow|tonight|(?:this|yesterday|tomorrow)\s+(?P<tod>morning|afternoon|evening|night))\b",
        resolve_deictic,
    ),
    _rule(
        "ago", rf"\b{NUMBER}\s+{UNIT}\s+(?P<dir>ago|earlier|later|from\s+now|hence)\b", resolve_ago
    ),
    _rule(
        "past_n",
        rf"\b(?:the\s+)?(?:last|past|next|previous|coming|first|final)\s+{NUMBER}\s+(?:(?:straight|consecutive|successive|trading|business|working|full)\s+)?{UNIT}\b",
        resolve_past_n,
    ),
    _rule(
        "duration",
        rf"\b{NUMBER}[-\s](?:(?:straight|consecutive|successive|trading|business|working|full|more|long|short)\s+)?{UNIT}(?:[-\s](?:long|old))?\b",
        resolve_duration,
    ),
    _rule(
        "set",
        rf"\b(?:{alternation(LEX['sets'])}|(?:every|each|per)\s+(?:(?P<n>{alternation(LEX['numbers'])}|\d+)\s+)?(?:(?P<unit>{alternation(LEX['units'])})s?|{WEEKDAY}))\b",
        resolve_set,
    ),
    _rule("reference", rf"\b(?:{alternation(LEX['references'])})\b", resolve_reference),
    _rule(
        "clock",
        r"\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?P<tz>UTC|GMT|[ECMP][SD]T)\b)?"
        rf"(?:,?\s+(?:on\s+)?(?P<wd>{alternation(LEX['weekdays'])})(?![A-Za-z]))?",
        resolve_clock,
    ),
    _rule(
        "clock_at",
        r"(?<=\bat\s)(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?P<ampm>)(?:\s*(?P<tz>UTC|GMT)\b)?",
        resolve_clock,
    ),
    _rule(
        "clock_words",
        r"\b(?P<h>[01]?\d)(?::(?P<min>[0-5]\d))?(?:\s+o'clock)?"
        r"\s+(?P<ampm>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b(?P<tz>)",
        resolve_clock,
    ),
    _rule(
        "clock_military",
        r"\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)(?P<ampm>)\s*(?P<tz>UTC|GMT)\b",
        resolve_clock,
    ),
    _rule(
        "clock_24",
        r"\b(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?P<ampm>)\s*(?P<tz>UTC|GMT)\b",
        resolve_clock,
    ),
    _rule(
        "the_day",
        r"\b(?:(?P<part>late|early)\s+in\s+|the\s+(?:start|end|close|rest|remainder)\s+of\s+)?the\s+day\b",
        resolve_the_day,
    ),
    _rule(
        "vague_duration",
        r"\b(?:for|in|over|within)\s+(?P<n>)(?P<unit>years|months|weeks|days|decades|hours|minutes)\b",
        resolve_vague_duration,
    ),
    _rule("noon", r"\b(?:noon|midnight|midday)\b", resolve_noon),
    _rule("the_weekend", r"\bthe\s+weekend\b", resolve_the_weekend),
]

_TIMES_OF_DAY = ("morning", "afternoon", "evening", "night")
#: Words one of which each rule's matches must hold (`Rule.gate`); rules not named here
#: scan every text.
_GATES: dict[str, tuple[str, ...]] = {
    "tod_of_month_day": _TIMES_OF_DAY,
    "tod_of_day_month": _TIMES_OF_DAY,
    "month_of_year_ref": ("year",),
    "day_month_of_year_ref": ("year",),
    "day_of_month_ref": ("month",),
    "part_of": ("of",),
    "week_of": ("week",),
    "earlier_in_month": ("earlier", "later"),
    "earlier_later": ("this", "last", "next"),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "half": ("half",),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "decade": ("0s", "0's", "ties"),
    "century": ("century",),
    "holiday": HOLIDAY_WORDS,
    "bc_year": ("bc", "b.c"),
    "ago": ("ago", "earlier", "later", "now", "hence"),
    "clock": ("a.m", "p.m", "am", "pm"),
    "clock_at": (":",),
    "clock_words": ("morning", "afternoon", "evening", "night"),
    "clock_24": (":",),
    "clock_military": ("utc", "gmt"),
    "the_day": ("day",),
    "noon": ("noon", "midnight", "midday"),
    "the_weekend": ("weekend",),
}
RULES = [replace(rule, gate=_GATES.get(rule.name, ())) for rule in RULES]
