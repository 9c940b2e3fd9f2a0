"""Events the text places before a time without dating them get a date open at its
start (`When.open_start`): a past perfect is before its reference time (the dated clause
it hangs on, the story's time, else the publication day), and "before X", "by X",
"until X" bound an event without giving it X's days. Text written for these tests
(docs/event_dating.md)."""

from __future__ import annotations

from datetime import date
from functools import cache

from graphsvc.model import Event, GraphBatch, When
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

PUBLISHED = date(2011, 3, 10)  # a Thursday

TEXT = (
    "The ministry said on Tuesday that the contractor had abandoned the bridge project.\n\n"
    "Customs officers seized a cargo of rifles in Vellmar on March 2. The smugglers had "
    "hidden the rifles in crates of tinned fish.\n\n"
    "The rebels had taken the airport, the governor said.\n\n"
    "The company closed its plant in Ostrava before June 2009.\n\n"
    "Engineers repaired the dam by Monday.\n\n"
    "The envoy did not arrive until Friday.\n\n"
    "The rebels had seized the airport on March 1."
)


@cache
def _batch() -> GraphBatch:
    return extract(Article(id="open", published=PUBLISHED, text=TEXT), Settings().spacy_model)


def _when(word: str) -> When:
    """The date of the event one of whose sources has `word` as its trigger."""
    for event in _batch().events:
        if any(_trigger(event, s) == word for s in range(len(event.sources))):
            assert event.when is not None, f"{word!r} is undated"
            return event.when
    raise AssertionError(f"no event triggered by {word!r}")


def _trigger(event: Event, index: int) -> str | None:
    source = event.sources[index]
    if source.trigger_start is None or source.trigger_end is None:
        return None
    return TEXT[source.trigger_start : source.trigger_end]


def test_a_past_perfect_is_before_the_dated_clause_it_hangs_on() -> None:
    when = _when("abandoned")
    assert when.open_start and when.end == date(2011, 3, 7)  # said on Tuesday, 8 March
    assert when.basis == "context"


def test_a_past_perfect_is_before_the_time_the_story_has_set() -> None:
    when = _when("hidden")
    assert when.open_start and when.end == date(2011, 3, 1)  # seized on March 2
    assert when.basis == "context"


def test_with_no_time_set_a_past_perfect_in_news_is_before_publication() -> None:
    when = _when("taken")
    assert when.open_start and when.end == date(2011, 3, 9)
    assert when.basis == "publication"


def test_before_a_month_ends_the_interval_the_day_before_it() -> None:
    when = _when("closed")
    assert when.open_start and when.end == date(2009, 5, 31)
    assert when.precision == "month" and when.text == "June 2009"


def test_by_a_day_is_on_or_before_that_day() -> None:
    when = _when("repaired")
    assert when.open_start and when.end == date(2011, 3, 7)


def test_not_until_a_day_is_on_that_day() -> None:
    when = _when("arrive")
    assert not when.open_start and when.start == when.end


def test_a_past_perfect_with_its_own_date_keeps_it() -> None:
    when = _when("seized")
    # "seized a cargo ... on March 2" and "had seized the airport on March 1": both stated.
    assert not when.open_start and when.basis == "text"
