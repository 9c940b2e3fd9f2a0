"""Find temporal expressions in text and resolve them against an anchor date.

All rules run over the text; overlapping candidates are settled longest first; then
the survivors are resolved in reading order, so "two days later" counts from the last
date the text gave, and a narrative's "in September" takes the year it is talking about.

Each step is linear in the text (times the number of rules), whatever the text holds:
the loader feeds it whole sentences of any length and the API phrases from the query.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Literal

from graphsvc.temporal.calendar import OutOfRange
from graphsvc.temporal.expression import TemporalExpression
from graphsvc.temporal.lexicon import alternation, lexicon
from graphsvc.temporal.negatives import not_a_timex
from graphsvc.temporal.rules import RULES, Context, Resolved, Rule, Tense
from graphsvc.temporal.scan import Scanner
from graphsvc.temporal.story import StoryTime

Mode = Literal["news", "narrative"]


@cache
def _scanner() -> Scanner:
    """Every rule's matches in one scan of the text, not one scan a rule; built at the
    first use (reading the rules' starts takes a fraction of a second), then kept."""
    return Scanner([rule.pattern for rule in RULES])


_BC_VALUE = re.compile(r"BC(\d{4})")
#: A quarter, a half or a fiscal year the text names becomes the period it reports on:
#: "the quarter" and "a year earlier" read from it (not from "the year-ago quarter").
_PERIOD = re.compile(r"\d{4}-[QH][1-4]|FY\d{4}(?:-[QH][1-4])?")
_NAMES_A_PERIOD = frozenset({"quarter", "half", "fiscal_year"})

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|\n+")
_FUTURE = re.compile(rf"\b(?:{alternation(lexicon()['future_cues'])})\b", re.IGNORECASE)
_PAST = re.compile(
    rf"\b(?:{alternation(lexicon()['past_cues'])})\b|\b[a-z]{{3,}}ed\b", re.IGNORECASE
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


class _TenseCues:
    """Every tense cue of a text (future: "will", "next"; past: "was", "-ed"), found once:
    an expression takes the tense of the cue nearest to it in its sentence, since a
    sentence may hold both and the nearer verb usually governs the date.

    Scanning the sentence again for each expression in it is quadratic in the
    sentence's length; here each expression costs a binary search.
    """

    def __init__(self, text: str) -> None:
        cues = [(m.start(), m.end(), "future") for m in _FUTURE.finditer(text)]
        cues += [(m.start(), m.end(), "past") for m in _PAST.finditer(text)]
        self.cues: list[tuple[int, int, Tense]] = sorted(cues)
        self.starts = [cue[0] for cue in self.cues]

    def tense(self, sentence: tuple[int, int], start: int, end: int) -> Tense:
        """The tense of the sentence's cue nearest to the expression at start..end: the
        nearest cue before it (by its start) or after it (from the expression's end)."""
        nearest = self._before(sentence[0], start) + self._after(sentence[1], end)
        return min(nearest)[1] if nearest else "unknown"

    def _before(self, first: int, start: int) -> list[tuple[int, Tense]]:
        found: list[tuple[int, Tense]] = []
        for index in range(bisect_left(self.starts, start) - 1, -1, -1):
            cue_start, cue_end, tense = self.cues[index]
            if cue_start < first or (found and start - cue_start > found[0][0]):
                break
            if cue_end <= start:  # a cue across the expression is cut by removing it
                found.append((start - cue_start, tense))
        return found

    def _after(self, last: int, end: int) -> list[tuple[int, Tense]]:
        found: list[tuple[int, Tense]] = []
        for index in range(bisect_left(self.starts, end), len(self.cues)):
            cue_start, cue_end, tense = self.cues[index]
            if cue_start >= last or (found and cue_start - end > found[0][0]):
                break
            if cue_end <= last:
                found.append((cue_start - end, tense))
        return found


def _resolve(rule: Rule, match: re.Match[str], context: Context) -> Resolved | None:
    """The rule's reading of the match; none when that is a date outside years 1..9999
    ("tomorrow" read on 9999-12-31), which no `date` can hold."""
    try:
        return rule.apply(match, context)
    except OutOfRange:
        return None


def _settle(found: list[tuple[int, int, int]], length: int) -> list[tuple[int, int, int]]:
    """Longest candidates first, each kept unless it overlaps one kept before.

    A mask of taken characters answers "overlaps?" in the candidate's own length, and
    the matches of one rule never overlap, so all the checks cost at most the text's
    length per rule (comparing with every kept candidate was quadratic).
    """
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(length)
    kept = []
    for start, end, index in found:
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, index))
    return sorted(kept)


