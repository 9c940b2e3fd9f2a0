"""Kinds from what the sentence says a name does or has, and names the tagger missed
that such a sentence shows. Sentences written for this test: (text, the name as
written, expected (name, kind) or refusal); negatives beside each rule."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from graphsvc.settings import Settings
from loaders.text.actors import split_entity
from loaders.text.nlp import load_pipeline
from tests.loaders.text.test_actor_mentions import REFUSED, actor_named, actors_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


CASES = [
    # Who kills someone named is a person, even through "and" from the subject.
    ("Kestner fatally shot Dalby outside the bar in 1971.", "Kestner", ("Kestner", "person")),
    (
        "Kestner crept into the hall and stabbed Dalby in the back.",
        "Kestner",
        ("Kestner", "person"),
    ),
    # A group killing people it does not name stays what the text says it is.
    (
        "The Shining Sun group killed two soldiers near the border.",
        "Shining Sun",
        ("Shining Sun", "organization"),
    ),
    # Who works for or teaches at an organisation is a person ...
    (
        "Okonjo taught at Columbia University for a decade.",
        "Okonjo",
        ("Okonjo", "person"),
    ),
    ("Okonjo worked for Siemens before the war.", "Okonjo", ("Okonjo", "person")),
    # ... but organisations work "with" each other.
    (
        "Norvik works with Siemens on the new turbine.",
        "Norvik",
        ("Norvik", "organization"),
    ),
    # "X said he ...": a person; a company says "it"; a person named before the
    # pronoun may be the one it means.
    ("Walesa said he would run again.", "Walesa", ("Walesa", "person")),
    ("Bochkarev said he would not sign.", "Bochkarev", ("Bochkarev", "person")),
    ("Maersk said it would cut 300 jobs next year.", "Maersk", ("Maersk", "organization")),
    (
        "After Anna Berg left the board, Maersk said he had broken its rules.",
        "Maersk",
        ("Maersk", "organization"),
    ),
    # A capitalised common noun with an age or occupation set off after it is a name.
    ("Summer, 41, a retired nurse, testified on Tuesday.", "Summer", ("Summer", "person")),
    ("Sales, 20 percent higher than last year, pleased investors.", "Sales", REFUSED),
    # A name in apposition to a title is the titled person.
    (
        "In 1533 the last Incan King of Peru, Atahualpa, was murdered.",
        "Atahualpa",
        ("Atahualpa", "person"),
    ),
    # A firm with its legal form, then "of": where the firm is.
    (
        "Harlan Freight Co. of Tullahoma sued the city.",
        "Tullahoma",
        ("Tullahoma", "place"),
    ),
    (
        "Waste Disposal Co. of Randolph is preparing a new service.",
        "Waste Disposal Co.",
        ("Waste Disposal", "organization"),
    ),
    # "of" after a person does not make a place ("Jo Smith of Microsoft").
    (
        "Jo Smith of Microsoft said the deal was done.",
        "Microsoft",
        ("Microsoft", "organization"),
    ),
    # A distance is measured from a place.
    (
        "The boy drowned about 3 miles southwest of Greybull on Sunday.",
        "Greybull",
        ("Greybull", "place"),
    ),
    # A name set off before "near" is a place.
    (
        "The beef was packed by Cox Packing Co. in Devine, near San Antonio.",
        "Devine",
        ("Devine", "place"),
    ),
    # What only a place has: its streets, its mayor.
    ("The Hengersberg mayor was hurt in the crash.", "Hengersberg", ("Hengersberg", "place")),
    # A state heading a round-up item is the place; a speaker's label is not.
    ("Montana: A fire burning in the forest grew overnight.", "Montana", ("Montana", "place")),
    ("Wyoming: Crews battled a grass fire on Sunday.", "Wyoming", ("Wyoming", "place")),
    ("Mary: I think we should go home now.", "Mary", ("Mary", "person")),
    # "X, also known as Y": Y is of X's kind, whatever the tagger read in it.
    (
        "Omar Hassan Diriye, also known as Guudle, was arrested this evening.",
        "Guudle",
        ("Guudle", "person"),
    ),
    (
        "Lehi, also known as the Stern Gang, killed the minister.",
        "Stern Gang",
        ("Stern Gang", "organization"),
    ),
    # A surname the tagger labels a product or a nationality is still read from
    # what the sentence says of it.
    ("Police said Brandt shot Mendes twice in the chest.", "Mendes", ("Mendes", "person")),
    ("Police said Brandt shot Mendes twice in the chest.", "Brandt", ("Brandt", "person")),
    ("The Iraqi said he would come.", "Iraqi", REFUSED),
    # "in" and a point of the compass after a name: the name is a place in a region ...
    (
        "Soldiers rescued 300 people in Bugarama in the southwestern part of Burundi.",
        "Bugarama",
        ("Bugarama", "place"),
    ),
    (
        "She runs the camp at Exford in central Vermont.",
        "Exford",
        ("Exford", "place"),
    ),
    ("She runs the camp at Exford in central Vermont.", "Vermont", ("Vermont", "place")),
    # ... but a person named before it is only there.
    (
        "Governor Jane Whitlock in northern Iowa said the roads were closed.",
        "Jane Whitlock",
        ("Jane Whitlock", "person"),
    ),
    # What is done only to people (arrested, jailed) makes a person; a firm is fined.
    ("Police arrested Kravchuk on Monday.", "Kravchuk", ("Kravchuk", "person")),
    ("Exxon was fined 5 million dollars.", "Exxon", ("Exxon", "organization")),
    # A descriptor in brackets glosses the name.
    (
        "In southwest Louisiana's Acadia Parish (county), many residents had evacuated.",
        "Acadia Parish",
        ("Acadia Parish", "place"),
    ),
    ("The group met in Vamos (village) on Sunday.", "Vamos", ("Vamos", "place")),
    # A title opening a name only places end with is part of the place's name.
    (
        "The victim was treated, said Queen Anne County police spokesman Dale Fry.",
        "Queen Anne County",
        ("Queen Anne County", "place"),
    ),
    # "in A or B in <known place>": the tagger's person is a town ...
    (
        "Why did the plane not land in Gyandzhar or Tarkhov in Azerbaijan?",
        "Tarkhov",
        ("Tarkhov", "place"),
    ),
    # ... a firm is not ("a stake in Vodafone in London": where it trades).
    (
        "Shares in Vodafone in London rose 3 percent.",
        "Vodafone",
        ("Vodafone", "organization"),
    ),
    # A last word that may be a surname names a place where the name is used as one.
    ("He bought the rifle at a store in Harmon Falls.", "Harmon Falls", ("Harmon Falls", "place")),
    ("Ricki Lake said she would return.", "Ricki Lake", ("Ricki Lake", "person")),
    # A name on a landform noun is a place, "the" before it or not.
    (
        "Fires spread through the Monarch Ridge foothills on Sunday.",
        "Monarch Ridge",
        ("Monarch Ridge", "place"),
    ),
]


@pytest.mark.parametrize(("text", "written", "expected"), CASES)
def test_doer_and_owner_kinds(nlp: Language, text: str, written: str, expected) -> None:
    actor = actor_named(actors_of(nlp, text), written)
    if expected is REFUSED:
        assert actor is None, f"{written!r} should not be an actor: {actor}"
        return
    assert actor is not None, f"{written!r} not found in {actors_of(nlp, text)}"
    assert (actor.name, actor.kind.value) == expected


@pytest.mark.parametrize(
    ("text", "run_on", "parts"),
    [
        # A lower-case verb is where a name the tagger ran on ends.
        (
            "A lawyer at Harlow, Pryce said Norvik could give notice.",
            "Harlow, Pryce said Norvik",
            [("Harlow, Pryce", "ORG"), ("Norvik", "ORG")],
        ),
        # "in", a point of the compass and a known place: a town, then its region.
        (
            "She runs the camp at Exford in central Vermont.",
            "Exford in central Vermont",
            [("Exford", "ORG"), ("Vermont", "GPE")],
        ),
        # "in" before no known place stays inside the name.
        (
            "He chairs Women in Film and Television.",
            "Women in Film and Television",
            [("Women in Film and Television", "ORG")],
        ),
    ],
)
def test_an_entity_run_over_two_names_is_cut(
    nlp: Language, text: str, run_on: str, parts: list[tuple[str, str]]
) -> None:
    doc = nlp(text)
    start = text.index(run_on)
    span = doc.char_span(start, start + len(run_on), label="ORG")
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label="ORG")]
    assert [(p.text, p.label_) for p in split_entity(doc.ents[0])] == parts


def test_a_landform_noun_stays_with_the_place_as_written(nlp: Language) -> None:
    """ "the Gobi desert": the actor is "Gobi", and the text's "Gobi desert" is one of
    its names; a province noun is not kept ("Lazio province" is Lazio)."""
    desert = actor_named(actors_of(nlp, "Caravans crossed the Gobi desert in March."), "Gobi")
    assert desert is not None and desert.kind.value == "place"
    assert "Gobi desert" in desert.aliases
    text = "Hikers crossed the Lazio province in a week."
    lazio = actor_named(actors_of(nlp, text), "Lazio")
    assert lazio is not None and lazio.kind.value == "place"
    assert not any("province" in a for a in lazio.aliases)
