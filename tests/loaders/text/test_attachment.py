"""Dates attach to the event whose clause they modify, and are read in that verb's tense
(issue 13, patterns 1 and 2). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from graphsvc.settings import Settings
from loaders.text.events import SentenceDates
from loaders.text.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


def _dates(nlp: Language, text: str, anchor: date) -> dict[str, tuple[date, date] | None]:
    sentence = next(nlp(text).sents)
    dates = SentenceDates.alone(sentence, anchor)
    found = {}
    for token in sentence:
        if token.pos_ == "VERB":
            when = dates.attached_to(token)
            found[token.text] = (when.start, when.end) if when else None
    return found


def test_a_reporting_verb_does_not_take_its_complements_date(nlp: Language) -> None:
    found = _dates(nlp, "Boeing said it plans to shut two plants by late July.", date(2010, 3, 3))
    assert found["said"] is None
    # "by late July" bounds the shutting (on or before 31 July: a date open at its
    # start, ordered by its last possible day), it does not date it to late July.
    assert found["shut"] == (date(2010, 7, 31), date(2010, 7, 31))


def test_a_date_inside_a_before_phrase_dates_that_event(nlp: Language) -> None:
    found = _dates(
        nlp, "Aides forwarded the letter before his arrest in October.", date(2012, 12, 1)
    )
    assert found["forwarded"] is None


def test_a_date_on_the_verb_dates_it(nlp: Language) -> None:
    found = _dates(nlp, "The council approved the budget on 4 March 2011.", date(2011, 3, 9))
    assert found["approved"] == (date(2011, 3, 4), date(2011, 3, 4))


def test_a_shared_clause_shares_the_date(nlp: Language) -> None:
    found = _dates(nlp, "The firm agreed in April to sell its shipping arm.", date(2013, 6, 1))
    assert found["agreed"] == found["sell"] == (date(2013, 4, 1), date(2013, 4, 30))


def test_a_weekday_is_read_in_the_tense_of_its_own_verb(nlp: Language) -> None:
    """Published on a Sunday: "announced on Friday" is two days before, whatever "will"
    says later in the sentence."""
    sunday = date(2014, 11, 16)
    found = _dates(nlp, "Acme announced on Friday that it will close a mill.", sunday)
    assert found["announced"] == (date(2014, 11, 14), date(2014, 11, 14))
    assert found["close"] is None


def test_a_weekday_of_a_future_verb_is_ahead(nlp: Language) -> None:
    wednesday = date(2014, 11, 12)
    found = _dates(nlp, "The museum will reopen on Friday, a spokesman said.", wednesday)
    assert found["reopen"] == (date(2014, 11, 14), date(2014, 11, 14))


def test_an_infinitive_under_a_present_verb_looks_ahead(nlp: Language) -> None:
    found = _dates(nlp, "The bank wants to list its shares in May.", date(2015, 8, 1))
    assert found["list"] == (date(2016, 5, 1), date(2016, 5, 31))


def test_identity_respects_precision() -> None:
    """Pattern 7: two reports merge only at the finer precision."""
    from graphsvc.model import When
    from loaders.text.events import identity_time

    def day(d: date) -> When:
        return When(start=d, end=d, precision="day")

    assert identity_time(day(date(2009, 3, 15))) != identity_time(day(date(2009, 3, 27)))
    month = When(start=date(2009, 3, 1), end=date(2009, 3, 31), precision="month")
    assert identity_time(month) == "2009-03"
    assert identity_time(None) == "undated"


def test_a_planned_infinitive_looks_ahead(nlp: Language) -> None:
    """ "planned to leave on Thursday", published on a Wednesday: the Thursday after."""
    wednesday = date(1998, 9, 30)
    found = _dates(nlp, "The team planned to leave the capital on Thursday.", wednesday)
    assert found["leave"] == (date(1998, 10, 1), date(1998, 10, 1))


def test_a_deadline_under_must_lies_ahead(nlp: Language) -> None:
    found = _dates(
        nlp, "The court ruled that the boy must be returned by Jan. 14.", date(2000, 1, 6)
    )
    assert found["returned"] == (date(2000, 1, 14), date(2000, 1, 14))


def test_a_date_in_an_apposition_is_not_its_verbs(nlp: Language) -> None:
    """An apposition describes its noun: "the chairman since 2011" says nothing of when
    the man spoke."""
    found = _dates(
        nlp,
        "Tomas Berg, the chairman of Alvik Shipping since 2011, said costs rose.",
        date(2019, 4, 2),
    )
    assert found["said"] is None
    found = _dates(nlp, "Tomas Berg said in 2011 that costs rose.", date(2019, 4, 2))
    assert found["said"] == (date(2011, 1, 1), date(2011, 12, 31))