def _candidates(
    text: str, anchor: date, mode: Mode
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """(start, end, rule index) of matches that some reading accepts, overlaps settled;
    and (start, year) of those that state their year, which no reading changes."""
    probe = Context(text=text, anchor=anchor, mode=mode, reference=anchor, probing=True)
    found = []
    stated: dict[tuple[int, int, int], int] = {}
    lowered = text.lower()
    active = {
        index
        for index, rule in enumerate(RULES)
        if not rule.gate or any(word in lowered for word in rule.gate)
    }
    for index, match in _scanner().matches(text, active):
        if match.end() <= match.start():
            continue
        resolved = _resolve(RULES[index], match, probe)
        if resolved is None:
            continue
        key = (match.start(), match.end(), index)
        found.append(key)
        if resolved.explicit_year and resolved.when is not None:
            stated[key] = resolved.when.start.year
    kept = _settle(found, len(text))
    years = [(key[0], stated[key]) for key in kept if key in stated]
    return kept, years


def _sentence_of(
    sentences: list[tuple[int, int]], starts: list[int], position: int, length: int
) -> tuple[int, int]:
    """The sentence a position lies in (a binary search), or the whole text."""
    index = bisect_right(starts, position) - 1
    if index >= 0 and position <= sentences[index][1]:
        return sentences[index]
    return 0, length


def find_dates(
    text: str,
    anchor: date,
    mode: Mode = "news",
    tense_at: Callable[[int, int], Tense] | None = None,
) -> list[TemporalExpression]:
    """Temporal expressions of `text` in reading order, resolved against `anchor`.

    `mode="news"` reads partial dates around the publication date by the sentence's
    tense; `mode="narrative"` (history, biographies) reads them in the year the text is
    talking about, the last date it gave. `tense_at(start, end)`, when given, says the
    tense of the verb an expression modifies (from a parse); where it says "unknown",
    the nearest tense cue of the sentence decides; "open" reads it nearest the anchor.
    """
    sentences = _sentence_spans(text)
    starts = [first for first, _ in sentences]
    cues = _TenseCues(text)
    context = Context(text=text, anchor=anchor, mode=mode)
    candidates, stated_years = _candidates(text, anchor, mode)
    story = StoryTime(stated_years) if mode == "narrative" else None
    found: list[TemporalExpression] = []
    for start, end, index in candidates:
        rule = RULES[index]
        match = rule.pattern.match(text, start)  # no endpos: lookaheads see on
        if match is None or match.end() != end or not_a_timex(text, start, end):
            continue
        sentence = _sentence_of(sentences, starts, start, len(text))
        told = tense_at(start, end) if tense_at is not None else "unknown"
        context.tense_told = told != "unknown"
        context.tense = told if context.tense_told else cues.tense(sentence, start, end)
        resolved = _resolve(rule, match, context)
        if resolved is None:
            continue
        _remember(context, resolved, story, match, rule)
        found.append(_expression(match, resolved))
    return found


def _remember(
    context: Context,
    resolved: Resolved,
    story: StoryTime | None,
    match: re.Match[str],
    rule: Rule,
) -> None:
    """Dates move the reference point that "the next day" and "in September" read from;
    in a narrative only those where the story stands (`StoryTime`)."""
    if rule.name in _NAMES_A_PERIOD and _PERIOD.fullmatch(resolved.value):
        context.period, context.period_end = resolved, match.end()
    bc = _BC_VALUE.match(resolved.value or "")
    if bc is not None:  # the story is before Christ now, until it gives a year after
        context.bc_year = int(bc[1])
        return
    dated = resolved.type in ("DATE", "TIME") and resolved.when is not None
    if not dated or resolved.when is None:
        return
    if resolved.explicit_year:
        context.bc_year = None
    if story is None:
        context.reference = resolved.when.start
        return
    if not (resolved.explicit_year or context.reference is not None):
        return
    if story.moves(context.reference, resolved, context.text, match.span(), context.tense):
        context.reference = resolved.when.start


#: A whole month or weekday name followed by a full stop: the stop ends the sentence,
#: it is not an abbreviation's ("on 6 September." is "6 September"; "Sept." keeps it).
_SENTENCE_STOP = re.compile(
    r"\b(?:{})\.$".format(
        "|".join(name for name in (*calendar.month_name, *calendar.day_name) if name)
    ),
    re.IGNORECASE,
)


def _expression(match: re.Match[str], resolved: Resolved) -> TemporalExpression:
    text = match[0]
    if text.endswith(".") and _SENTENCE_STOP.search(text):
        text = text[:-1]
    when = resolved.when
    if when is not None and when.text != text:
        when = when.model_copy(update={"text": text})
    return TemporalExpression(
        start=match.start(),
        end=match.start() + len(text),
        text=text,
        type=resolved.type,
        value=resolved.value,
        when=when,
    )
