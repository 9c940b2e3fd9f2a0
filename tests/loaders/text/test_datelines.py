"""Dateline towns and news source lines (`loaders.text.datelines`): read by the line's
shape, they become the right actors; a dateline's town is an actor of the document but
never a participant of what the story reports. Lines written for this test: (text, the
name as written, expected (name, kind) or refusal)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from graphsvc.settings import Settings
from loaders.text.article import Article
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import extract
from tests.loaders.text.test_actor_mentions import REFUSED, actor_named, actors_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


CASES = [
    # A town in capitals before a state or country, or before an agency.
    ("TARNOW, Poland (AP) _ Floods closed the bridge.", "TARNOW", ("TARNOW", "place")),
    ("WEST HAVERLY, Vt.", "WEST HAVERLY", ("WEST HAVERLY", "place")),
    ("PORT ELLIS (AP) -- The mill shut on Friday.", "PORT ELLIS", ("PORT ELLIS", "place")),
    ("KRALJEVO, Yugoslavia (AP)", "KRALJEVO", ("KRALJEVO", "place")),
    # A town written as names are, in the whole wire shape: region, date, agency, dash.
    (
        "(Text) Novi Brod, Croatia, March 3 (AFP) -- A ferry sank in the harbour.",
        "Novi Brod",
        ("Novi Brod", "place"),
    ),
    # A source line: the city, and the source in capitals or with a broadcaster's word.
    ("Warsaw GAZETA POLSKA in Polish", "GAZETA POLSKA", ("GAZETA POLSKA", "organization")),
    ("Warsaw GAZETA POLSKA in Polish", "Warsaw", ("Warsaw", "place")),
    (
        "AU1204101094 Vienna DER KURIER in German 12 Apr 94 p 3",
        "DER KURIER",
        ("DER KURIER", "organization"),
    ),
    (
        "Lisbon Radio Renascenca Network",
        "Radio Renascenca Network",
        ("Radio Renascenca Network", "organization"),
    ),
    # Negatives: the shape, not the words, decides.
    ("Paris Saint-Germain", "Paris", REFUSED),  # a club's name, not a source line
    ("EXCLUSIVE (Reuters) -- Vantrel will cut jobs.", "EXCLUSIVE", REFUSED),
    ("Texas, Mexico and Arizona were hit by storms.", "Texas", ("Texas", "place")),
    ("IBM, Texas Instruments and Intel gained.", "IBM", ("IBM", "organization")),
    ("Lithuanian officials met on Monday.", "Lithuanian", REFUSED),
]


@pytest.mark.parametrize(("text", "written", "expected"), CASES)
def test_opening_lines(nlp: Language, text: str, written: str, expected) -> None:
    actors = actors_of(nlp, text)
    found = actor_named(actors, written)
    if expected is REFUSED:
        assert found is None, f"{written!r} must be no actor: {found}"
        return
    assert found is not None, f"{written!r} not among {[a.name for a in actors]}"
    assert (found.name, found.kind.value) == expected, found.kind_evidence


def test_a_dateline_town_is_an_actor_but_no_participant() -> None:
    text = "TARNOW, Poland (AP) _ Gunmen attacked a police station on Friday, officials said."
    batch = extract(
        Article(id="dateline", published=date(2024, 5, 12), text=text), Settings().spacy_model
    )
    town = next((a for a in batch.actors if a.name == "TARNOW"), None)
    assert town is not None and town.kind_evidence == "context: a dateline"
    attacks = [
        e for e in batch.events if any(s.trigger_start == text.index("attacked") for s in e.sources)
    ]
    assert attacks, [e.summary for e in batch.events]
    assert all(p.actor != town.id for e in attacks for p in e.participants)
