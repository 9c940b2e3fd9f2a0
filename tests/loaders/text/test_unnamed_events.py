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
        # a past perfect: before the time the story is at
        ("Volunteers had been clearing the debris for days.", "clearing"),
        # a habit has no day
        ("I usually work in the shop on the corner of the square.", "work"),
    ],
)
def test_past_events_told_against_something_else_are_not_given_the_publication_day(
    text: str, word: str
) -> None:
    event = _at(_extract(text), text, word)
    # A past perfect may be placed before its reference time (the publication day
    # here, no other time being set): a date open at its start, never that day.
    assert event.when is None or (event.when.open_start and event.when.basis == "publication")
    if word != "clearing":
        assert event.when is None


def test_a_history_does_not_carry_a_date_to_the_next_sentence() -> None:
    """A by-hand check found dates carried from an earlier sentence of a history right
    for 2 events of 8: an event with no date of its own stays undated there."""
    text = (
        "In the summer of 1862 the rebels besieged the fortress at Arlen. "
        "The garrison surrendered after six weeks."
    )
    batch = _extract(text, published=date(2015, 1, 1), mode="narrative")
    assert _at(batch, text, "surrendered").when is None
    assert _at(batch, text, "besieged").when.basis == "text"


def test_news_does_not_carry_a_date_to_the_next_sentence() -> None:
    """Neither May (not stated for the praise) nor the publication day (the paragraph
    is a month back): undated."""
    text = "On 12 May the army crossed the river. Officials praised the soldiers."
    batch = _extract(text)
    assert _at(batch, text, "praised").when is None


def test_a_bare_participle_that_describes_is_not_an_event() -> None:
    text = "The president visited a carrier operating off the coast of the island."
    batch = _extract(text)
    start = text.index("operating")
    assert not any(s.trigger_start == start for e in batch.events for s in e.sources)


def test_a_date_before_a_common_noun_names_that_thing_not_the_verbs_date() -> None:
    """ "the Jan. 14 deadline" is the deadline's day, not the day he gave no reason."""
    text = "Mark Ellis gave no reason for the Jan. 14 deadline at the briefing."
    event = _at(_extract(text, published=date(2020, 1, 8)), text, "gave")
    assert event.when is None or event.when.basis == "publication"


def test_a_plan_for_a_month_looks_ahead_whatever_the_tense() -> None:
    text = "The official said that the launch was planned for early March."
    event = _at(_extract(text, published=date(2021, 2, 10)), text, "planned")
    assert event.when is not None and event.when.start == date(2021, 3, 1)


def test_a_subject_that_denies_the_event_negates_it() -> None:
    text = "No enforcement action was ever announced by the agency."
    event = _at(_extract(text), text, "announced")
    assert event.factuality == "negated"


def test_a_present_perfect_with_already_is_no_days_news() -> None:
    text = "The government has already contributed three million dollars to the fund."
    event = _at(_extract(text), text, "contributed")
    assert event.when is None


def test_a_paragraph_that_moved_back_in_time_gives_no_publication_day() -> None:
    """After a sentence dated weeks back, the next one's undated events are not the day's
    news; a new paragraph is."""
    text = (
        "The boy was found off the coast on Nov. 25. His mother died when the boat sank.\n\n"
        "Officials praised the rescuers in the harbour town."
    )
    batch = _extract(text, published=date(2000, 1, 20))
    assert _at(batch, text, "died").when is None
    praised = _at(batch, text, "praised")
    assert praised.when is not None and praised.when.basis == "publication"


def test_a_clause_of_the_same_moment_dates_its_main_verb() -> None:
    text = "At least nine were injured, officials said as dawn broke on Saturday."
    event = _at(_extract(text), text, "said")
    assert event.when is not None and event.when.start == date(2019, 6, 15)
    assert event.when.basis == "text"


@pytest.mark.parametrize(
    ("text", "word", "summary"),
    [
        # The one who undergoes a passive is its target, once, never also its agent.
        ("Sheriff's deputies said Kopp was arrested on Friday.", "arrested", "arrested Kopp"),
        ("Volkswagen was fined in Germany on Friday.", "fined", "fined Volkswagen in Germany"),
        # An active clause keeps its subject before the verb.
        ("Police arrested Kopp on Friday.", "arrested", "Police arrested Kopp"),
    ],
)
def test_a_summary_names_each_argument_once_in_its_role(text: str, word: str, summary: str) -> None:
    assert _at(_extract(text), text, word).summary == summary


@pytest.mark.parametrize(
    ("text", "word", "told"),
    [
        ("Officials won't reopen the bridge, the mayor said.", "reopen", "won't reopen"),
        ("The U.S. envoy's car was hit near the harbour.", "hit", "The U.S. envoy's car"),
    ],
)
def test_a_summary_spells_words_as_the_text_does(text: str, word: str, told: str) -> None:
    """Tokens split by the parser ("wo" "n't", "envoy" "'s") are joined as written."""
    assert told in _at(_extract(text), text, word).summary


def test_a_complement_summary_does_not_make_its_doer_its_object() -> None:
    """ "asked Dara Venn to step down": Venn steps down; the asking's object is the
    complement's doer, so the summary names Venn once, as the one stepping down."""
    text = "Officials asked Dara Venn to step down on Monday."
    summary = _at(_extract(text), text, "step").summary
    assert summary.count("Venn") == 1 and summary.startswith("Dara Venn step down"), summary
