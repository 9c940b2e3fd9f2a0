"""Negated, planned, possible and reported events are told apart from asserted ones
(issue 13, pattern 5). Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from graphsvc.settings import Settings
from loaders.text.factuality import factuality_of
from loaders.text.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("The parliament failed to approve the budget.", "approve", "negated"),
        ("The union refused to sign the contract.", "sign", "negated"),
        ("The company did not sign the merger.", "sign", "negated"),
        ("The carrier was to take delivery of ten jets in June.", "take", "planned"),
        ("The council will vote on the plan next week.", "vote", "planned"),
        ("The mayor plans to close three libraries.", "close", "planned"),
        ("The minister could resign over the scandal.", "resign", "possible"),
        ("If the talks collapse, the workers will strike.", "strike", "possible"),
        ("Witnesses said the soldiers burned the village.", "burned", "reported"),
        ("The soldiers burned the village.", "burned", "asserted"),
        ("Witnesses said the soldiers burned the village.", "said", "asserted"),
        ("The guerrillas were captured near the border.", "captured", "asserted"),
    ],
)
def test_factuality(nlp: Language, sentence: str, trigger: str, expected: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == trigger)
    assert factuality_of(token) == expected


def test_a_reported_event_is_extracted_with_its_reporter() -> None:
    """Pattern 6: "X reported that Y happened" gives Y's event too, reported by X, so the
    news itself is on the timeline, not only "X reported"."""
    from datetime import date

    from loaders.text.article import Article
    from loaders.text.pipeline import extract

    text = "The Tribune reported that Lena Ortiz defeated Marco Vale in Lisbon on Sunday."
    batch = extract(Article(id="r", published=date(2011, 5, 4), text=text), Settings().spacy_model)
    reported = [e for e in batch.events if e.factuality == "reported"]
    assert len(reported) == 1
    (event,) = reported
    assert event.reported_by is not None and "tribune" in event.reported_by
    assert event.when is not None and event.when.start == date(2011, 5, 1)
    assert event.when.basis == "text"
