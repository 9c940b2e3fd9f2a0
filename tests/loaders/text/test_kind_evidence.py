"""Relation ends of the right kind: the evidence that decides a mention's kind, and
what must not overrule it. Sentences written for this test: (text, the name as
written, expected (name, kind) or refusal)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from graphsvc.settings import Settings
from loaders.text.actors import split_entity
from loaders.text.nlp import load_pipeline
from tests.loaders.text.test_actor_mentions import REFUSED, actor_named, actors_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


CASES = [
    # A one-word city the tagger did not read as a person is the city: the gazetteer
    # outranks a tagger's organisation.
    ("Leroy Pask of Oxford was charged on Monday.", "Oxford", ("Oxford", "place")),
    (
        "Tempe dentist Carla Voigt opened a second clinic.",
        "Tempe",
        ("Tempe", "place"),
    ),
    ("Rochester's Ilse Damrow won the prize.", "Rochester", ("Rochester", "place")),
    # A city written before the words that describe the person after it is where the
    # person works, even where the tagger read the city as a person.
    (
        "Yesterday Rochester piano teacher Ilse Damrow won the prize.",
        "Rochester",
        ("Rochester", "place"),
    ),
    # Facilities whose last word names only places are places (prisons, wildernesses).
    (
        "The inmate was moved to Brushy Creek Penitentiary in Tennessee.",
        "Brushy Creek Penitentiary",
        ("Brushy Creek Penitentiary", "place"),
    ),
    (
        "Hikers were lost in the Pasco Ridge Wilderness near the border.",
        "Pasco Ridge Wilderness",
        ("Pasco Ridge Wilderness", "place"),
    ),
    # A place's name that a word of places opens.
    (
        "Judge Alvarez refused to give Port Quillan officials the right to evict them.",
        "Port Quillan",
        ("Port Quillan", "place"),
    ),
    # An occupation only people have, right before the name.
    (
        "Police found the papers at the home of U.S. citizen Maren Tolliver.",
        "Maren Tolliver",
        ("Maren Tolliver", "person"),
    ),
    # Given a post only a person holds: a person, whatever the tagger read.
    (
        "Last month, Harrowgate was named honorary president of the Socialist Forum.",
        "Harrowgate",
        ("Harrowgate", "person"),
    ),
    (
        "The junta made Okwudili Ekpe interim president of Nigeria.",
        "Okwudili Ekpe",
        ("Okwudili Ekpe", "person"),
    ),
    # A name listed with people only, that the gazetteer does not know: a person.
    (
        "The plotters included Brutus and Servilius.",
        "Servilius",
        ("Servilius", "person"),
    ),
    # A name written on a noun only places are ("the Varenna beachhead").
    (
        "Troops held the Varenna beachhead for a week.",
        "Varenna",
        ("Varenna", "place"),
    ),
    # A one-word city that is also a surname, killed: a person.
    (
        "The only suspect in Kennedy's assassination was arrested in a theater.",
        "Kennedy",
        ("Kennedy", "person"),
    ),
]

NOT_PERSON, NOT_PLACE = "person", "place"

NEGATIVES = [
    # A person's name with an organisation's cue stays a person: the automaker before
    # a tagged person's name is what the man made, not what he is.
    (
        "The automaker Henry Ford was born in Michigan.",
        "Henry Ford",
        ("Henry Ford", "person"),
    ),
    # A one-word city the tagger did not read as a place, with nothing that uses it as
    # one, may be a surname: not made a place.
    ("Lincoln wrote to his wife about the war.", "Lincoln", NOT_PLACE),
    # A name the parser hangs on a post that is not given by a naming verb is not made
    # a person ("the Apex board" is the firm's board).
    (
        "Shareholders voted to make the Apex board smaller.",
        "Apex",
        NOT_PERSON,
    ),
    # A firm's post before a person: the city the tagger read as a firm is the firm
    # (a railroad, a utility named like a city).
    (
        "Burlington spokesman Otto Welles said the company used booms.",
        "Burlington",
        ("Burlington", "organization"),
    ),
    # "Home Depot" is a firm, not a facility.
    ("Shares of Home Depot rose on Friday.", "Home Depot", ("Home Depot", "organization")),
    # An occupation's word before a place's name does not make it a person.
    (
        "Said veteran Palm Beach organiser Lena Moritz, the vote is close.",
        "Palm Beach",
        NOT_PERSON,
    ),
    # A town written with its state is no person, whatever it is listed with.
    (
        "Depots closed in Kessling, R.I.; and Dorrance Hollow, Texas.",
        "Kessling",
        NOT_PERSON,
    ),
    # An occupation's word that describes another noun does not describe the name.
    (
        "Ines Marlow, a veteran Deutsche Telekom engineer, resigned.",
        "Deutsche Telekom",
        NOT_PERSON,
    ),
    # A country stays a place whatever the sentence does to it.
    ("Rebels shot at Chad from the border.", "Chad", ("Chad", "place")),
    # A firm's name with a possessive the gazetteer does not know stays one name.
    (
        "Shares of McDonald's Corp. rose on Friday.",
        "McDonald's Corp.",
        ("McDonald's", "organization"),
    ),
    # A ship is no actor.
    ("The USS Abraham Lincoln left port.", "Abraham Lincoln", REFUSED),
]


@pytest.mark.parametrize(("text", "written", "expected"), CASES)
def test_kind_from_evidence(nlp: Language, text: str, written: str, expected) -> None:
    actor = actor_named(actors_of(nlp, text), written)
    assert actor is not None, f"{written!r} not found"
    assert (actor.name, actor.kind.value) == expected, actor.kind_evidence


@pytest.mark.parametrize(("text", "written", "expected"), NEGATIVES)
def test_weak_cues_do_not_overrule(nlp: Language, text: str, written: str, expected) -> None:
    actors = actors_of(nlp, text)
    actor = actor_named(actors, written)
    if expected is REFUSED:
        assert actor is None, f"{written!r} should not be an actor: {actor}"
        return
    if expected in (NOT_PERSON, NOT_PLACE):  # found or not, but never of that kind
        assert actor is None or actor.kind.value != expected, actor
        return
    assert actor is not None, f"{written!r} not found in {actors}"
    assert (actor.name, actor.kind.value) == expected, actor.kind_evidence


@pytest.mark.parametrize(
    ("text", "entity", "parts"),
    [
        # A place the gazetteer knows, glued by its possessive to the organisation it
        # owns: the place is its own mention.
        (
            "Loans came from Leipzig's Stadtsparkasse bank.",
            "Leipzig's Stadtsparkasse",
            [("Leipzig", "GPE"), ("Stadtsparkasse", "ORG")],
        ),
        # A possessive in a firm's own name stays in it.
        ("Shares of McDonald's Corp. rose.", "McDonald's Corp.", [("McDonald's Corp.", "ORG")]),
    ],
)
def test_a_place_possessive_is_split_off_an_organisation(
    nlp: Language, text: str, entity: str, parts: list[tuple[str, str]]
) -> None:
    doc = nlp(text)
    start = text.index(entity)
    span = doc.char_span(start, start + len(entity), label="ORG")
    assert span is not None
    assert [(p.text, p.label_) for p in split_entity(span)] == parts
