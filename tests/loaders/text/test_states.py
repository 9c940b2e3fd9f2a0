"""States, reporting verbs and aspectual verbs found as annotators find them (TimeML's
STATE, I_STATE, REPORTING, ASPECTUAL classes), each with the narrowest interval the
evidence supports, or no event when nothing places it in time. Sentences written for
these tests (docs/temporal.md, "States and reporting verbs")."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import GraphBatch
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

PUBLISHED = date(2011, 3, 10)  # a Thursday
DAY_BEFORE = date(2011, 3, 9)


def _batch(text: str) -> GraphBatch:
    return extract(Article(id="states", published=PUBLISHED, text=text), Settings().spacy_model)


def _triggered(batch: GraphBatch, text: str, word: str) -> list[tuple[date, date, str] | None]:
    """The (start, end, basis) of every event one of whose sources is triggered by
    `word`; None for an undated one."""
    found: list[tuple[date, date, str] | None] = []
    for event in batch.events:
        for source in event.sources:
            start, end = source.trigger_start, source.trigger_end
            if start is not None and end is not None and text[start:end] == word:
                when = event.when
                found.append(None if when is None else (when.start, when.end, str(when.basis)))
    return found


TODAY = (PUBLISHED, PUBLISHED, "publication")
REPORTED = (DAY_BEFORE, PUBLISHED, "publication")

# (sentence, trigger word, expected interval); the state holds in the present of the
# report, a report with no day is the day before or of publication, a text date wins.
DATED = [
    ("Officials believe the rebels fled to the hills.", "believe", TODAY),
    ("Investigators think the fire was set on purpose.", "think", TODAY),
    ("The police want to question the driver of the van.", "want", TODAY),
    ("Kopp is wanted as a material witness, the FBI says.", "wanted", TODAY),
    ("The three countries are expected to join the alliance in April.", "expected", TODAY),
    ('"I do think he should resign," the senator said.', "think", TODAY),
    ("The villagers are hoping for rain, the mayor says.", "hoping", TODAY),
    ("The minister remained in the capital on Monday.", "remained", None),  # text: Monday
    ("Guards kept the prisoners in the yard, the warden said.", "kept", REPORTED),
    ("The council ended the curfew, the mayor said.", "ended", REPORTED),
    ("The Netherlands became the last country to ratify the treaty.", "became", REPORTED),
    ("The mayor said the bridge would reopen.", "said", REPORTED),
    ("Police said Tuesday's attack on the station killed four officers.", "attack", None),
]
MONDAY = (date(2011, 3, 7), date(2011, 3, 7), "text")
TUESDAY = (date(2011, 3, 8), date(2011, 3, 8), "text")


@pytest.mark.parametrize(("text", "word", "expected"), DATED)
def test_an_event_annotators_place_in_time_is_found_with_its_interval(
    text: str, word: str, expected: tuple[date, date, str] | None
) -> None:
    if expected is None:  # a date the text states, for the rows that name one
        expected = MONDAY if "Monday" in text else TUESDAY
    assert _triggered(_batch(text), text, word) == [expected]


# Negatives: no event, because no time supports one (a past, modal, habitual or negated
# state), or the event is planned, not a report of the day.
NOT_EVENTS = [
    ("The rebels wanted a ceasefire.", "wanted"),
    ("The minister usually believes his advisers.", "believes"),
    ("The minister does not know where the rebels are.", "know"),
    ("Voters might expect a recount.", "expect"),
    ("The general had wanted a quick victory.", "wanted"),
    ("The envoy has long believed in dialogue.", "believed"),
]


@pytest.mark.parametrize(("text", "word"), NOT_EVENTS)
def test_a_state_no_time_supports_is_no_event(text: str, word: str) -> None:
    assert _triggered(_batch(text), text, word) == []


def test_said_in_a_quote_of_a_future_plan_is_planned_not_a_report_of_the_day() -> None:
    text = '"We will say more about the plan next week," the minister said.'
    batch = _batch(text)
    planned = [e for e in batch.events if e.factuality == "planned"]
    assert [text[s.trigger_start : s.trigger_end] for e in planned for s in e.sources] == ["say"]
    assert planned[0].when is not None and planned[0].when.start > PUBLISHED
    assert _triggered(batch, text, "said") == [REPORTED]


def test_a_state_whose_clause_holds_a_date_leaves_the_date_to_the_complement() -> None:
    text = "The three countries are expected to join the alliance in April."
    batch = _batch(text)
    assert _triggered(batch, text, "join") == [(date(2011, 4, 1), date(2011, 4, 30), "text")]
    state = next(e for e in batch.events if "expected" in e.summary)
    assert state.summary.startswith("The three countries are expected to join")


def test_an_aspectual_verb_whose_argument_is_an_event_noun_leaves_it_to_the_noun() -> None:
    text = "The talks ended on Friday."
    batch = _batch(text)
    assert _triggered(batch, text, "ended") == []
    assert _triggered(batch, text, "talks") == [(date(2011, 3, 4), date(2011, 3, 4), "text")]
