"""Find temporal expressions in text and resolve them against an anchor date.

All rules run over the text; overlapping candidates are settled longest first; then
the survivors are resolved in reading order, so "two days later" counts from the last
date the text gave, and a narrative's "in September" takes the year it is talking about.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from graphsvc.temporal.expression import TemporalExpression
from graphsvc.temporal.lexicon import alternation, lexicon
from graphsvc.temporal.rules import RULES, Context, Resolved, Tense

Mode = Literal["news", "narrative"]

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


def tense_of(sentence: str, position: int | None = None) -> Tense:
    """The tense of the cue nearest to `position`: future ("will", "next") or past ("was",
    "-ed"); a sentence may hold both, and the nearer verb usually governs the date."""
    position = len(sentence) // 2 if position is None else position
    cues = [(abs(m.start() - position), "future") for m in _FUTURE.finditer(sentence)]
    cues += [(abs(m.start() - position), "past") for m in _PAST.finditer(sentence)]
    return min(cues)[1] if cues else "unknown"


def _candidates(text: str, anchor: date, mode: Mode) -> list[tuple[int, int, int]]:
    """(start, end, rule index) of matches that some reading accepts, overlaps settled."""
    probe = Context(text=text, anchor=anchor, mode=mode, reference=anchor)
    found = []
    for index, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start() and rule.resolve(match, probe) is not None:
                found.append((match.start(), match.end(), index))
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, int]] = []
    for start, end, index in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, index))
    return sorted(taken)


def find_dates(text: str, anchor: date, mode: Mode = "news") -> list[TemporalExpression]:
    """Temporal expressions of `text` in reading order, resolved against `anchor`.

    `mode="news"` reads partial dates around the publication date by the sentence's
    tense; `mode="narrative"` (history, biographies) reads them in the year the text is
    talking about, the last date it gave.
    """
    sentences = _sentence_spans(text)
    context = Context(text=text, anchor=anchor, mode=mode)
    found: list[TemporalExpression] = []
    for start, end, index in _candidates(text, anchor, mode):
        rule = RULES[index]
        match = rule.pattern.match(text, start, end)
        if match is None or match.end() != end:
            continue
        first, last = next(((a, b) for a, b in sentences if a <= start < b + 1), (0, len(text)))
        sentence = text[first:last]
        context.tense = tense_of(sentence[: start - first] + sentence[end - first :], start - first)
        resolved = rule.resolve(match, context)
        if resolved is None:
            continue
        _remember(context, resolved)
        found.append(_expression(match, resolved))
    return found


def _remember(context: Context, resolved: Resolved) -> None:
    """Dates move the reference point that "the next day" and "in September" read from."""
    dated = resolved.type in ("DATE", "TIME") and resolved.when is not None
    anchored = context.mode == "news" or resolved.explicit_year or context.reference is not None
    if dated and anchored:
        context.reference = resolved.when.start


def _expression(match: re.Match[str], resolved: Resolved) -> TemporalExpression:
    when = resolved.when
    if when is not None and when.text != match[0]:
        when = when.model_copy(update={"text": match[0]})
    return TemporalExpression(
        start=match.start(),
        end=match.end(),
        text=match[0],
        type=resolved.type,
        value=resolved.value,
        when=when,
    )
