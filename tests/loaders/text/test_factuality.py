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
