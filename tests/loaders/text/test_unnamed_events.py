"""Events nobody is named in, event nouns, and the dates such events take (issue 13: most
dated events a reader expects were dropped for want of a named participant). Sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import Event, GraphBatch
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

SUNDAY = date(2019, 6, 16)


def _extract(text: str, published: date = SUNDAY, mode: str = "news") -> GraphBatch:
    article = Article(id="unnamed", published=published, text=text, mode=mode)
    return extract(article, Settings().spacy_model)


def _at(batch: GraphBatch, text: str, word: str) -> Event:
    """The event whose trigger is `word` (its first occurrence in `text`)."""
    start = text.index(word)
    for event in batch.events:
        if any(s.trigger_start == start for s in event.sources):
            return event
    raise AssertionError(f"no event at {word!r}: {[e.summary for e in batch.events]}")


def test_an_event_with_no_named_actor_is_kept_and_summarised_by_its_clause() -> None:
    text = "Police arrested two men near the harbour."
    event = _at(_extract(text), text, "arrested")
    assert event.participants == ()
    assert "arrested two men" in event.summary and "Police" in event.summary
    # Told in the past tense by news: on or just before the publication day, inferred.
    assert event.when is not None and event.when.basis == "publication"
    assert (event.when.start, event.when.end) == (date(2019, 6, 15), SUNDAY)


def test_events_with_no_named_actor_never_merge() -> None:
    """Two explosions with no one named are two events, even on the same day."""
    text = "A bomb exploded on Friday. Another bomb exploded on Friday."
    batch = _extract(text)
    first = _at(batch, text, "exploded")
    second_start = text.index("exploded", text.index("Another"))
    second = next(e for e in batch.events if e.sources[0].trigger_start == second_start)
    assert first.id != second.id
    assert first.when == second.when and first.when.basis == "text"


def test_a_present_tense_statement_holds_on_the_publication_day() -> None:
    text = "Investigators say the fire started in the kitchen."
    event = _at(_extract(text), text, "say")
    assert event.when is not None and event.when.basis == "publication"
    assert event.when.start == event.when.end == SUNDAY


def test_an_event_noun_with_a_date_is_an_event() -> None:
    text = "Rescuers are still searching after the March 3 earthquake."
    event = _at(_extract(text), text, "earthquake")
    assert event.when is not None and event.when.basis == "text"
    assert event.when.start == date(2019, 3, 3)


def test_an_event_noun_with_neither_actor_nor_date_is_a_reference_not_an_event() -> None:
    text = "The bombing shocked the residents of the quiet northern town."
    batch = _extract(text)
    start = text.index("bombing")
    assert not any(s.trigger_start == start for e in batch.events for s in e.sources)


def test_a_noun_event_takes_the_date_of_the_verb_that_says_it_happened() -> None:
    text = "The ceremony was held on Thursday in the old town hall."
    event = _at(_extract(text), text, "ceremony")
    assert event.when is not None and event.when.start == date(2019, 6, 13)


def test_a_participle_clause_shares_its_main_clauses_date() -> None:
    text = "The storm hit the coast on Tuesday, flooding hundreds of homes."
    batch = _extract(text)
    flooding = _at(batch, text, "flooding")
    assert flooding.when is not None and flooding.when.start == date(2019, 6, 11)
    assert flooding.when.basis == "text"


def test_a_relative_clause_on_a_dated_event_noun_shares_its_date() -> None:
    text = "He was charged over the 2014 bombing that killed nine people."
    event = _at(_extract(text), text, "killed")
    assert event.when is not None and event.when.start.year == 2014


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # background about someone or something, not the day's news
        ("Lena Vogt, who founded the charity, spoke at the rally.", "founded"),
        # placed before another event, not on the publication day
        ("Aides destroyed the files before the inquiry.", "destroyed"),
        # a perfect infinitive: some time before the report
        ("The courier is believed to have fled abroad.", "fled"),
    ],
)
def test_past_events_told_against_something_else_are_not_given_the_publication_day(
    text: str, word: str
) -> None:
    event = _at(_extract(text), text, word)
    assert event.when is None


def test_a_history_carries_its_time_to_the_next_sentence_as_context() -> None:
    text = (
        "In the summer of 1862 the rebels besieged the fortress at Arlen. "
        "The garrison surrendered after six weeks."
    )
    batch = _extract(text, published=date(2015, 1, 1), mode="narrative")
    event = _at(batch, text, "surrendered")
    assert event.when is not None and event.when.basis == "context"
    assert event.when.approximate and event.when.start.year == 1862
    stated = _at(batch, text, "besieged")
    assert stated.when is not None and stated.when.basis == "text"
    assert event.confidence < stated.confidence


def test_a_carried_day_is_widened_to_its_month() -> None:
    text = "On 12 May 1940 the army crossed the river. The defenders withdrew."
    batch = _extract(text, published=date(2015, 1, 1), mode="narrative")
    event = _at(batch, text, "withdrew")
    assert event.when is not None and event.when.basis == "context"
    assert (event.when.start, event.when.end, event.when.precision) == (
        date(1940, 5, 1),
        date(1940, 5, 31),
        "month",
    )


def test_news_does_not_carry_a_date_to_the_next_sentence() -> None:
    text = "On 12 May the army crossed the river. Officials praised the soldiers."
    batch = _extract(text)
    event = _at(batch, text, "praised")
    assert event.when is not None and event.when.basis == "publication"
