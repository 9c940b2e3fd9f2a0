"""A text's sentences and tense cue words, each found in one fast pass.

`find_dates` reads the tense of a date without a parse from the cue nearest to it in
its sentence ("will", "next"; "was", "-ed"). Patterns that open with `\b` are tried by
the regex engine at every position of the text, which made these scans a large share
of reading a long text. Here each pattern opens with the characters a match can begin
with, so the engine skips in C to them; the matches are the same as the plain patterns'
(`PLAIN_*`, kept as the definition and for texts the fast reading cannot take), which
tests/graphsvc/temporal/test_cues.py checks on the development texts and generated ones.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from graphsvc.temporal.lexicon import alternation, lexicon
from graphsvc.temporal.rules import Tense
from graphsvc.temporal.scan import OTHER_STAND_IN, WORD_STAND_IN

#: A sentence ends at a stop, question or exclamation mark followed by space and a
#: capital, a quote or a bracket, and at every line break.
PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|\n+")
#: The same boundaries, each match opening with the mark or the line break (group 1:
#: the space after a mark, the boundary itself).
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])(\s+)(?=[A-Z\"'(])|(?<=\n)\n*)")

_FUTURE_WORDS = [str(word) for word in lexicon()["future_cues"]]
_PAST_WORDS = [str(word) for word in lexicon()["past_cues"]]
PLAIN_FUTURE = re.compile(rf"\b(?:{alternation(_FUTURE_WORDS)})\b", re.IGNORECASE)
PLAIN_PAST = re.compile(rf"\b(?:{alternation(_PAST_WORDS)})\b|\b[a-z]{{3,}}ed\b", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, the text between `PLAIN_SENTENCE_END` matches."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        boundary = match.span(1) if match.start(1) >= 0 else match.span()
        spans.append((start, boundary[0]))
        start = boundary[1]
    spans.append((start, len(text)))
    return spans


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class _WordFinder:
    """Where whole words of a list occur in a folded text (`scan.folded_bytes`), as
    `\\b(?:words)\\b` under IGNORECASE finds them in the text itself: a word opening
    with a word character follows a non-word one (taken as the match's first byte) or
    starts the text; one opening otherwise ("'ll") follows a word character."""

    def __init__(self, words: list[str]) -> None:
        openers = [word for word in words if _is_word(word[0])]
        others = [word for word in words if not _is_word(word[0])]
        self.at_start = re.compile(f"(?:{alternation(openers)})\\b".encode("ascii"))
        self.after_separator = re.compile(f"[^\\w](?:{alternation(openers)})\\b".encode("ascii"))
        groups: dict[str, list[str]] = {}
        for word in others:
            groups.setdefault(word[0], []).append(word[1:])
        branches = [
            f"{re.escape(first)}(?<=\\w{re.escape(first)})(?:{alternation(rests)})\\b"
            for first, rests in sorted(groups.items())
        ]
        self.others = re.compile("|".join(branches).encode("ascii")) if branches else None

    def spans(self, folded: bytes) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        resume = 0
        first = self.at_start.match(folded)
        if first is not None:
            found.append(first.span())
            resume = first.end()
        found += [(m.start() + 1, m.end()) for m in self.after_separator.finditer(folded, resume)]
        if self.others is not None:  # never inside a word of the list: none holds them
            found += [m.span() for m in self.others.finditer(folded)]
        return found


#: A word of five letters or more ending in "ed", found backwards: the reversed text's
#: "de" at a word's start is a literal the engine searches for fast.
_ED_REVERSED = re.compile(rb"de(?<!\wde)[a-z]{3,}\b")


def _fast_reading_holds() -> bool:
    """Whether the cue words can be read from folded bytes: ASCII, no stand-in."""
    every = "".join(_FUTURE_WORDS + _PAST_WORDS)
    return every.isascii() and not {WORD_STAND_IN, OTHER_STAND_IN} & set(every)


_FAST = _fast_reading_holds()
_FUTURE_FINDER = _WordFinder(_FUTURE_WORDS) if _FAST else None
_PAST_FINDER = _WordFinder(_PAST_WORDS) if _FAST else None


def _cue_spans(text: str, folded: bytes | None) -> list[tuple[int, int, Tense]]:
    """Every cue of the text: (start, end, tense), sorted."""
    if folded is None or _FUTURE_FINDER is None or _PAST_FINDER is None:
        future = [m.span() for m in PLAIN_FUTURE.finditer(text)]
        past = {m.span() for m in PLAIN_PAST.finditer(text)}
    else:
        length = len(folded)
        reversed_text = folded[::-1]
        ed_words = [
            (length - m.end(), length - m.start()) for m in _ED_REVERSED.finditer(reversed_text)
        ]
        future = _FUTURE_FINDER.spans(folded)
        # past cue words and "-ed" words are whole words: a span found by both is one match
        past = set(_PAST_FINDER.spans(folded)) | set(ed_words)
    cues: list[tuple[int, int, Tense]] = [(start, end, "future") for start, end in future]
    cues += [(start, end, "past") for start, end in past]
    return sorted(cues)


class TenseCues:
    """Every tense cue of a text (future: "will", "next"; past: "was", "-ed"), found once:
    an expression takes the tense of the cue nearest to it in its sentence, since a
    sentence may hold both and the nearer verb usually governs the date.

    Scanning the sentence again for each expression in it is quadratic in the
    sentence's length; here each expression costs a binary search.
    """

    def __init__(self, text: str, folded: bytes | None = None) -> None:
        self.text, self.folded = text, folded

    @cached_property
    def cues(self) -> list[tuple[int, int, Tense]]:
        """Found at the first question: when a parse tells every tense, never."""
        return _cue_spans(self.text, self.folded)

    @cached_property
    def starts(self) -> list[int]:
        return [cue[0] for cue in self.cues]

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
