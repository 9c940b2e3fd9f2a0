"""What both event-dating scorers need of the system: the loader's events with their
trigger spans, and the nearest-date baseline's sentences and dates.

Shared by `bench/event_dating.py` (TLINK gold) and `bench/dense_dating.py` (the dense
hand annotation), so the two score the same loader output the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bench.timeml import TimemlDocument
from graphsvc.errors import InvalidInput
from graphsvc.model import GraphBatch, When
from graphsvc.temporal import find_dates
from loaders.text.article import Article
from loaders.text.clean import bounded_spans
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract


@dataclass(frozen=True)
class SystemEvent:
    """What scoring needs of an extracted event: its date and its trigger spans."""

    when: When | None
    triggers: tuple[tuple[int, int], ...]
    basis: str | None = None


def system_events(batch: GraphBatch) -> list[SystemEvent]:
    """Extracted events with the trigger spans of their sources (those that have one).

    Read with getattr: `Source.trigger_start/trigger_end` and `When.basis` are optional
    and may be missing from the model in use.
    """
    result = []
    for event in batch.events:
        triggers = tuple(
            (start, end)
            for s in event.sources
            if (start := getattr(s, "trigger_start", None)) is not None
            and (end := getattr(s, "trigger_end", None)) is not None
        )
        basis = getattr(event.when, "basis", None) if event.when is not None else None
        result.append(SystemEvent(event.when, triggers, None if basis is None else str(basis)))
    return result


def run_loader(document: TimemlDocument, model: str) -> GraphBatch | None:
    """The text loader on the document's `<TEXT>`, published on its DCT day."""
    article = Article(id=document.name, published=document.dct, text=document.text)
    try:
        return extract(article, model)
    except InvalidInput:  # no article sentences: nothing extracted
        return None


def nearest_date(sentence: str, offset: tuple[int, int], dct: date) -> When | None:
    """The resolved date of `sentence` nearest to the span `offset` (sentence offsets)."""
    best: tuple[int, int, When] | None = None
    for found in find_dates(sentence, dct):
        if found.when is None:
            continue
        gap = max(found.start - offset[1], offset[0] - found.end, 0)
        if best is None or (gap, found.start) < best[:2]:
            best = (gap, found.start, found.when)
    return None if best is None else best[2]


def sentence_spans(document: TimemlDocument, model: str) -> list[tuple[int, int]]:
    """Absolute (start, end) of the spaCy sentences of every non-blank line of the text."""
    text = document.text
    spans = bounded_spans(text, list(_lines(text)))
    nlp = load_pipeline(model)
    disable = [p for p in ("ner", "lemmatizer", "attribute_ruler") if p in nlp.pipe_names]
    result = []
    for (start, _), doc in zip(
        spans, nlp.pipe((text[a:b] for a, b in spans), disable=disable), strict=True
    ):
        result += [(start + s.start_char, start + s.end_char) for s in doc.sents]
    return result


def sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence holding offset `start` (the span itself when none does)."""
    return next(((a, b) for a, b in spans if a <= start < b), (start, end))


def _lines(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, start + len(line)
        start += len(line) + 1
