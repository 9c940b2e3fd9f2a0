"""The temporal expressions of a whole document, read once in order.

Reading the document as one text (not sentence by sentence) lets a story's own time
carry: in a history, "In March 2003 the coalition invaded ... On April 9 Baghdad fell"
reads April in 2003, the year the story is in, not in the publication's year. Each
expression is read in the tense of the verb it modifies, found in the parse of its
paragraph; sentences then take the expressions that lie inside them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date
from typing import Literal

from spacy.tokens import Doc

from graphsvc.temporal import TemporalExpression, find_dates
from graphsvc.temporal.rules import Tense
from loaders.text.attachment import tense_of_span
from loaders.text.date_ranges import join_ranges
from loaders.text.document_time import StoryMode, mode_of
from loaders.text.vocabulary import vocabulary_words


class TenseReader:
    """The tense of the verb an expression modifies, from the parse of the document's
    paragraphs (`find_dates`'s `tense_at`): "announced Friday" is a past Friday, "will
    open on April 7" an April ahead, whatever cue words sit elsewhere in the sentence."""

    def __init__(self, paragraphs: list[tuple[int, Doc]]) -> None:
        self._paragraphs = paragraphs
        self._starts = [start for start, _ in paragraphs]
        self._nouns = vocabulary_words("noun_triggers")
        # The parse is fixed, so a span's tense is read once: a history is read twice
        # (`read_dates`), and overlapping candidates ask about the same words again.
        self._read: dict[tuple[int, int], Tense] = {}

    def __call__(self, start: int, end: int) -> Tense:
        tense = self._read.get((start, end))
        if tense is None:
            tense = self._read[(start, end)] = self._tense(start, end)
        return tense

    def _tense(self, start: int, end: int) -> Tense:
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return "unknown"
        offset, doc = self._paragraphs[index]
        span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
        return tense_of_span(span, self._nouns)


def read_dates(
    text: str,
    published: date,
    mode: StoryMode | Literal["auto"],
    tense_at: TenseReader,
) -> tuple[StoryMode, list[TemporalExpression]]:
    """Every temporal expression of a document, and the mode it was read in: `auto`
    reads it as news first and decides from those dates (`document_time.mode_of`); a
    history is read again, as a narrative."""
    found = find_dates(text, published, "news" if mode == "auto" else mode, tense_at)
    decided: StoryMode = mode_of(found, published) if mode == "auto" else mode
    if mode == "auto" and decided == "narrative":
        found = find_dates(text, published, "narrative", tense_at)
    return decided, found


class DocumentDates:
    """`mode` "auto" reads the text as news first and decides from those dates (the
    years it writes out, its "today"s: `document_time.mode_of`); a history is read again,
    as a narrative. News, the usual case, is read once."""

    def __init__(
        self,
        text: str,
        published: date,
        mode: StoryMode | Literal["auto"],
        paragraphs: list[tuple[int, Doc]],
    ) -> None:
        self.mode, found = read_dates(text, published, mode, TenseReader(paragraphs))
        self.found = join_ranges(text, [e for e in found if e.when is not None])
        self._starts = [e.start for e in self.found]

    def in_span(self, start: int, end: int) -> list[TemporalExpression]:
        """The expressions inside document offsets start..end, with offsets made relative
        to `start` (a sentence's own offsets)."""
        first = bisect_left(self._starts, start)
        inside = []
        for expression in self.found[first:]:
            if expression.start >= end:
                break
            if expression.end <= end:
                inside.append(
                    replace(expression, start=expression.start - start, end=expression.end - start)
                )
        return inside
