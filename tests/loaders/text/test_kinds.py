"""Kinds from evidence that generalises, and names that are not actors. Sentences
written for this test: (text, the name as written, expected (name, kind) or refusal)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from graphsvc.settings import Settings
from loaders.text.gazetteer import demonym
from loaders.text.nlp import load_pipeline
from loaders.text.non_actors import not_an_actor
from tests.loaders.text.test_actor_mentions import REFUSED, actor_named, actors_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(Settings().spacy_model)


CASES = [
    # A person descriptor does not reach through "of" to the name after it.
    (
        "Grover Cleveland, the 22nd president of the United States, was born in Caldwell.",
        "United States",
        ("United States", "place"),
    ),
    (
        "Marta Ilves, the new chairwoman of Estonia, spoke on Monday.",
        "Estonia",
        ("Estonia", "place"),
    ),
    # A place descriptor still does ("the city of Homs").
    ("Shelling hit the city of Homs on Friday.", "Homs", ("Homs", "place")),
    # A title or honorific right before a name makes a person.
    ("Ranjit Mehta met Mr. Okafor in the capital.", "Okafor", ("Okafor", "person")),
    # A descriptor of a company does not overrule a tagged person's name.
    (
        "The American automaker Henry Ford was born in Michigan.",
        "Henry Ford",
        ("Henry Ford", "person"),
    ),
    # A one-word city used as a place is a place.
    ("Smoke from the fires hung over Boise on Tuesday.", "Boise", ("Boise", "place")),
    # Who is killed is a person, and so is a name after a killer's noun.
    ("The gunman who shot Lincoln fled to Maryland.", "Lincoln", ("Lincoln", "person")),
    (
        "Reporters asked Maria Santos assassin Ivo Marek about the trial.",
        "Ivo Marek",
        ("Ivo Marek", "person"),
    ),
    # An occupation only people hold, in apposition.
    (
        "Warner, a former ambassador to Chile, was convicted.",
        "Warner",
        ("Warner", "person"),
    ),
    # Where a person is from: after an age and "of", before "native", a home.
    ("Ellen Voss, 41, of Dunmore, was hurt in the crash.", "Dunmore", ("Dunmore", "place")),
    ("Mr. Teague, a Bismarck native, sent a letter.", "Bismarck", ("Bismarck", "place")),
    ("Voters in her native Galicia stayed home.", "Galicia", ("Galicia", "place")),
    # A town before a comma and a state; a state abbreviation is no person with an age.
    ("BLYTHE, Calif. (AP) _ Rain fell.", "BLYTHE", ("BLYTHE", "place")),
    ("He left Chattanooga, Tenn., 35 years ago.", "Tenn.", ("Tenn.", "place")),
    # ... but a country with a possessive after the comma describes the person.
    (
        "Lena Ruiz, Spain's foreign minister, spoke on Monday.",
        "Lena Ruiz",
        ("Lena Ruiz", "person"),
    ),
    # A lower-case descriptor the name is written on says what it is.
    ("Her uncle founded the Vantrel company in Bremen.", "Vantrel", ("Vantrel", "organization")),
    ("Rome is in Lazio province.", "Lazio province", ("Lazio province", "place")),
    # Names of places by their last word, unless an organisation's word stands in them.
    (
        "Fire crews reached the Tamsen National Forest on Tuesday.",
        "Tamsen National Forest",
        ("Tamsen National Forest", "place"),
    ),
    (
        "Officials of the Harlow Unified School District closed the schools.",
        "Harlow Unified School District",
        ("Harlow Unified School District", "organization"),
    ),
    # ... and a word that is a surname too does not overrule a tagged person.
    ("Ricki Lake spoke to reporters on Monday.", "Ricki Lake", ("Ricki Lake", "person")),
    (
        "She studied at Denholm College for two years.",
        "Denholm College",
        ("Denholm College", "organization"),
    ),
    # A state after a town is no person for the "who" after it.
    (
        "Ada Kell, born in Fort Scott, Kan., who later moved away, wrote books.",
        "Kan.",
        ("Kan.", "place"),
    ),
    # An organisation's word before "of" in a name; a court is no place for "state".
    (
        "Ines Araya, a judge of the Third District Court of Appeals, wrote the ruling.",
        "Third District Court of Appeals",
        ("Third District Court of Appeals", "organization"),
    ),
    (
        "The state Supreme Court in Carver County ruled on Monday.",
        "Supreme Court",
        ("Supreme Court", "organization"),
    ),
    # A title of a place, and the owner of a home or a relative, is a person.
    (
        "The Duchess of Carrick opened the hospital wing.",
        "Duchess of Carrick",
        ("Duchess of Carrick", "person"),
    ),
    ("Agents arrived at Ondrak's Vermont home on Friday.", "Ondrak", ("Ondrak", "person")),
    # A rank the tagger ran on to an organisation's name goes to the person after it.
    (
        "The ship sank, said Coast Guard Lt. Petra Lund.",
        "Coast Guard",
        ("Coast Guard", "organization"),
    ),
    # A name the tagger missed, with an occupation only people hold in apposition.
    ("Ozer, a senior Finance Ministry official, declined to comment.", "Ozer", ("Ozer", "person")),
    # Names that are not actors.
    ("Lithuanian officials met on Monday.", "Lithuanian", REFUSED),
    ("The Nokia 3310 phone sold well in Finland.", "Nokia 3310", REFUSED),
    ("The Moon was eclipsed on Tuesday night.", "Moon", REFUSED),
    ("Athletes arrived for the Pacific Games in Apia.", "Pacific Games", REFUSED),
    # A legislator's party-state tag is whom they represent, not a place of the text.
    (
        "Sen. Howard Pell, D-Calif., chairman of the Senate Veterans Affairs Committee, "
        "said the plan failed.",
        "Calif.",
        REFUSED,
    ),
    ("Rep. Owen Brandt (R-Texas) voted against the bill.", "Texas", REFUSED),
    ("Voters in Texas backed Owen Brandt on Tuesday.", "Texas", ("Texas", "place")),
    # The one spoken to is no actor; an apposition or a subject set off by commas is.
    ("Thanks, Dmitri. We will be back after the break.", "Dmitri", REFUSED),
    ('"No, Peter, you are wrong," Mary Jones said.', "Peter", REFUSED),
    ("What do you think, Ingrid?", "Ingrid", REFUSED),
    ("He is survived by his wife, Mary.", "Mary", ("Mary", "person")),
    ("Well, Halvorsen, the chairman, said no.", "Halvorsen", ("Halvorsen", "person")),
    # A firm named by its partners, cut at a comma by the tagger, is one name; a list
    # of firms is not.
    (
        "The offering was managed by Merrill Lynch, Pierce, Fenner & Smith Inc. on Monday.",
        "Merrill Lynch, Pierce, Fenner & Smith",
        ("Merrill Lynch, Pierce, Fenner & Smith", "organization"),
    ),
    (
        "Shares were sold through Ford, General Motors Corp. and Chrysler Corp.",
        "Ford",
        ("Ford", "organization"),
    ),
    # A nationality with an article in apposition is a person.
    ("Karimov, a Russian, was arrested in Ohio.", "Karimov", ("Karimov", "person")),
    # What is near something, or whose native somebody is, is a place.
    (
        "The returns were complete but for a rural precinct near Lemmon in South Dakota.",
        "Lemmon",
        ("Lemmon", "place"),
    ),
    ("Anna Brill, a native of Kulm, won the prize.", "Kulm", ("Kulm", "place")),
    # A plural place noun after two names joined by "and" makes both places.
    ("Police raided farms in Umbria and Lazio provinces.", "Lazio", ("Lazio", "place")),
    # Who shoots somebody is a person, not the place a tagger read.
    (
        "Although Sirhan shot Kennedy in full view of spectators, doubts remained.",
        "Sirhan",
        ("Sirhan", "person"),
    ),
]


@pytest.mark.parametrize(("text", "written", "expected"), CASES)
def test_kind_table(nlp: Language, text: str, written: str, expected) -> None:
    actors = actors_of(nlp, text)
    actor = actor_named(actors, written)
    if expected is REFUSED:
        assert actor is None, f"{written!r} should not be an actor: {actor}"
        return
    assert actor is not None, f"{written!r} not found in {actors}"
    assert (actor.name, actor.kind.value) == expected


def test_one_name_is_one_actor_whatever_its_mentions_drew(nlp: Language) -> None:
    """The tagger may read one name as a person once and an organisation once; the
    document still has one actor, of the kind its strongest evidence gives."""
    text = (
        "Mr. Dalgaard opened the plant in June. Dalgaard, the chairman, said sales rose. "
        "Analysts said Dalgaard would stay."
    )
    named = [a for a in actors_of(nlp, text) if "Dalgaard" in (a.name, *a.aliases)]
    assert len(named) == 1, named
    assert named[0].kind.value == "person"


@pytest.mark.parametrize(
    ("word", "country"),
    [("Lithuanian", "Lithuania"), ("Sudanese", "Sudan"), ("Pakistani", "Pakistan")],
)
def test_nationality_adjectives_name_their_country(word: str, country: str) -> None:
    found = demonym(word)
    assert found is not None and found.name == country


@pytest.mark.parametrize("name", ["Brian", "Morgan", "Milan", "Jordan", "Julian", "Nathan"])
def test_given_names_and_places_are_no_nationality(name: str) -> None:
    assert demonym(name) is None
    assert not_an_actor(name) is None


APPOSITION_CASES = [
    # An apposition says what the name is.
    (
        "Velasquez, a professor of economics at the university, testified on Monday.",
        "Velasquez",
        ("Velasquez", "person"),
    ),
    (
        "Halvard Engen, 47, was appointed on Friday.",
        "Halvard Engen",
        ("Halvard Engen", "person"),
    ),
]


@pytest.mark.parametrize(("text", "written", "expected"), APPOSITION_CASES)
def test_apposition_and_context_kinds(nlp: Language, text: str, written: str, expected) -> None:
    actor = actor_named(actors_of(nlp, text), written)
    assert actor is not None
    assert (actor.name, actor.kind.value) == expected
