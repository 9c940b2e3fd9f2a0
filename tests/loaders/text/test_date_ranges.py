"""An event dated by a range spans it, not one end of it (issue 13's hand check: ranges
cut to one end were half the wrong dates in histories). Sentences written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract


def _dated(text: str, word: str) -> tuple[str, str, str]:
    batch = extract(
        Article(id="ranges", published=date(2009, 12, 19), text=text, mode="narrative"),
        Settings().spacy_model,
    )
    start = text.index(word)
    event = next(e for e in batch.events if any(s.trigger_start == start for s in e.sources))
    assert event.when is not None, event
    return event.when.start.isoformat(), event.when.end.isoformat(), event.when.precision


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        (
            "The agency overcame resistance in 1985-1986 and armed the rebels in the hills.",
            "overcame",
            ("1985-01-01", "1986-12-31", "year"),
        ),
        (
            "Between 1980 and 1985, the agency sent weapons to the rebels in Pakistan.",
            "sent",
            ("1980-01-01", "1985-12-31", "year"),
        ),
        (
            "From February to April 2004 the militias attacked convoys near Falluja.",
            "attacked",
            ("2004-02-01", "2004-04-30", "month"),
        ),
        (
            "In 2006-07 the surge of troops reduced violence in Baghdad.",
            "reduced",
            ("2006-01-01", "2007-12-31", "year"),
        ),
    ],
)
def test_an_event_dated_by_a_range_spans_it(text: str, word: str, expected: tuple) -> None:
    assert _dated(text, word) == expected


def test_two_years_joined_by_and_are_not_a_range() -> None:
    """ "in 1980 and 1985" names two years, not the years between."""
    text = "The treaty was signed in 1980 and 1985 by the two governments in Geneva."
    start, end, _ = _dated(text, "signed")
    assert (start, end) != ("1980-01-01", "1985-12-31")


def test_what_a_dated_event_did_happened_in_it() -> None:
    """ "The Aug. 7 bombings killed 224 people": the killing is the bombing's, on Aug. 7,
    stated by the text, not the publication day."""
    text = "The Aug. 7, 1998, bombings killed 224 people at the embassies in Nairobi."
    batch = extract(
        Article(id="nouns", published=date(1999, 6, 7), text=text), Settings().spacy_model
    )
    start = text.index("killed")
    event = next(e for e in batch.events if any(s.trigger_start == start for s in e.sources))
    assert event.when is not None and event.when.basis == "text"
    assert event.when.start == event.when.end == date(1998, 8, 7)
