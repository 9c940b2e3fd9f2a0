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
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Literal

from graphsvc.temporal.calendar import OutOfRange
from graphsvc.temporal.cues import TenseCues, sentence_spans
from graphsvc.temporal.expression import TemporalExpression
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


Candidate = tuple[int, int, int]  # start, end, rule index


def _candidates(
    text: str, anchor: date, mode: Mode, folded: str | bytes
) -> tuple[list[Candidate], dict[Candidate, re.Match[str]], list[tuple[int, int]]]:
    """(start, end, rule index) of matches that some reading accepts, overlaps settled,
    with the matches themselves (read again in order, not matched again); and (start,
    year) of those that state their year, which no reading changes."""
    probe = Context(text=text, anchor=anchor, mode=mode, reference=anchor, probing=True)
    found = []
    matches: dict[Candidate, re.Match[str]] = {}
    stated: dict[Candidate, int] = {}
    lowered = text.lower()
    present: dict[str, bool] = {}  # rules share gate words: each searched for once

    def holds(word: str) -> bool:
        known = present.get(word)
        if known is None:
            known = present[word] = word in lowered
        return known

    def active(index: int) -> bool:  # asked only of rules whose starts occur
        gate = RULES[index].gate
        return not gate or any(holds(word) for word in gate)

    for index, match in _scanner().matches(text, active, folded):
        if match.end() <= match.start():
            continue
        resolved = _resolve(RULES[index], match, probe)
        if resolved is None:
            continue
        key = (match.start(), match.end(), index)
        found.append(key)
        matches[key] = match
        if resolved.explicit_year and resolved.when is not None:
            stated[key] = resolved.when.start.year
    kept = _settle(found, len(text))
    years = [(key[0], stated[key]) for key in kept if key in stated]
    return kept, matches, years


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
    sentences = sentence_spans(text)
    starts = [first for first, _ in sentences]
    folded = _scanner().fold(text)
    cues = TenseCues(text, folded if isinstance(folded, bytes) else None)
    context = Context(text=text, anchor=anchor, mode=mode)
    candidates, matches, stated_years = _candidates(text, anchor, mode, folded)
    story = StoryTime(stated_years) if mode == "narrative" else None
    found: list[TemporalExpression] = []
    for start, end, index in candidates:
        rule = RULES[index]
        match = matches[(start, end, index)]
        if not_a_timex(text, start, end):
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
