"""What every rule family shares: the context a resolver reads, what it returns, the
rule itself, and the calendar helpers resolvers of several families use.

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
from dataclasses import dataclass
from datetime import date
from typing import Literal

from graphsvc.model import Precision, When
from graphsvc.temporal import calendar as cal
from graphsvc.temporal.expression import TimexType
from graphsvc.temporal.lexicon import lexicon

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
    #: The last reporting period the text named (a quarter, a half, a fiscal year) and
    #: where it ended: "the quarter", "the year-earlier period" and "a year earlier"
    #: after it are read from it.
    period: Resolved | None = None
    period_end: int = 0
    #: Set while candidates are gathered, before the text is read in order: a reading
    #: that needs what the text said before ("the quarter") keeps its match then.
    probing: bool = False

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


Resolver = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    """One regex and the resolver that reads its matches, with the data that gates it."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    #: Lower-case words one of which every match holds: a text without any of them is
    #: not scanned with this rule at all (most texts name no century, no holiday).
    gate: tuple[str, ...] = ()
    #: The family (data file) the rule comes from.
    family: str = ""
    #: Negative contexts, as data: a match is no expression when the text right before
    #: it ends with `not_before` or the text right after it starts with `not_after`.
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None

    def apply(self, match: re.Match[str], ctx: Context) -> Resolved | None:
        """The match's reading, or None when a negative context or the resolver refuses it."""
        if self.not_after is not None and self.not_after.match(ctx.text, match.end()):
            return None
        if self.not_before is not None and self.not_before.search(
            ctx.text, max(0, match.start() - NEGATIVE_REACH), match.start()
        ):
            return None
        return self.resolve(match, ctx)


#: How many characters before a match a `not_before` context may look at.
NEGATIVE_REACH = 40
FLAGS = re.IGNORECASE
LEX = lexicon()


def when_of(
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


def dated(
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
        "DATE", value, when_of(start, end, precision, ctx, text, approximate), explicit_year
    )


_TOKEN = re.compile(r"[a-z']+|[^\sa-z]")
#: The month cues by their number of words: a match's last words are joined once for
#: each length, not once for each cue.
_CUES: dict[int, frozenset[str]] = {}
for _cue in LEX["month_cues"]:
    _CUES[len(_cue.split())] = _CUES.get(len(_cue.split()), frozenset()) | {_cue}


def words_before(ctx: Context, match: re.Match[str], reach: int = 40) -> list[str]:
    return _TOKEN.findall(ctx.text[max(0, match.start() - reach) : match.start()].lower())


def previous_word(ctx: Context, match: re.Match[str], words: int = 1) -> str:
    return " ".join(words_before(ctx, match)[-words:])


def has_cue(ctx: Context, match: re.Match[str]) -> bool:
    """A month cue ("in", "the end of") right before the match; the text is split once."""
    tokens = words_before(ctx, match)
    return any(" ".join(tokens[-length:]) in cues for length, cues in _CUES.items())


_NEGATIONS = frozenset({"not", "never", "n't"})
_CLAUSE_ENDS = frozenset(".;!?")
#: How far back the verb of an "until" clause is looked for.
_CLAUSE_REACH = 80
_PAST_NEGATED = frozenset(
    {"did", "was", "were", "had", "didn't", "wasn't", "weren't", "hadn't", "couldn't"}
)
_FUTURE_NEGATED = frozenset({"won't", "shan't"})


def until_direction(ctx: Context, match: re.Match[str]) -> Literal["ahead", "back"] | None:
    """Which way a date after "until" lies; None when no "until" comes right before it.

    "until Friday" after a verb ends a wait that lies ahead ("talks are suspended until
    Friday"). Negated with a past verb it is when something happened at last ("the
    shipment did not arrive until Friday"), which a past report puts before its date,
    as any past event."""
    tokens = words_before(ctx, match, _CLAUSE_REACH)
    if not tokens or tokens[-1] not in ("until", "till"):
        return None
    if match.start() > _CLAUSE_REACH:
        tokens = tokens[1:]  # the first word may be cut
    clause: list[str] = []
    for token in reversed(tokens[:-1]):
        if token in _CLAUSE_ENDS:
            break
        clause.append(token)
    if any(token in _FUTURE_NEGATED for token in clause):
        return "ahead"
    negated = any(token in _NEGATIONS or token.endswith("n't") for token in clause)
    # a past auxiliary of the negation ("did not", "wasn't") says past whatever verb the
    # parse or the cue words chose ("didn't" holds no cue word)
    past = ctx.tense == "past" or any(token in _PAST_NEGATED for token in clause)
    return "back" if negated and past else "ahead"


def capitalised(text: str) -> bool:
    return text[:1].isupper()


#: Read at a match's end with `.match(text, pos)`: slicing the rest of the text off
#: instead would copy it for every match, quadratic in the text's length.
PRONOUN_AFTER = re.compile(r"\s+(I|we|you|he|she|they|it)\b")
CAPITALISED_AFTER = re.compile(r"\s+([A-Z][a-z]+)")


#: How far back a past tense read from cue words may carry a date without a year: news
#: writes the year of a past date further back than this, not of its own year's
#: ("Meissner gave no reason for the Jan. 14 deadline", reported on January 5, is
#: nine days ahead, not a year back). A tense from the parse is trusted as it is.
_CUE_PAST_REACH_DAYS = 270


def pick_year(month: int, day: int | None, ctx: Context, explicit: int | None) -> int:
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


def day_date(
    year: int, month: int, day: int, text: str, ctx: Context, explicit_year: bool
) -> Resolved | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return dated(text, value, value, "day", value.isoformat(), ctx, explicit_year=explicit_year)


def bc_value(year: int, rest: str = "") -> str:
    """The TIMEX3 value of a year before Christ: "BC0480", "BC0480-SP"."""
    return f"BC{year:04d}{rest}"


def relative_year(rel: str | None, ctx: Context) -> int | None:
    offsets = {"this": 0, "last": -1, "next": 1, "the": 0}
    return ctx.base.year + offsets[rel.lower()] if rel else None


def unit_span(unit: str, day: date) -> tuple[date, date, Precision, str]:
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


def shift(day: date, unit: str, amount: int) -> date:
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


def duration_value(amount: float | None, unit: str) -> str | None:
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


def weekday_near(base: date, weekday: int, tense: Tense) -> date:
    """The weekday the tense points at from `base`: back in the past, ahead in the
    future, the nearer of the two when the tense says nothing."""
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if tense == "future":
        return cal.shift_days(base, forward)
    if tense == "past":
        return cal.shift_days(base, -back)
    return cal.shift_days(base, -back if back <= forward else forward)
