"""Events their own sentence leaves undated take the date the article supports: a
definite nominal event names an event told elsewhere, a verb happens at the event it
hangs on, a past progressive at the story's reference time, a purpose at its clause's
time; and an inferred mention is not merged into another dated event. Each such date is
labelled `context`. Text written for these tests (docs/event_dating.md)."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.model import Event, GraphBatch
from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.pipeline import extract

PUBLISHED = date(2011, 3, 10)  # a Thursday


def _batch(text: str, published: date = PUBLISHED) -> GraphBatch:
    return extract(Article(id="anchoring", published=published, text=text), Settings().spacy_model)


def _told_by(batch: GraphBatch, text: str, word: str) -> Event:
    """The event one of whose sources has `word` as its trigger."""
    for event in batch.events:
        for source in event.sources:
            start, end = source.trigger_start, source.trigger_end
            if start is not None and end is not None and text[start:end] == word:
                return event
    raise AssertionError(f"no event triggered by {word!r}")


@pytest.mark.parametrize("word", ["wounded", "attack"])
def test_the_attack_is_the_dated_attack_and_what_happened_in_it_shares_its_day(
    word: str,
) -> None:
    text = (
        "Rebels attacked a police station in Carvale on March 3.\n\n"
        "Four officers were wounded in the attack, the governor said."
    )
    event = _told_by(_batch(text), text, word)
    assert event.when is not None
    assert (event.when.start, event.when.end) == (date(2011, 3, 3), date(2011, 3, 3))
    if word == "wounded":
        assert event.when.basis == "context"  # carried from the attack, not stated


def test_a_nominal_reference_is_a_mention_of_the_event_it_names() -> None:
    text = (
        "Rebels attacked a police station in Carvale on March 3.\n\n"
        "The governor of the province condemned the attack in a statement to reporters."
    )
    batch = _batch(text)
    attack = _told_by(batch, text, "attack")
    assert attack.id == _told_by(batch, text, "attacked").id
    assert attack.when is not None and attack.when.start == date(2011, 3, 3)


def test_an_indefinite_nominal_event_with_no_date_is_no_event() -> None:
    text = "The governor said a bombing was possible.\n\nRebels attacked Carvale on March 3."
    batch = _batch(text)
    with pytest.raises(AssertionError):
        _told_by(batch, text, "bombing")


def test_a_past_progressive_is_at_the_time_the_story_has_set() -> None:
    text = (
        "On March 3, the minister opened a new bridge in Carvale.\n\n"
        "Crowds were cheering when a fire broke out near the river."
    )
    batch = _batch(text)
    for word in ("cheering", "broke"):
        event = _told_by(batch, text, word)
        assert event.when is not None, word
        assert (event.when.start, event.when.basis) == (date(2011, 3, 3), "context"), word


def test_a_purpose_is_pursued_on_the_day_of_its_clause() -> None:
    text = "The two envoys met in Oslo on Tuesday to sign the accord."
    event = _told_by(_batch(text), text, "sign")
    assert event.when is not None
    assert event.when.start == date(2011, 3, 8)


def test_an_inferred_statement_is_not_a_statement_of_the_day_before() -> None:
    text = (
        "Mayor Anna Berger announced on Wednesday a new budget for Carvale.\n\n"
        "Berger told reporters the city would save money."
    )
    told = _told_by(_batch(text), text, "told")
    assert told.when is not None
    assert told.when.basis == "publication"
    assert (told.when.start, told.when.end) == (date(2011, 3, 9), PUBLISHED)


def test_an_untyped_event_is_not_merged_into_another_verb_of_its_actor() -> None:
    text = (
        "Mayor Anna Berger opened the new library on Monday.\n\n"
        "Berger was cut on her hand by broken glass, aides said."
    )
    cut = _told_by(_batch(text), text, "cut")
    assert cut.when is None or cut.when.start != date(2011, 3, 7)
